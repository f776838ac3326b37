import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { endpoints } from './routes/endpoints.ts'
import { pages } from './routes/index.ts'
import { urls } from './urls.ts'

/** Arguments for builders whose later arguments name a sub-page or format (others get '330', '1', '2', ...); other branches' builders too. */
const SAMPLES: Record<string, unknown[]> = {
  planItemAction: ['330', 1, 2, 'actions'],
  planReviewAction: ['330', 1, 'submit'],
  planPart: ['330', 1, 'commitments/met'],
  planActionPart: ['330', 1, 2, 'milestones/met'],
  planBoard: ['330', 1, '2014-06-01', 'pdf'],
  laInterventionPart: ['330', 'commitments'],
  caseworkQualityExport: ['330', 1, 'csv'],
  laUnworkedExport: ['330', 'csv'],
}

const routeOf = (path: string) => new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/:[A-Za-z_]+/g, '[^/]+')}$`)

describe('urls.ts, the one place paths are written', () => {
  const routes = [...pages, ...endpoints].map((p) => ({ re: routeOf(p.PATH) }))

  it('every path it builds is a page or endpoint the app serves', () => {
    const unserved: string[] = []
    for (const [name, build] of Object.entries(urls) as [keyof typeof urls, (...a: unknown[]) => string][]) {
      const args = SAMPLES[name] ?? Array.from({ length: build.length }, (_, i) => (i === 0 ? '330' : String(i)))
      const path = build(...args).split(/[?#]/)[0] // the query and the fragment are not part of the route
      if (!routes.some((r) => r.re.test(path))) unserved.push(`${name} -> ${path}`)
    }
    assert.deepEqual(unserved, [], 'add the page, fix the builder, or give SAMPLES arguments for it')
  })

  it('encodes what it is given and leaves empty query values out', () => {
    assert.equal(urls.la('E08/000025'), '/la/E08%2F000025')
    assert.equal(urls.overview({ region: 'North East', grade: '', sort: 'name' }), '/?region=North+East&sort=name')
    assert.equal(urls.audit({ la: undefined, action: '' }), '/audit')
    assert.equal(urls.signIn('/la/330?x=1'), '/sign-in?next=%2Fla%2F330%3Fx%3D1')
  })
})
