// The import review page's evidence: each judgement and recommendation links to the staged PDF at the page the
// reader found it on (served only to the person importing it, on its LA, inline with nosniff), and a reviewer can
// add a recommendation the reader missed and remove one it read wrongly before saving.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../../../../../data/store.ts'
import { parseOfstedReport } from '../../../../../engine/inspections/index.ts'
import { reportImportService } from '../../../../../services/reports/reportImportService.ts'
import { addUser, Client, startTestApp } from '../../../../../../test/support/app.ts'
import { storesUnderTest } from '../../../../../../test/support/stores.ts'
import { assertFormErrors } from '../../../../../../test/support/formErrors.ts'
import { extractionToFields } from './reportReviewForm.ts'

const PDF = fs.readFileSync(
  new URL('../../../../../../test/fixtures/ofsted-reports/rotherham_2014-11-19_inspection.pdf', import.meta.url),
)

const synthetic = (name: string) =>
  fs.readFileSync(new URL(`../../../../../../test/fixtures/synthetic-reports/${name}`, import.meta.url))

describe('report import review: evidence pages, adding and removing recommendations', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  let lead: Client
  let url: string
  let token: string
  let reading: Awaited<ReturnType<typeof parseOfstedReport>>
  const saved = async () => (await store.query<{ n: number }>('SELECT count(*)::int AS n FROM imported_report'))[0].n

  before(async () => {
    store = await storesUnderTest()[0].open()
    await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
      ('372', 'E08000018', 'Rotherham', 'Yorkshire and The Humber', 'Metropolitan district', true),
      ('373', 'E08000019', 'Sheffield', 'Yorkshire and The Humber', 'Metropolitan district', true)`)
    app = await startTestApp(store)
    await addUser(app.services, 'rotherham.lead', 'local', ['372'])
    await addUser(app.services, 'rotherham.other', 'local', ['372'])
    await addUser(app.services, 'sheffield.lead', 'local', ['373'])
    lead = new Client(app.url)
    await lead.signIn('rotherham.lead')
    const actor = {
      id: (await app.services.users.findByUsername('rotherham.lead'))!.id,
      name: 'rotherham.lead',
      role: 'local',
      laScope: ['372'],
    }
    reading = await parseOfstedReport(new Uint8Array(PDF))
    const staged = await reportImportService(app.services.plans, app.services.config).stage(
      { bytes: PDF, fileName: 'rotherham.pdf', laCode: '372' },
      actor,
    )
    token = staged.token
    url = `/la/372/reports/import/${token}`
  })
  after(async () => {
    await app?.close()
    await store?.close()
  })

  it('links every judgement and recommendation to the page of the PDF it was read from', async () => {
    const page = await lead.request('GET', url)
    assert.equal(page.status, 200)
    const links = [...page.text.matchAll(/href="([^"]+)"[^>]*>page (\d+) of the report/g)]
    const expected = [...reading.judgements, ...reading.recommendations].map((x) => x.page)
    assert.equal(links.length, expected.length, 'one evidence link per judgement and recommendation')
    assert.ok(reading.recommendations.length > 30)
    assert.deepEqual(
      links.map((m) => [m[1], Number(m[2])]),
      expected.map((p) => [`/la/372/reports/import/${token}/report.pdf#page=${p}`, p]),
    )
    assert.ok(new Set(expected).size > 3, 'the pages differ from row to row')
    assert.match(page.text, /data-qa="open-report"/)
  })

  it('serves the staged PDF inline with nosniff, only to the person importing it on its LA', async () => {
    const res = await fetch(`${app.url}${url}/report.pdf`, { headers: { cookie: lead.cookie } })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'application/pdf')
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
    assert.match(res.headers.get('content-disposition') ?? '', /^inline; filename="ofsted-report\.pdf"$/)
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(PDF), 'the bytes uploaded')
    const other = new Client(app.url)
    await other.signIn('rotherham.other')
    assert.equal((await other.request('GET', `${url}/report.pdf`)).status, 403, 'another user of the same LA')
    const sheffield = new Client(app.url)
    await sheffield.signIn('sheffield.lead')
    assert.equal((await sheffield.request('GET', `${url}/report.pdf`)).status, 403, 'a user of another LA')
    assert.equal((await lead.request('GET', `/la/373/reports/import/${token}/report.pdf`)).status, 403)
    assert.equal((await lead.request('GET', `/la/372/reports/import/${'0'.repeat(32)}/report.pdf`)).status, 404)
    assert.equal((await lead.request('GET', '/la/372/reports/import/not-a-token/report.pdf')).status, 404)
  })

  it('adds an empty recommendation row, keeping what was typed; the new row must be filled in to save', async () => {
    const fields = extractionToFields(reading) as Record<string, string>
    const n = reading.recommendations.length
    const added = await lead.request('POST', `${url}/add`, {
      _csrf: await lead.csrf(url),
      ...fields,
      'r-0-text': 'Corrected by the reviewer.',
    })
    assert.equal(added.status, 303)
    assert.equal(added.location, `${url}#recommendation-${n + 1}`)
    const page = await lead.request('GET', url)
    assert.equal((page.text.match(/data-qa="recommendation"/g) ?? []).length, n + 1)
    assert.match(page.text, /Corrected by the reviewer\./, 'the form as typed is kept')
    assert.match(page.text, /Added by you: not read from the report/)
    assert.equal(await saved(), 0, 'nothing saved by adding a row')

    await assertFormErrors(lead, {
      page: url,
      input: { ...fields, recCount: String(n + 1), [`r-${n}-page`]: '', checked: 'yes', action: 'save' },
      errors: [
        { field: `r-${n}-category`, message: 'Enter the category exactly as the report groups the recommendation' },
        { field: `r-${n}-addressee`, message: 'Select who the recommendation is for' },
        { field: `r-${n}-text`, message: 'Enter the recommendation text, or tick remove' },
      ],
      saved,
      kept: ['r-1-category', 'r-1-text', `r-${n - 1}-text`],
    })
  })

  it('refuses bad files at upload with a message naming what each is, saving and staging nothing', async () => {
    const staged = () => fs.readdirSync(`${app.services.config.dataDir}/imports`).length
    const before = staged()
    const whole = fs.readFileSync(
      new URL('../../../../../../test/fixtures/ofsted-reports/medway_2019-08-27_inspection.pdf', import.meta.url),
    )
    const bad: Array<[string, Buffer, RegExp]> = [
      ['html-error-page.pdf', synthetic('html-error-page.pdf'), /This file is a web page \(HTML\), not a PDF/],
      ['encrypted.pdf', synthetic('encrypted.pdf'), /protected by a password/],
      ['scanned-no-text.pdf', synthetic('scanned-no-text.pdf'), /no text layer \(it may be a scan\)/],
      ['cut-off.pdf', whole.subarray(0, Math.floor(whole.length / 2)), /incomplete|damaged/],
      ['childrens-home-report.pdf', synthetic('childrens-home-report.pdf'), /report on a children’s home/],
    ]
    for (const [name, bytes, message] of bad) {
      const res = await lead.upload('/la/372/reports/import', 'report', bytes, name)
      assert.equal(res.status, 303, name)
      const back = res.location
      assert.equal(back.split('?')[0], '/la/372/reports/import', `${name}: back to the upload form`)
      const page = await lead.request('GET', back)
      assert.match(page.text, /govuk-error-summary/, name)
      assert.match(page.text.replace(/&#39;|&rsquo;/g, '’'), message, name)
    }
    assert.equal(staged(), before, 'nothing staged')
    assert.equal(await saved(), 0, 'nothing saved')
  })

  it('saves the added recommendation and drops the removed one', async () => {
    const fields = extractionToFields(reading) as Record<string, string>
    const n = reading.recommendations.length
    const res = await lead.request('POST', url, {
      _csrf: await lead.csrf(url),
      ...fields,
      recCount: String(n + 1),
      [`r-${n}-number`]: '99',
      [`r-${n}-category`]: 'Recommendations',
      [`r-${n}-addressee`]: 'local authority',
      [`r-${n}-text`]: 'A recommendation the reader missed.',
      'r-0-remove': 'yes',
      checked: 'yes',
      action: 'save',
    })
    assert.equal(res.status, 303)
    assert.equal(res.location, '/la/372/plans')
    const texts = (await store.query<{ text: string }>('SELECT text FROM recommendation')).map((r) => r.text)
    assert.equal(texts.length, n)
    assert.ok(texts.includes('A recommendation the reader missed.'))
    assert.ok(!texts.includes(reading.recommendations[0].text), 'the removed one is not saved')
    assert.equal((await lead.request('GET', `${url}/report.pdf`)).status, 404, 'the staged PDF is gone')
  })
})
