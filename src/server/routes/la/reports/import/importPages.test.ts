import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../../../../../data/store.ts'
import { reportImportService, type Extraction } from '../../../../../services/reports/reportImportService.ts'
import { addUser, Client, startTestApp } from '../../../../../../test/support/app.ts'
import { storesUnderTest } from '../../../../../../test/support/stores.ts'
import { parseInput } from '../../../../../services/commands/command.ts'
import { reviewFormSchema } from '../../../../../services/reports/confirmImport.ts'
import { extractionToFields, flagsByField } from './reportReviewForm.ts'
import { assertFormErrors } from '../../../../../../test/support/formErrors.ts'

/** The review form read by its command's schema: the confirmed report, or the errors by field. */
function fieldsToReport(fields: Record<string, string | undefined>) {
  const parsed = parseInput(reviewFormSchema, fields)
  if (!parsed.ok) return { errors: Object.fromEntries(parsed.errors.map((e) => [e.field, e.message])) }
  return { errors: {}, report: parsed.input.discard ? undefined : parsed.input.report }
}

const REPORTS = new URL('../../../../../../test/fixtures/ofsted-reports/', import.meta.url)
const PDF = fs.readFileSync(new URL('rotherham_2014-11-19_inspection.pdf', REPORTS))

/** Rotherham 2014 (SIF, 35 recommendations) as read by a person: the ground truth beside the real report. */
function truthExtraction(): Extraction {
  const t = JSON.parse(fs.readFileSync(new URL('rotherham_2014-11-19_inspection.truth.json', REPORTS), 'utf8'))
  return {
    la: t.la,
    framework: t.framework,
    inspectionStart: '2014-09-16',
    inspectionEnd: '2014-10-08',
    published: t.published,
    judgements: Object.entries(t.judgements as Record<string, string>).map(([area, grade]) => ({ area, grade })),
    lscbJudgement: t.lscb_judgement,
    recommendations: (t.recommendations as Array<{ number: string; category: string; text: string }>).map((r) => ({
      number: r.number,
      category: r.category.replace(/^LSCB: /, ''),
      addressee: r.category.startsWith('LSCB') ? 'LSCB' : 'local authority',
      text: r.text,
    })),
    flags: [
      { field: 'recommendations.2.category', message: 'Heading split across a page break' },
      'Publication date taken from the listing',
    ],
  }
}

describe('report import review form', () => {
  it("reads an administrator's reason for saving another council's report, and refuses an over-long one", () => {
    const fields = { ...extractionToFields(truthExtraction()), checked: 'yes' }
    assert.equal(fieldsToReport(fields).report?.laOverrideReason, null, 'no reason given: none')
    const given = fieldsToReport({ ...fields, laOverrideReason: '  Filed with Norfolk by the commissioner  ' })
    assert.equal(given.report?.laOverrideReason, 'Filed with Norfolk by the commissioner')
    const long = fieldsToReport({ ...fields, laOverrideReason: 'x'.repeat(2001) })
    assert.deepEqual(long.errors, { laOverrideReason: 'The reason must be 2,000 characters or less' })
  })

  it('round-trips an extraction through the form fields', () => {
    const extraction = truthExtraction()
    extraction.judgements[3].grade = 'Requires Improvement' // as SIF reports print it
    extraction.recommendations[0].theme = 'Leadership, management and governance'
    const fields = extractionToFields(extraction)
    assert.equal(fields['r-0-theme'], 'Leadership, management and governance')
    assert.equal(fields.recCount, '35')
    assert.equal(
      fields['j-3-grade'],
      'Requires improvement',
      'Ofsted\u2019s "Requires Improvement" is stored as Sightline spells it',
    )
    const { report, errors } = fieldsToReport({ ...fields, checked: 'yes' })
    assert.deepEqual(errors, {})
    assert.equal(report!.recommendations.length, 35)
    assert.deepEqual(report!.recommendations.filter((r) => r.addressee === 'safeguarding board').length, 9)
    assert.deepEqual(
      report!.recommendations.slice(0, 2).map((r) => r.theme),
      ['Leadership, management and governance', null],
      'the theme, as corrected, is kept; an empty theme is none',
    )
  })

  it('needs every field valid and the checked box; removed rows are dropped', () => {
    const fields = extractionToFields(truthExtraction())
    const { errors } = fieldsToReport({ ...fields, 'r-0-text': '', 'j-0-grade': 'Adequate', published: '23/05/2014' })
    assert.deepEqual(errors, {
      'r-0-text': 'Enter the recommendation text, or tick remove',
      'j-0-grade': 'Select the grade as published',
      published: 'Enter a real date, for example 22 7 2014',
      checked: 'Confirm that you have checked every field against the report',
    })
    const { report } = fieldsToReport({ ...fields, 'r-0-text': '', 'r-0-remove': 'yes', checked: 'yes' })
    assert.equal(report!.recommendations.length, 34)
  })

  it('places flags beside the fields they name', () => {
    const f = flagsByField(truthExtraction().flags)
    assert.deepEqual(f.byField, { 'r-2-category': 'Heading split across a page break' })
    assert.equal(f.general.length, 2)
  })
})

describe('report import pages', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  let lead: Client

  before(async () => {
    store = await storesUnderTest()[0].open()
    await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
      ('372', 'E08000018', 'Rotherham', 'Yorkshire and The Humber', 'Metropolitan district', true)`)
    // The register's record of the same inspection (first day as in the report), which the import links to.
    await store.query(`INSERT INTO inspection (la_code, framework, start_date, published, overall_grade, source, source_key)
      VALUES ('372', 'SIF', '2014-09-16', '2014-11-19', 'Inadequate', 'test', '372|SIF|2014-11-19')`)
    app = await startTestApp(store)
    await addUser(app.services, 'rotherham.lead', 'local', ['372'])
    await addUser(app.services, 'dfe.adviser', 'national')
    lead = new Client(app.url)
    await lead.signIn('rotherham.lead')
  })
  after(async () => {
    await app?.close()
    await store?.close()
  })

  /** Rotherham's report staged for review by the Rotherham lead (truth extraction), as the review page's URL. */
  const stageRotherham = async () => {
    const actor = {
      id: (await app.services.users.findByUsername('rotherham.lead'))!.id,
      name: 'rotherham.lead',
      role: 'local',
      laScope: ['372'],
    }
    const staged = await reportImportService(app.services.plans, {
      ...app.services.config,
      extractor: truthExtraction,
    }).stage({ bytes: PDF, fileName: 'rotherham.pdf', laCode: '372' }, actor)
    return `/la/372/reports/import/${staged.token}`
  }

  const upload = (bytes: Buffer, name: string) => lead.upload('/la/372/reports/import', 'report', bytes, name)

  it('refuses a file that is not a PDF, whatever its name, with a GOV.UK error and nothing saved', async () => {
    const res = await upload(Buffer.from('\u0089PNG\r\n\u001a\n not a report'), 'report.pdf')
    assert.equal(res.status, 303)
    const page = await lead.request('GET', res.location)
    assert.match(page.text, /govuk-error-summary/)
    assert.match(page.text, /The selected file must be a PDF/)
    assert.equal((await store.query<{ n: number }>('SELECT count(*) AS n FROM imported_report'))[0].n, 0)
  })

  it('reads a real report, or says clearly that the reader is not installed', async () => {
    const res = await upload(PDF, 'rotherham.pdf')
    assert.equal(res.status, 303)
    const page = await lead.request('GET', res.location)
    if (res.location.startsWith('/la/372/reports/import/')) assert.match(page.text, /Check the report before saving/)
    else assert.match(page.text, /The Ofsted report reader is not installed|The selected file|could not be read/)
    assert.equal(
      (await store.query<{ n: number }>('SELECT count(*) AS n FROM imported_report'))[0].n,
      0,
      'nothing saved before confirmation',
    )
  })

  it('shows field errors on the upload and review forms beside their fields, in field order, saving nothing', async () => {
    const saved = async () => (await store.query<{ n: number }>('SELECT count(*)::int AS n FROM imported_report'))[0].n
    await assertFormErrors(lead, {
      page: '/la/372/reports/import',
      input: {},
      errors: [{ field: 'report', message: 'Select the Ofsted report (PDF)' }],
      saved,
    })
    const url = await stageRotherham()
    const { inspectionStart: _dropped, ...fields } = extractionToFields(truthExtraction()) as Record<string, string>
    await assertFormErrors(lead, {
      page: url,
      input: {
        ...fields,
        framework: 'inspection',
        'inspectionStart-day': '31',
        'inspectionStart-month': '4',
        'inspectionStart-year': '2014',
        'j-0-grade': 'Adequate',
        'r-0-category': 'x'.repeat(501),
        'r-1-text': '',
        action: 'save',
      },
      errors: [
        { field: 'framework', message: 'Select the inspection framework' },
        { field: 'inspectionStart', message: 'Enter a real date, for example 22 7 2014', href: '#inspectionStart-day' },
        { field: 'j-0-grade', message: 'Select the grade as published' },
        { field: 'r-0-category', message: 'The category must be 500 characters or less' },
        { field: 'r-1-text', message: 'Enter the recommendation text, or tick remove' },
        { field: 'checked', message: 'Confirm that you have checked every field against the report' },
      ],
      saved,
      kept: ['inspectionStart-day', 'inspectionStart-month', 'inspectionStart-year'],
    })
  })

  it('shows every field with flags, saves only when confirmed, and links the register', async () => {
    const url = await stageRotherham()
    const review = await lead.request('GET', url)
    assert.equal(review.status, 200)
    assert.equal((review.text.match(/data-qa="recommendation"/g) ?? []).length, 35)
    assert.match(review.text, /Heading split across a page break/)
    const fields = { ...extractionToFields(truthExtraction()) } as Record<string, string>
    // Not confirmed: refused, nothing saved.
    let res = await lead.request('POST', url, { _csrf: await lead.csrf(url), ...fields, action: 'save' })
    assert.equal(res.status, 303)
    assert.match(
      (await lead.request('GET', res.location)).text,
      /Confirm that you have checked every field against the report/,
    )
    assert.equal((await store.query<{ n: number }>('SELECT count(*) AS n FROM imported_report'))[0].n, 0)
    // Corrected and confirmed.
    res = await lead.request('POST', url, {
      _csrf: await lead.csrf(url),
      ...fields,
      'r-2-category': 'Priority and immediate action',
      checked: 'yes',
      action: 'save',
    })
    assert.equal(res.status, 303)
    assert.equal(res.location, '/la/372/plans')
    const [saved] = await store.query<{ n: number; flags: unknown[] }>(
      'SELECT (SELECT count(*) FROM recommendation) AS n, flags FROM imported_report',
    )
    assert.equal(saved.n, 35)
    assert.equal(saved.flags.length, 2, 'the reader\u2019s flags are kept with the report')
    assert.equal((await lead.request('GET', url)).status, 404, 'the staged files are gone')
  })
  it('after saving, shows the report on the plans page, in a new plan and on the register\u2019s inspection', async () => {
    const [{ id: inspectionId }] = await store.query<{ id: number }>("SELECT id FROM inspection WHERE la_code = '372'")
    const [{ inspection_id: linked }] = await store.query<{ inspection_id: number }>(
      'SELECT inspection_id FROM imported_report',
    )
    assert.equal(linked, inspectionId, 'the import is linked to the register\u2019s record of the same inspection')

    let plans = await lead.request('GET', '/la/372/plans')
    assert.match(plans.text, /Not in a plan yet/)
    assert.match(plans.text, new RegExp(`href="/la/372#inspection-${inspectionId}"`))
    assert.match(plans.text, /SIF report, inspected 16 September 2014 \(35 recommendations\)/)
    let la = await lead.request('GET', '/la/372')
    assert.equal(la.status, 200)
    assert.match(la.text, new RegExp(`id="inspection-${inspectionId}"`))
    assert.match(la.text, /Its 35 recommendations are not in an improvement plan yet/)

    const adviser = new Client(app.url)
    await adviser.signIn('dfe.adviser')
    const asAdviser = await adviser.request('GET', '/la/372/plans')
    assert.doesNotMatch(asAdviser.text, /data-qa="start-plan"/, 'national users review plans; they do not start them')
    assert.match(asAdviser.text, /Rotherham’s improvement lead starts the plan from these reports/)

    const [{ id: reportId }] = await store.query<{ id: number }>('SELECT id FROM imported_report')
    const res = await lead.request('POST', '/la/372/plans', {
      _csrf: await lead.csrf('/la/372/plans'),
      title: 'Rotherham improvement plan',
      reportIds: String(reportId),
    })
    assert.equal(res.status, 303)
    const overview = await lead.request('GET', res.location)
    assert.match(overview.text, /Ofsted reports this plan answers/)
    assert.match(overview.text, /16 September 2014 to 8 October 2014/)
    assert.match(overview.text, new RegExp(`href="/la/372#inspection-${inspectionId}"`))
    const itemLinks = new Set(overview.text.match(/href="\/la\/372\/plans\/\d+\/items\/\d+"/g))
    assert.equal(itemLinks.size, 35, 'one item for each recommendation')

    plans = await lead.request('GET', '/la/372/plans')
    assert.match(plans.text, new RegExp(`<a class="govuk-link" href="${res.location}">Rotherham improvement plan</a>`))
    assert.match(plans.text, /already in Rotherham improvement plan/)
    la = await lead.request('GET', '/la/372')
    assert.match(
      la.text,
      /Its 35 recommendations are answered by <a class="govuk-link" href="[^"]+">Rotherham improvement plan<\/a>/,
    )
  })
})
