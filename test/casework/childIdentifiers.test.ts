import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import Papa from 'papaparse'
import type { Role } from '../../src/engine/access/permissions.ts'
import type { Store } from '../../src/data/store.ts'
import { endpoints } from '../../src/server/routes/endpoints.ts'
import { pages } from '../../src/server/routes/index.ts'
import { addUser, Client, startTestApp } from '../support/app.ts'
import { storesUnderTest } from '../support/stores.ts'
import { asFiles, fixture, tmpDir } from './support.ts'

/**
 * Oversight and national roles never receive a child-level identifier: with the fixtures' children in LA 201's
 * casework store (one upload of every sample), every page, export and endpoint is fetched as each such role, and no
 * child ID (read from the source files by xmllint, papaparse and exceljs, not by Sightline) appears in any answer.
 * The LA's own user sees them on the data-quality page and its downloads: the check can fail.
 */
const LA = '201'
const FILES = [
  'CIN_Census_2021.xml',
  'CIN_Census_2024.xml',
  'SSDA903_2020_header.csv',
  'SSDA903_2020_episodes.csv',
  'SSDA903_episodes_for_testing_fixes_INPUT.csv',
  'liia_Annex_A.xlsx',
]

/** Every child ID in the source files, read independently. */
async function sourceChildIds(): Promise<string[]> {
  const ids = new Set<string>()
  for (const f of FILES.filter((x) => x.endsWith('.xml'))) {
    const text = fs.readFileSync(fixture(f), 'utf8')
    for (const m of text.matchAll(/<LAchildID>([^<]+)<\/LAchildID>/g)) ids.add(m[1].trim())
  }
  for (const f of FILES.filter((x) => x.endsWith('.csv')))
    for (const r of Papa.parse<Record<string, string>>(fs.readFileSync(fixture(f), 'utf8'), { header: true }).data)
      if (r.CHILD) ids.add(r.CHILD.trim())
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(fixture('liia_Annex_A.xlsx'))
  for (const ws of wb.worksheets)
    ws.eachRow((row, i) => {
      const v = row.getCell(1).value
      if (i > 1 && v !== null && v !== undefined && String(v).trim()) ids.add(String(v).trim())
    })
  // Short IDs ("1") would match any page's digits; every fixture ID is longer than this.
  return [...ids].filter((id) => id.length >= 5)
}

/** The text of an answer: an XLSX download is unzipped, so IDs inside its sheets are seen too. */
async function bodyText(res: Response): Promise<string> {
  const bytes = Buffer.from(await res.arrayBuffer())
  if (bytes.subarray(0, 2).toString() !== 'PK') return bytes.toString('utf8')
  const zip = await JSZip.loadAsync(bytes)
  const parts = await Promise.all(Object.values(zip.files).map((f) => f.async('string')))
  return parts.join('\n')
}

describe('casework: oversight and national roles never receive a child-level identifier', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  let ids: string[]
  let params: Record<string, string>
  const dataDir = tmpDir('casework-ids-')
  const clients = new Map<string, Client>()

  before(async () => {
    ids = await sourceChildIds()
    store = await storesUnderTest()[0].open()
    await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
      ('${LA}', 'E09000001', 'City of London', 'London', 'London borough', true)`)
    app = await startTestApp(store, { config: { dataDir } })
    const upload = await app.services.casework.ingest(LA, asFiles(...FILES.map(fixture)), { asAt: '2024-03-31' })
    assert.equal(upload.rejected, null)
    const job = app.services.casework.uploads.start(LA, asFiles(fixture('CIN_Census_2021.xml')), {
      asAt: '2024-03-31',
      actor: { id: null, name: 'city.analyst', role: 'local' },
    })
    await app.services.casework.uploads.idle()
    params = { la: LA, snapshot: String(upload.snapshotId), upload: job.id }
    const users: Array<[string, Role, string[], boolean]> = [
      ['oversight', 'oversight', [LA], false],
      ['national', 'national', [], false],
      ['admin', 'national', [], true],
      ['readonly', 'readonly', [], false],
      ['partner', 'partner', [LA], false],
      ['local', 'local', [LA], false],
    ]
    for (const [name, role, scope, admin] of users) {
      await addUser(app.services, `ids-${name}`, role, scope, admin)
      const c = new Client(app.url)
      await c.signIn(`ids-${name}`)
      clients.set(name, c)
    }
  })
  after(async () => {
    await app?.services.casework.close()
    await app?.close()
    await store?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const concrete = (p: string) => p.replace(/:([A-Za-z]+)/g, (_m, name: string) => params[name] ?? '1')
  const leaked = (text: string) => ids.filter((id) => text.toLowerCase().includes(id.toLowerCase()))
  const get = async (who: string, p: string) =>
    fetch(app.url + p, { headers: { cookie: clients.get(who)!.cookie, accept: 'text/html' }, redirect: 'manual' })

  it('finds the children in the sources and the store holds them', async () => {
    assert.ok(ids.length >= 20, `${ids.length} child IDs`)
    const store201 = await app.services.casework.storeFor(LA)
    const held = await store201.rows<{ child_id: string }>(
      `SELECT DISTINCT child_id FROM child WHERE snapshot_id = ${Number(params.snapshot)}`,
    )
    assert.ok(held.length >= 10)
  })

  it("the LA's own user sees child IDs in the data-quality report and its CSV and XLSX downloads (the check can fail)", async () => {
    for (const suffix of ['quality', 'quality.csv', 'quality.xlsx']) {
      const res = await get('local', `/la/${LA}/casework/snapshots/${params.snapshot}/${suffix}`)
      assert.equal(res.status, 200, suffix)
      assert.ok(leaked(await bodyText(res)).length > 0, `${suffix} names children for the LA's own user`)
    }
    // A search for one child: the words are not kept in the audit trail, which administrators read.
    const search = await get('local', `/la/${LA}/casework/snapshots/${params.snapshot}/quality?q=${ids[0]}`)
    assert.equal(search.status, 200)
  })

  for (const who of ['oversight', 'national', 'admin', 'readonly', 'partner'])
    it(`${who}: no page, export or endpoint answer carries a child ID`, async () => {
      let casework = 0
      for (const page of pages.filter((p) => p.GET)) {
        const p = concrete(page.PATH)
        const res = await get(who, p)
        const found = leaked(await bodyText(res))
        assert.deepEqual(found, [], `${page.PAGE_NAME} (${p}) answered ${res.status} with child IDs`)
        if (p.includes('/casework')) {
          casework++
          assert.equal(res.status, 403, `${who} is refused ${p}`)
        }
      }
      assert.ok(casework >= 6, 'every casework page was tried')
      for (const endpoint of endpoints) {
        const p = concrete(endpoint.PATH)
        const res = await fetch(app.url + p, {
          method: endpoint.METHOD,
          headers: { cookie: clients.get(who)!.cookie, 'content-type': 'application/json' },
          body: '[]',
        })
        assert.ok([400, 401, 403, 415].includes(res.status), `${endpoint.ENDPOINT_NAME} answered ${res.status}`)
        assert.deepEqual(leaked(await bodyText(res)), [], `${endpoint.ENDPOINT_NAME} answered with child IDs`)
      }
    })
})
