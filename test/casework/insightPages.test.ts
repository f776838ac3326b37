import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import Papa from 'papaparse'
import type { Role } from '../../src/engine/access/permissions.ts'
import type { Store } from '../../src/data/store.ts'
import { runSimulation, simulateOptions } from '../../src/services/simulateService.ts'
import { childRef } from '../../src/services/casework/insightViews.ts'
import { addUser, Client, startTestApp } from '../support/app.ts'
import { storesUnderTest } from '../support/stores.ts'
import { tmpDir } from './support.ts'

/**
 * The insight pages over a simulated Birmingham 2014 in LA 330's casework store. The LA's own user sees the
 * indicators, the children waiting (page, CSV, XLSX) and a child's timeline, and every timeline view is in the audit
 * trail with who and why; oversight and national roles are refused every child-level page and export, and their counts
 * page carries no child ID (IDs read from the simulator's CSVs by papaparse, not by Sightline).
 */
const LA = '330'
const INSIGHT = ['/indicators', '/indicators.csv', '/unworked', '/unworked?page=2', '/unworked.csv', '/unworked.xlsx']
/** The child IDs a children-waiting page lists, in order (read from the page's own links). */
const rowIds = (html: string) => [...html.matchAll(/data-qa="child-link">([^<]+)</g)].map((m) => m[1])
const showing = (html: string) => /data-qa="showing">([^<]*)</.exec(html)?.[1].replace(/\s+/g, ' ')
/** The GOV.UK pagination's links: previous, next and each numbered page (href, with &amp; read back). */
function pagination(html: string) {
  const nav = /<nav class="govuk-pagination"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? ''
  const href = (rel: string) =>
    new RegExp(`<a [^>]*href="([^"]+)"[^>]*rel="${rel}"`).exec(nav)?.[1]?.replace(/&amp;/g, '&')
  const current = /<a [^>]*href="[^"]+"[^>]*aria-current="page"[^>]*>\s*(\d+)/.exec(nav)?.[1]
  return { nav, previous: href('prev'), next: href('next'), current: current ? Number(current) : undefined }
}

async function text(res: Response) {
  const bytes = Buffer.from(await res.arrayBuffer())
  if (bytes.subarray(0, 2).toString() !== 'PK') return bytes.toString('utf8')
  const zip = await JSZip.loadAsync(bytes)
  return (await Promise.all(Object.values(zip.files).map((f) => f.async('string')))).join('\n')
}

describe('casework insight pages', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  let ids: string[]
  let truth: { indicators: Record<string, { numerator: number }> }
  const dataDir = tmpDir('insight-pages-')
  const clients = new Map<string, Client>()
  const get = (who: string, p: string) =>
    fetch(app.url + p, { headers: { cookie: clients.get(who)!.cookie, accept: 'text/html' }, redirect: 'manual' })
  const leaked = (body: string) => ids.filter((id) => body.includes(id))

  before(async () => {
    const out = path.join(dataDir, 'sim')
    // Scale 0.05: enough children waiting for three pages of 50, and a team or age band for two (the tests check it).
    const o = simulateOptions({ la: LA, asAt: '2014-03-31', seed: '5', scale: '0.05', failures: 'birmingham-2014' })
    await runSimulation({ ...o, formats: o.formats.filter((f) => f !== 'annexa-csv') }, out)
    truth = JSON.parse(fs.readFileSync(path.join(out, 'truth.json'), 'utf8'))
    const csv = (f: string) =>
      Papa.parse<Record<string, string>>(fs.readFileSync(path.join(out, f), 'utf8'), { header: true }).data
    ids = [
      ...new Set([
        ...csv('ssd/ssd_contacts.csv').map((r) => r.cont_person_id),
        ...csv('ssda903/header.csv').map((r) => r.CHILD),
      ]),
    ].filter((x) => x && x.length >= 8)
    store = await storesUnderTest()[0].open()
    await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
      ('${LA}', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan district', true)`)
    app = await startTestApp(store, { config: { dataDir } })
    const files = [
      'cin-census.xml',
      'annex-a.xlsx',
      ...['dfe-api', 'ssda903', 'ssd'].flatMap((d) => fs.readdirSync(path.join(out, d)).map((f) => path.join(d, f))),
    ]
    const up = await app.services.casework.ingest(
      LA,
      files.map((f) => ({ fileName: path.basename(f), path: path.join(out, f) })),
      { asAt: '2014-03-31' },
    )
    assert.equal(up.rejected, null)
    const users: Array<[string, Role, string[], boolean]> = [
      ['local', 'local', [LA], false],
      ['oversight', 'oversight', [LA], false],
      ['national', 'national', [], false],
      ['admin', 'national', [], true],
      ['partner', 'partner', [LA], false],
      ['readonly', 'readonly', [], false],
    ]
    for (const [name, role, scope, admin] of users) {
      await addUser(app.services, `in-${name}`, role, scope, admin)
      const c = new Client(app.url)
      await c.signIn(`in-${name}`)
      clients.set(name, c)
    }
  })
  after(async () => {
    await app?.services.casework.close()
    await app?.close()
    await store?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it("the LA's user sees every indicator with RAG and the CSV holds every value", async () => {
    const page = await get('local', `/la/${LA}/indicators`)
    assert.equal(page.status, 200)
    const html = await page.text()
    for (const id of Object.keys(truth.indicators)) assert.match(html, new RegExp(`data-qa="indicator-${id}"`), id)
    const rows = Papa.parse<Record<string, string>>(await (await get('local', `/la/${LA}/indicators.csv`)).text(), {
      header: true,
      skipEmptyLines: true,
    }).data
    assert.equal(rows.length, Object.keys(truth.indicators).length)
    for (const r of rows) assert.equal(Number(r.numerator), truth.indicators[r.id].numerator, r.id)
  })

  it('the children waiting: page, CSV and XLSX name the same children; a reason filter narrows to that reason', async () => {
    const list = (await app.services.insight.nationalCounts([LA]))[0]
    const csv = Papa.parse<Record<string, string>>(await (await get('local', `/la/${LA}/unworked.csv`)).text(), {
      header: true,
      skipEmptyLines: true,
    }).data
    assert.equal(csv.length, list.children)
    assert.deepEqual(
      csv.map((r) => Number(r.Priority)),
      csv.map((_, i) => i + 1),
    )
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await (await get('local', `/la/${LA}/unworked.xlsx`)).arrayBuffer()) as never)
    const xlsxIds: string[] = []
    wb.worksheets[0].eachRow((row, i) => void (i > 1 && xlsxIds.push(String(row.getCell(2).value))))
    assert.deepEqual(
      xlsxIds,
      csv.map((r) => r['Child ID']),
    )
    const page = await (await get('local', `/la/${LA}/unworked`)).text()
    assert.ok(leaked(page).length > 0, 'the LA user sees child IDs (the check can fail)')
    const contacts = Papa.parse<Record<string, string>>(
      await (await get('local', `/la/${LA}/unworked.csv?reason=contact_awaiting_decision`)).text(),
      { header: true, skipEmptyLines: true },
    ).data
    assert.equal(contacts.length, list.byReason.find((r) => r.reason === 'contact_awaiting_decision')!.children)
    assert.ok(contacts.every((r) => r.Reasons.includes('Contact with no decision')))
  })

  it('the children waiting come 50 a page: every page in priority order, the count over the whole list, links that work without JavaScript', async () => {
    const csv = Papa.parse<Record<string, string>>(await (await get('local', `/la/${LA}/unworked.csv`)).text(), {
      header: true,
      skipEmptyLines: true,
    }).data
    const all = csv.map((r) => r['Child ID'])
    const pages = Math.ceil(all.length / 50)
    assert.ok(pages >= 3, `three pages or more to test first, middle and last (${all.length} children)`)
    const total = all.length.toLocaleString('en-GB')
    const seen: string[] = []
    let href = `/la/${LA}/unworked`
    for (let p = 1; p <= pages; p++) {
      const res = await get('local', href)
      assert.equal(res.status, 200, href)
      const html = await res.text()
      const from = (p - 1) * 50 + 1
      const to = Math.min(all.length, p * 50)
      assert.deepEqual(rowIds(html), all.slice(from - 1, to), `page ${p}`)
      assert.equal(showing(html), `Showing ${from} to ${to} of ${total} children.`)
      assert.match(html, new RegExp(`<strong>${total}</strong> children known to the service are waiting`))
      const links = pagination(html)
      assert.equal(links.current, p)
      assert.equal(links.previous === undefined, p === 1, `page ${p}: a previous link except on the first`)
      assert.equal(links.next === undefined, p === pages, `page ${p}: a next link except on the last`)
      if (p > 1) assert.equal(links.previous, p === 2 ? `/la/${LA}/unworked` : `/la/${LA}/unworked?page=${p - 1}`)
      if (p === 2)
        assert.match(links.nav, new RegExp(`href="/la/${LA}/unworked\\?page=${pages}"`), 'the last page linked')
      seen.push(...rowIds(html))
      href = links.next ?? ''
    }
    assert.deepEqual(seen, all, 'following "Next" from the first page shows every child once, in priority order')
  })

  it('a filter is kept in the page links; the count is of the filtered list; the downloads are never one page', async () => {
    const list = (await app.services.insight.nationalCounts([LA]))[0]
    const everyone = Papa.parse<Record<string, string>>(await (await get('local', `/la/${LA}/unworked.csv`)).text(), {
      header: true,
      skipEmptyLines: true,
    }).data
    // The filter that keeps most children: the largest team, or an age band.
    const by = (f: (r: Record<string, string>) => boolean) => everyone.filter(f).length
    const options = [
      ...[...new Set(everyone.map((r) => r.Team).filter(Boolean))].map((team) => ({
        q: new URLSearchParams({ team }).toString(),
        n: by((r) => r.Team === team),
      })),
      { q: 'age=10+to+15', n: by((r) => r.Age !== '' && Number(r.Age) >= 10 && Number(r.Age) <= 15) },
    ].sort((a, b) => b.n - a.n)
    const { q, n } = options[0]
    assert.ok(n > 50, `a filter with two pages or more (${q}: ${n})`)
    const csv = Papa.parse<Record<string, string>>(await (await get('local', `/la/${LA}/unworked.csv?${q}`)).text(), {
      header: true,
      skipEmptyLines: true,
    }).data
    assert.equal(csv.length, n)
    const first = await (await get('local', `/la/${LA}/unworked?${q}`)).text()
    assert.equal(showing(first), `Showing 1 to 50 of ${n.toLocaleString('en-GB')} children matching the filters.`)
    assert.match(first, new RegExp(`<strong>${list.children.toLocaleString('en-GB')}</strong> children known`))
    const next = pagination(first).next!
    assert.equal(next, `/la/${LA}/unworked?${q}&page=2`)
    const second = await (await get('local', next)).text()
    assert.deepEqual(
      rowIds(second),
      csv.slice(50, 100).map((r) => r['Child ID']),
    )
    assert.match(
      second,
      new RegExp(`href="/la/${LA}/unworked.csv\\?${q.replace(/[+.]/g, '\\$&')}" data-qa="unworked-csv"`),
      'the CSV link carries no page',
    )
    for (const ext of ['csv', 'xlsx']) {
      const res = await get('local', `/la/${LA}/unworked.${ext}?page=2`)
      assert.equal(res.status, 200)
      if (ext === 'csv') {
        const rows = Papa.parse<Record<string, string>>(await res.text(), { header: true, skipEmptyLines: true }).data
        assert.equal(rows.length, list.children, 'page=2 does not page the CSV')
      } else {
        const wb = new ExcelJS.Workbook()
        await wb.xlsx.load((await res.arrayBuffer()) as never)
        assert.equal(wb.worksheets[0].rowCount - 1, list.children, 'page=2 does not page the XLSX')
      }
    }
  })

  it('a page that is not a number, or past the end, is answered in words with a way back (400, 404), never a 500', async () => {
    const list = (await app.services.insight.nationalCounts([LA]))[0]
    const pages = Math.ceil(list.children / 50)
    for (const bad of ['abc', '0', '-2', '2.5', '1%3Cb%3E']) {
      const res = await get('local', `/la/${LA}/unworked?page=${bad}`)
      assert.equal(res.status, 400, bad)
      const html = await res.text()
      assert.match(
        html,
        /data-qa="page-error">\s*<p class="govuk-body">&quot;[^<]*&quot; is not a page number: pages are numbered from 1\.<\/p>/,
        bad,
      )
      assert.match(html, new RegExp(`href="/la/${LA}/unworked" data-qa="page-error-link">Go to the first page<`))
      assert.equal(rowIds(html).length, 0)
      assert.match(html, /data-qa="reason-counts"/, 'the counts still shown')
    }
    const past = await get('local', `/la/${LA}/unworked?page=${pages + 1}&team=no-such-team`)
    assert.equal(past.status, 404)
    assert.match(await past.text(), /There is no page \d+: no children match, so there is only the first page\./)
    const res = await get('local', `/la/${LA}/unworked?page=${pages + 1}`)
    assert.equal(res.status, 404)
    const html = await res.text()
    assert.match(
      html,
      new RegExp(
        `There is no page ${pages + 1}: the ${list.children.toLocaleString('en-GB')} children listed fill ${pages} pages of 50\\.`,
      ),
    )
    assert.match(
      html,
      new RegExp(
        `href="/la/${LA}/unworked\\?page=${pages}" data-qa="page-error-link">Go to the last page \\(page ${pages}\\)<`,
      ),
    )
  })

  it('a child timeline asks why, and every view is in the audit trail with who and why (a keyed reference, not the ID)', async () => {
    const child = Papa.parse<Record<string, string>>(await (await get('local', `/la/${LA}/unworked.csv`)).text(), {
      header: true,
    }).data[0]['Child ID']
    const views = async () =>
      (await app.services.audit.list({ limit: 1000, action: 'casework.child.view' })).filter((e) => e.laCode === LA)
    const form = await get('local', `/la/${LA}/unworked/child?child=${child}`)
    assert.equal(form.status, 200)
    assert.match(await form.text(), /Why are you opening this record/)
    const short = await get('local', `/la/${LA}/unworked/child?child=${child}&reason=because`)
    assert.equal(short.status, 400)
    assert.equal((await views()).length, 0, 'nothing shown, nothing recorded')
    for (const reason of ['allocating at the duty meeting', 'checking the visit record for supervision']) {
      const res = await get('local', `/la/${LA}/unworked/child?child=${child}&reason=${encodeURIComponent(reason)}`)
      assert.equal(res.status, 200)
      assert.match(await res.text(), /data-qa="timeline"/)
    }
    const events = await views()
    assert.equal(events.length, 2)
    for (const e of events) {
      assert.equal(e.actorName, 'in-local')
      assert.equal(e.subjectId, childRef(dataDir, LA, child))
      assert.ok(!JSON.stringify(e).includes(child), 'the audit trail holds no child ID')
    }
    assert.deepEqual(events.map((e) => (e.after as { reason: string }).reason).sort(), [
      'allocating at the duty meeting',
      'checking the visit record for supervision',
    ])
  })

  for (const who of ['oversight', 'national', 'admin', 'partner', 'readonly'])
    it(`${who}: refused every child-level insight page and export; the counts page has no child ID`, async () => {
      for (const p of [
        ...INSIGHT.map((s) => `/la/${LA}${s}`),
        `/la/${LA}/unworked/child?child=${ids[0]}&reason=curious+about+this+child`,
      ]) {
        const res = await get(who, p)
        assert.equal(res.status, 403, `${who} ${p}`)
        assert.deepEqual(leaked(await text(res)), [], `${who} ${p}`)
      }
      const counts = await get(who, '/unworked-demand')
      assert.equal(counts.status, 200)
      const body = await counts.text()
      assert.deepEqual(leaked(body), [])
      if (who !== 'readonly') assert.match(body, /data-qa="la-330"/)
      const audit = await get(who, '/audit')
      assert.deepEqual(leaked(await text(audit)), [], `${who} /audit`)
    })
})
