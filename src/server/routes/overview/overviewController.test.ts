import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { GRADES } from '../../../engine/grades.ts'
import { KEY_MEASURES, type OverviewRow } from '../../../services/laProfileService.ts'
import type { Services } from '../../../services/index.ts'
import { principal, runGet } from '../../../../test/support/pageHarness.ts'
import { overviewPage } from './overviewController.ts'
import overviewCsv from './overviewCsvController.ts'

/** The overview page's own logic (scope, sort, columns, CSV) over a mocked laProfiles service: no store. */
const rate = (value: number | null) => ({ value, symbol: value === null ? 'c' : null })
function row(
  laCode: string,
  name: string,
  region: string,
  grade: string | null,
  referrals: number | null,
): OverviewRow {
  return {
    laCode,
    name,
    region,
    latestGrade: grade,
    latestDate: grade ? '2023-05-01' : null,
    gradeRank: grade ? GRADES.indexOf(grade as (typeof GRADES)[number]) + 1 : 0,
    yearsSinceInadequate: grade === 'Inadequate' ? 0.5 : null,
    rates: Object.fromEntries(KEY_MEASURES.map((m) => [m.id, rate(m.id === 'referrals' ? referrals : 10)])),
  } as OverviewRow
}
const LAS = [
  row('330', 'Birmingham', 'West Midlands', 'Inadequate', 600),
  row('331', 'Coventry', 'West Midlands', 'Good', 420),
  row('201', 'City of London', 'London', null, null),
]
const calls: unknown[] = []
const services: Partial<Services> = {
  laProfiles: {
    async overview(filters: { region?: string; grade?: string }) {
      calls.push(filters)
      const las = LAS.filter((l) => !filters.region || l.region === filters.region)
      return {
        version: 'v1',
        year: 2024,
        total: LAS.length,
        las,
        england: {},
        regions: ['London', 'West Midlands'],
        grades: GRADES,
        measures: KEY_MEASURES,
      }
    },
  } as unknown as Services['laProfiles'],
}
const names = (locals: Record<string, unknown> | undefined) => (locals!.las as OverviewRow[]).map((l) => l.name)

describe('national overview page (mocked services)', () => {
  it('lists every LA for a national user, sorted by name, with the filters passed to the service', async () => {
    calls.length = 0
    const r = await runGet(overviewPage, { services, user: principal('national'), query: { region: 'West Midlands' } })
    assert.equal(r.view, 'pages/overview/index.njk')
    assert.deepEqual(calls, [{ region: 'West Midlands', grade: undefined, sort: 'name', dir: 'asc' }])
    assert.deepEqual(names(r.locals), ['Birmingham', 'Coventry'])
    assert.equal(r.locals!.scoped, false)
    assert.match(r.html!, /Birmingham/)
    assert.match(r.html!, /Coventry/)
    assert.doesNotMatch(r.html!, /City of London/)
  })

  it('sorts by a rate, descending, and links each column header to the opposite direction', async () => {
    const r = await runGet(overviewPage, {
      services,
      user: principal('national'),
      query: { sort: 'referrals', dir: 'desc' },
    })
    assert.deepEqual(names(r.locals), ['Birmingham', 'Coventry', 'City of London'])
    const columns = r.locals!.columns as { key: string; href: string }[]
    assert.match(columns.find((c) => c.key === 'referrals')!.href, /sort=referrals&dir=asc/)
    assert.match(columns.find((c) => c.key === 'name')!.href, /sort=name&dir=asc/)
  })

  it('ignores an unknown sort and grade instead of failing', async () => {
    calls.length = 0
    const r = await runGet(overviewPage, { services, user: principal('national'), query: { sort: 'drop', grade: 'x' } })
    assert.deepEqual(calls, [{ region: undefined, grade: undefined, sort: 'name', dir: 'asc' }])
    assert.deepEqual(names(r.locals), ['Birmingham', 'City of London', 'Coventry'])
  })

  it('shows an LA-scoped user only their LAs', async () => {
    const r = await runGet(overviewPage, { services, user: principal('local', ['330', '331']) })
    assert.deepEqual(names(r.locals), ['Birmingham', 'Coventry'])
    assert.equal(r.locals!.scoped, true)
    assert.doesNotMatch(r.html!, /City of London/)
  })

  it('sends a one-LA local user and an oversight user to where their work is', async () => {
    const local = await runGet(overviewPage, { services, user: principal('local', ['330']) })
    assert.deepEqual(local.redirect, { status: 303, to: '/la/330' })
    const oversight = await runGet(overviewPage, { services, user: principal('oversight') })
    assert.equal(oversight.redirect?.status, 303)
    assert.notEqual(oversight.redirect?.to, '/')
    assert.equal(oversight.view, undefined)
  })

  it('writes the CSV with a column per key measure and the suppression symbol where there is no value', async () => {
    const r = await runGet(overviewCsv, { services, user: principal('national') })
    const [header, ...lines] = String(r.sent).trim().split(/\r?\n/)
    assert.equal(
      header,
      ['la_code', 'name', 'region', 'latest_grade', 'latest_date', 'years_since_inadequate']
        .concat(KEY_MEASURES.map((m) => `${m.id}_per_10k_2024`))
        .join(','),
    )
    assert.equal(lines.length, 3)
    assert.match(lines[2], /^201,City of London,London,,,,c,/)
  })
})

describe('national overview table: rendered once per data version (server/fragments.ts)', () => {
  // A register whose rows and version the test changes: a held table shows the rows it was rendered from.
  let version = 'a'
  let las = [LAS[0], LAS[1]]
  const changing: Partial<Services> = {
    laProfiles: {
      async overview() {
        return {
          version,
          year: 2024,
          total: las.length,
          las,
          england: {},
          regions: [],
          grades: GRADES,
          measures: KEY_MEASURES,
        }
      },
    } as unknown as Services['laProfiles'],
  }
  const table = (html: string) => html.slice(html.indexOf('data-qa="overview-table"'), html.indexOf('</table>'))
  const get = (user = principal('national'), query: Record<string, string> = { sort: 'grade' }) =>
    runGet(overviewPage, { services: changing, user, query })

  it('reuses the table while the data version stands, renders it again when the version changes', async () => {
    const first = await get()
    assert.match(table(first.html!), /Coventry[\s\S]*Birmingham/, 'Good before Inadequate')
    // The rows change but the version does not (as a cache would see them): the held table is reused, whole.
    las = [LAS[0], { ...LAS[1], name: 'Coventry renamed' }]
    const again = await get()
    assert.equal(table(again.html!), table(first.html!))
    assert.doesNotMatch(again.html!, /Coventry renamed/)
    // A new data version: the table is rendered again from the new rows.
    version = 'b'
    const after = await get()
    assert.match(table(after.html!), /Coventry renamed/)
  })

  it('keeps a table per sort order and per LA scope: a scoped user never gets the national table', async () => {
    version = 'c'
    las = [...LAS]
    const national = await get(principal('national'), { sort: 'name' })
    const scoped = await get(principal('local', ['330', '331']), { sort: 'name' })
    const byRegion = await get(principal('national'), { sort: 'region' })
    assert.match(table(national.html!), /City of London/)
    assert.doesNotMatch(table(scoped.html!), /City of London/)
    assert.notEqual(table(byRegion.html!), table(national.html!))
    assert.match(table(byRegion.html!), /aria-sort="ascending">\s*<a[^>]*sort=region&amp;dir=desc/)
  })
})
