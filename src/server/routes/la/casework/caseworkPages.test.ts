import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import type { Store } from '../../../../data/store.ts'
import { CASEWORK_UPLOAD_MESSAGES } from '../../../../services/commands/casework/uploadCasework.ts'
import { addUser, Client, startTestApp } from '../../../../../test/support/app.ts'
import { assertFormErrors, errorSummary, fieldError } from '../../../../../test/support/formErrors.ts'
import { storesUnderTest } from '../../../../../test/support/stores.ts'
import { urls } from '../../../urls.ts'

const FIXTURES = path.resolve('test/fixtures/casework')
const SAMPLES = ['CIN_Census_2021.xml', 'SSDA903_2020_header.csv', 'SSDA903_2020_episodes.csv', 'liia_Annex_A.xlsx']

/** Posts files as a browser's multipart form does; the answer's status and where it sends the browser. */
async function postFiles(client: Client, base: string, la: string, files: Array<[string, Buffer]>, asAt?: string) {
  const token = await client.csrf(urls.caseworkUpload(la))
  const form = new FormData()
  form.set('_csrf', token)
  for (const [name, bytes] of files) form.append('files', new Blob([new Uint8Array(bytes)]), name)
  if (asAt) {
    const [y, m, d] = asAt.split('-')
    form.set('asAt-day', d)
    form.set('asAt-month', m)
    form.set('asAt-year', y)
  }
  const res = await fetch(`${base}${urls.caseworkUpload(la)}`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { cookie: client.cookie, accept: 'text/html' },
  })
  return { status: res.status, location: res.headers.get('location') ?? '', text: await res.text() }
}

describe('casework pages: upload several files, status, snapshot list, data quality', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  let lead: Client
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-pages-'))

  before(async () => {
    store = await storesUnderTest()[0].open()
    await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
      ('201', 'E09000001', 'City of London', 'London', 'London borough', true)`)
    app = await startTestApp(store, { config: { dataDir } })
    await addUser(app.services, 'city.analyst', 'local', ['201'])
    lead = new Client(app.url)
    await lead.signIn('city.analyst')
  })
  after(async () => {
    await app?.services.casework.close()
    await app?.close()
    await store?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const snapshotCount = async () => (await app.services.casework.snapshots('201')).length

  it('no file: the form comes back with the message beside the file field, nothing queued', async () => {
    await assertFormErrors(lead, {
      page: urls.caseworkUpload('201'),
      input: { 'asAt-day': '31', 'asAt-month': '3', 'asAt-year': '2021' },
      errors: [{ field: 'files', message: CASEWORK_UPLOAD_MESSAGES.files }],
      saved: snapshotCount,
      kept: ['asAt-day', 'asAt-month', 'asAt-year'],
    })
  })

  it('a date that is not one: the form comes back with the date error, nothing queued', async () => {
    await assertFormErrors(lead, {
      page: urls.caseworkUpload('201'),
      input: { 'asAt-day': '30', 'asAt-month': '2', 'asAt-year': '2021' },
      errors: [{ field: 'asAt', message: 'Enter a real date, for example 22 7 2014', href: '#asAt-day' }],
      saved: snapshotCount,
    })
  })

  it('a wrong type of file (multipart): refused at once, naming the file; nothing queued, nothing kept on disk', async () => {
    const before = await snapshotCount()
    const tmpBefore = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('sightline-upload-')).length
    const cin = fs.readFileSync(path.join(FIXTURES, 'CIN_Census_2021.xml'))
    const res = await postFiles(lead, app.url, '201', [
      ['cin.xml', cin],
      ['minutes.docx', Buffer.from('PK\u0003\u0004 not a return')],
    ])
    assert.equal(res.status, 303)
    assert.equal(res.location, urls.caseworkUpload('201'))
    const back = await lead.request('GET', res.location)
    assert.match(fieldError(back.text, 'files') ?? '', /^minutes\.docx is not a return Sightline reads/)
    assert.deepEqual(
      errorSummary(back.text).map((e) => e.href),
      ['#files'],
    )
    assert.match(back.text, /<title>Error: /)
    assert.equal(await snapshotCount(), before)
    const tmpAfter = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('sightline-upload-')).length
    assert.ok(tmpAfter <= tmpBefore, 'the refused files are removed')
  })

  it('several files at once: queued, read in the background, the status page refreshes until the snapshot is current', async () => {
    const files = SAMPLES.map((f) => [f, fs.readFileSync(path.join(FIXTURES, f))] as [string, Buffer])
    const res = await postFiles(lead, app.url, '201', files, '2021-03-31')
    assert.equal(res.status, 303)
    assert.match(res.location, /^\/la\/201\/casework\/uploads\/[0-9a-f-]{36}$/)
    const first = await lead.request('GET', res.location)
    assert.equal(first.status, 200)
    for (const f of SAMPLES) assert.ok(first.text.includes(f), `${f} listed`)
    if (/data-state="(queued|reading)"/.test(first.text))
      assert.match(first.text, /<meta http-equiv="refresh" content="2">/)
    await app.services.casework.uploads.idle()
    const done = await lead.request('GET', res.location)
    assert.match(done.text, /data-state="complete"/)
    assert.doesNotMatch(done.text, /http-equiv="refresh"/, 'no refresh once read')
    const [current] = await app.services.casework.snapshots('201')
    assert.equal(current.current, true)
    assert.equal(current.asAt, '2021-03-31')
    assert.ok(done.text.includes(`Snapshot ${current.snapshotId} is current`))

    const list = await lead.request('GET', urls.caseworkSnapshots('201'))
    assert.match(list.text, new RegExp(`data-qa="snapshot-${current.snapshotId}"[\\s\\S]*?data-qa="current"`))
    assert.ok(list.text.includes(urls.caseworkQuality('201', current.snapshotId)))
  })

  it('the data-quality page filters by severity, file and list; CSV and XLSX downloads hold the same rows', async () => {
    const [current] = await app.services.casework.snapshots('201')
    const id = current.snapshotId
    const all = await lead.request('GET', urls.caseworkQuality('201', id))
    assert.equal(all.status, 200)
    const rows = (html: string) => html.match(/data-qa="quality-issue"/g)?.length ?? 0
    assert.equal(rows(all.text), Math.min(100, current.errors + current.warnings))
    const errors = await lead.request('GET', urls.caseworkQuality('201', id, { severity: 'error' }))
    assert.equal(rows(errors.text), Math.min(100, current.errors))
    assert.doesNotMatch(errors.text, /govuk-tag--yellow">Warning/)

    const csvAll = Papa.parse<Record<string, string>>(
      (await lead.request('GET', urls.caseworkQualityExport('201', id, 'csv'))).text,
      { header: true, skipEmptyLines: true },
    ).data
    assert.equal(csvAll.length, current.errors + current.warnings)
    const file = csvAll[0]['File or source']
    const byFile = await lead.request('GET', urls.caseworkQuality('201', id, { source: file }))
    assert.equal(rows(byFile.text), Math.min(100, csvAll.filter((r) => r['File or source'] === file).length))
    const sheet = csvAll.find((r) => r['Sheet or list'])?.['Sheet or list']
    assert.ok(sheet, 'some issue names its list or table')
    const bySheet = await lead.request('GET', urls.caseworkQuality('201', id, { sheet }))
    assert.equal(rows(bySheet.text), Math.min(100, csvAll.filter((r) => r['Sheet or list'] === sheet).length))

    const res = await fetch(app.url + urls.caseworkQualityExport('201', id, 'xlsx', { severity: 'error' }), {
      headers: { cookie: lead.cookie },
    })
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="data-quality-201-snapshot-/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await res.arrayBuffer()) as never)
    assert.equal(wb.worksheets[0].rowCount - 1, csvAll.filter((r) => r.Severity === 'error').length)
  })

  it('the snapshot list, indicators and children waiting are kept until an upload starts or ends, and never stale', async () => {
    const pages = [urls.caseworkSnapshots('201'), urls.laIndicators('201'), urls.laUnworked('201')]
    const main = async (url: string) => {
      const res = await lead.request('GET', url)
      assert.equal(res.status, 200, url)
      return /<main[^]*<\/main>/.exec(res.text)![0]
    }
    const before = await Promise.all(pages.map(main))
    assert.deepEqual(await Promise.all(pages.map(main)), before, 'the same pages')
    const cw = await app.services.casework.storeFor('201')
    const [current] = await cw.snapshots()
    // A change the store did not make (Sightline makes none): kept pages do not show it, which proves they are kept.
    await cw.rows(`UPDATE snapshot SET message = 'Changed behind the store' WHERE snapshot_id = ${current.snapshotId}`)
    assert.deepEqual(await Promise.all(pages.map(main)), before, 'kept')
    // An upload begins: its snapshot is listed as building at once, and what is on the pages is read again.
    const w = await cw.beginSnapshot({
      asAt: '2021-06-30',
      sources: [{ fileName: 'later.xml', sha256: 'ef'.repeat(32), bytes: 1 }],
    })
    const during = await main(pages[0])
    assert.match(during, new RegExp(`data-qa="snapshot-${w.snapshotId}"[^]*?Building`))
    assert.match(during, /Changed behind the store/)
    await w.append([{ entity: 'child', row: { childId: 'LATER1', sex: 'F', birthMonth: '2015-01' } }], 'cin')
    await w.commit()
    const [list, indicators, unworked] = await Promise.all(pages.map(main))
    assert.match(
      list,
      new RegExp(`data-qa="snapshot-${w.snapshotId}"[^]*?data-qa="current"`),
      'the new snapshot is current',
    )
    assert.match(indicators, /the latest snapshot is as at 30 June 2021 \(2 snapshots shown\)/)
    assert.notEqual(unworked, before[2], 'the children waiting are those of the new snapshot')
    assert.match(unworked, /30 June 2021/)
  })

  it('an unknown snapshot or upload is a 404, not an error page with details', async () => {
    assert.equal((await lead.request('GET', urls.caseworkQuality('201', 9999))).status, 404)
    assert.equal((await lead.request('GET', urls.caseworkQuality('201', 'x'))).status, 404)
    assert.equal((await lead.request('GET', urls.caseworkUploadStatus('201', 'nope'))).status, 404)
  })

  it('after a restart, the status page of an upload that was being read says it was interrupted and to upload again', async () => {
    // The row a process leaves when it stops mid-read (its casework snapshot never completed).
    const id = '00000000-0000-4000-8000-000000000014'
    await store.query(
      `INSERT INTO casework_upload (id, la_code, created_by, file_names, state, done, total, file, started_at)
       VALUES ($1, '201', 'city.analyst', '["cin.xml"]', 'reading', 0, 1, 'cin.xml', now())`,
      [id],
    )
    const restarted = await startTestApp(store, { config: { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cw-')) } })
    try {
      const client = new Client(restarted.url)
      await client.signIn('city.analyst')
      const page = await client.request('GET', urls.caseworkUploadStatus('201', id))
      assert.equal(page.status, 200)
      assert.match(page.text, /data-state="failed"/)
      assert.match(page.text, /data-qa="upload-failed">[^<]*interrupted by a restart[^<]*upload the files again/)
      assert.doesNotMatch(page.text, /http-equiv="refresh"/, 'no refresh: nothing is being read')
      assert.ok(page.text.includes('cin.xml'))
    } finally {
      await restarted.services.casework.close()
      await restarted.close()
    }
  })
})
