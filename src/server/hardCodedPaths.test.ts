import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

/**
 * `urls.ts` is the only place a page's path is written (issue 9). This scans the web server's code and views for a
 * path written by hand: a string starting '/segment' (a link, a redirect, a form action), or a path glued onto a
 * urls helper's result (`urls.plan(la, id) + '/kpis'`, `${urls.plan(la, id)}/kpis`). Allowed: urls.ts itself, route
 * patterns (`PATH:` of definePage and defineEndpoint) and the static files under /public and /assets.
 */
const server = path.dirname(fileURLToPath(import.meta.url))
const ALLOWED_PREFIXES = ['/public', '/assets']
/** A string or attribute value starting with a path segment. */
const LITERAL = /(?:["'`]|\b(?:href|action|formaction|src)=")(\/[a-z][\w./-]*)/gi
/** The home page written by hand: `BACK: () => '/'`, `res.redirect(303, '/')`. */
const HOME = /=>\s*["'`]\/["'`]|redirect\([^)]*["'`]\/["'`]\s*\)/
/** A path glued onto a urls helper's result, in code or a view. */
const GLUED =
  /urls\.\w+\([^)]*\)\s*\+\s*["'`]([/?][^"'`]*)|\$\{\s*urls\.\w+\([^}]*\)\}(\/[\w/-]+)|\{\{\s*urls\.\w+\([^}]*\)\s*\}\}(\/[\w/-]+)/g

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return filesUnder(full)
    return /\.(ts|njk)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [full] : []
  })
}

/** Comments out of the way (keeping line numbers), so a comment may quote a URL. */
function withoutComments(text: string, njk: boolean): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ')
  if (njk) return text.replace(/\{#[\s\S]*?#\}/g, blank)
  return text.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/(^|[\s;{}(),])\/\/[^\n]*/g, blank)
}

export function hardCodedPaths(file: string, text: string): string[] {
  const found: string[] = []
  const code = withoutComments(text, file.endsWith('.njk'))
  code.split('\n').forEach((line, i) => {
    if (/^\s*PATH:/.test(line)) return
    const where = `${path.relative(server, file)}:${i + 1}`
    const glued = [...line.matchAll(GLUED)].map((m) => m[1] ?? m[2] ?? m[3])
    for (const g of glued) found.push(`${where}: urls helper + ${g}`)
    if (HOME.test(line)) found.push(`${where}: /`)
    for (const m of line.matchAll(LITERAL)) {
      const after = line.slice(0, m.index)
      if (glued.includes(m[1]) || /asset\w*\s*\+\s*["']?$/i.test(after)) continue
      if (!ALLOWED_PREFIXES.some((p) => m[1] === p || m[1].startsWith(`${p}/`))) found.push(`${where}: ${m[1]}`)
    }
  })
  return found
}

describe('paths are written only in urls.ts', () => {
  it('finds no hand-written path in src/server (code and views)', () => {
    const files = filesUnder(server).filter((f) => path.basename(f) !== 'urls.ts')
    assert.ok(files.length > 100, `scanned ${files.length} files`)
    assert.deepEqual(
      files.flatMap((f) => hardCodedPaths(f, fs.readFileSync(f, 'utf8'))),
      [],
    )
  })

  it('catches each way of writing one by hand, and lets route patterns, comments and static files through', () => {
    const ts = (text: string) => hardCodedPaths(path.join(server, 'x.ts'), text)
    const njk = (text: string) => hardCodedPaths(path.join(server, 'x.njk'), text)
    assert.equal(ts("res.redirect(303, '/la/' + code)").length, 1)
    assert.equal(ts('res.redirect(303, `/sign-in?next=${next}`)').length, 1)
    assert.equal(ts("const back = urls.plan(la, id) + '/kpis'").length, 1)
    assert.equal(ts('const back = `${urls.plan(la, id)}/kpis`').length, 1)
    assert.equal(ts("  BACK: () => '/',").length, 1)
    assert.equal(ts("return res.redirect(303, '/')").length, 1)
    assert.deepEqual(ts("const parts = name.split('/')"), [])
    assert.equal(njk('<form method="post" action="/sign-out">').length, 1)
    assert.equal(njk('{{ govukButton({ href: "/plans" }) }}').length, 1)
    assert.equal(njk('href: urls.plan(laCode, model.plan.id) + "/kpis",').length, 1)
    assert.equal(njk('<form action="{{ urls.plan(laCode, model.plan.id) }}/commitments" novalidate>').length, 1)
    assert.deepEqual(ts("  PATH: '/la/:la/plans/:plan',"), [])
    assert.deepEqual(ts('/** Served at `/la/:la/plans`. */\nconst x = 1 // see /la/:la'), [])
    assert.deepEqual(njk('<link rel="stylesheet" href="/public/app.css">{# /la/ #}'), [])
    assert.deepEqual(ts("app.use('/assets', express.static(dir))"), [])
    assert.deepEqual(ts("res.redirect(303, urls.plan(la, id) + '#commitments')"), [])
  })
})
