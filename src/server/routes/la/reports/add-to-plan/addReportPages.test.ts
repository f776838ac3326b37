import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { addUser, Client } from '../../../../../../test/support/app.ts'
import { demoPlanApp } from '../../../../../../test/support/demoPlanApp.ts'
import type { ConfirmedReport } from '../../../../../services/reports/importReport.ts'
import { addedMessage } from './addReportToPlanController.ts'

const SYSTEM = { id: null, name: 'system', role: null }
const PAGE = '/la/331/reports/add-to-plan'

/** A monitoring visit letter with `n` recommendations, as confirmed on the review page. */
const visit = (laCode: string, n: number, start = '2014-09-09'): ConfirmedReport => ({
  laCode,
  framework: 'monitoring visit',
  inspectionStart: start,
  inspectionEnd: null,
  published: null,
  judgements: [],
  lscbJudgement: null,
  recommendations: Array.from({ length: n }, (_, i) => ({
    number: null,
    category: 'Areas for improvement',
    addressee: 'local authority',
    text: `Monitoring visit recommendation ${i + 1}: managers check every child’s plan each month.`,
  })),
})

/**
 * The page adding a later report (here a monitoring visit letter) to Coventry's seeded 2014 plan: reached from the
 * plan overview and the plans page, only for those who edit plans and work on Coventry; refusals come back as GOV.UK
 * errors; success says how many recommendations became items.
 */
describe('adding a later Ofsted report to a plan (pages)', () => {
  const demo = demoPlanApp()
  let visitId: number
  let sifId: number
  let birminghamId: number
  let planUrl: string

  before(async () => {
    const plans = demo.app.services.plans
    visitId = (await plans.importReport(visit('331', 3), SYSTEM)).reportId
    birminghamId = (await plans.importReport(visit('330', 2), SYSTEM)).reportId
    const [sif] = await demo.store.query<{ id: number }>(
      "SELECT id FROM imported_report WHERE la_code = '331' AND framework = 'SIF'",
    )
    sifId = sif.id
    planUrl = `/la/331/plans/${demo.planId}`
    await addUser(demo.app.services, 'brum.only', 'local', ['330'])
  })

  const post = async (c: Client, body: Record<string, string>) =>
    c.request('POST', PAGE, { _csrf: await c.csrf(PAGE), ...body })

  it('is linked from the plans page (for the report not yet in a plan) and from the plan overview', async () => {
    const lead = await demo.client('improvement.lead')
    const plans = await lead.request('GET', '/la/331/plans')
    const links = plans.text.match(/href="\/la\/331\/reports\/add-to-plan[^"]*"/g) ?? []
    assert.deepEqual(links, [`href="${PAGE}?report=${visitId}&amp;plan=${demo.planId}"`], 'only the unplanned report')
    assert.match(
      plans.text,
      /Add to Children&#39;s services improvement plan 2014-15<span class="govuk-visually-hidden">: monitoring visit report, inspected 9 September 2014/,
    )
    const overview = await lead.request('GET', planUrl)
    assert.match(overview.text, new RegExp(`href="${PAGE}\\?plan=${demo.planId}" data-qa="add-report"`))

    const page = await lead.request('GET', `${PAGE}?report=${visitId}&plan=${demo.planId}`)
    assert.equal(page.status, 200)
    assert.match(page.text, /<h1 class="govuk-heading-l">Add an Ofsted report to a plan<\/h1>/)
    assert.match(page.text, new RegExp(`value="${visitId}" checked`), 'the report chosen on the plans page')
    assert.doesNotMatch(
      page.text,
      new RegExp(`name="reportId"[^>]*value="${sifId}"`),
      'a planned report is not offered',
    )
    assert.match(page.text, /3 recommendations will be added/)
    assert.match(page.text, new RegExp(`<input type="hidden" name="planId" value="${demo.planId}">`))
  })

  it('is only for those who edit plans: a commissioner gets 403 and sees no link', async () => {
    const commissioner = await demo.client('commissioner')
    assert.equal((await commissioner.request('GET', PAGE)).status, 403)
    const token = await commissioner.csrf(planUrl)
    const res = await commissioner.request('POST', PAGE, {
      _csrf: token,
      reportId: String(visitId),
      planId: String(demo.planId),
    })
    assert.equal(res.status, 403)
    assert.doesNotMatch((await commissioner.request('GET', '/la/331/plans')).text, /add-to-plan/)
    assert.doesNotMatch((await commissioner.request('GET', planUrl)).text, /data-qa="add-report"/)
  })

  it('gives 403 to a user of another local authority, for the page and the form', async () => {
    const brum = new Client(demo.app.url)
    await brum.signIn('brum.only')
    assert.equal((await brum.request('GET', PAGE)).status, 403)
    const res = await brum.request('POST', PAGE, {
      _csrf: await brum.csrf('/la/330/plans'),
      reportId: String(visitId),
      planId: String(demo.planId),
    })
    assert.equal(res.status, 403)
  })

  it('refuses a missing choice, a report already in the plan and a report about another LA, with GOV.UK errors', async () => {
    const lead = await demo.client('improvement.lead')
    const items = async () => (await demo.store.query<{ n: number }>('SELECT count(*) AS n FROM plan_item'))[0].n
    const before = await items()
    const cases: Array<[Record<string, string>, RegExp, string]> = [
      [{ planId: String(demo.planId) }, /Select the Ofsted report to add/, 'reportId'],
      [
        { reportId: String(sifId), planId: String(demo.planId) },
        /The plan already answers the SIF report \(inspected \d+ \w+ 2014\)/,
        'reportId',
      ],
      [
        { reportId: String(birminghamId), planId: String(demo.planId) },
        /The monitoring visit report \(inspected 9 September 2014\) is about Birmingham, not Coventry: a plan can only answer reports about its own local authority/,
        'reportId',
      ],
      [{ reportId: String(visitId), planId: '999999' }, /Select one of the open plans listed/, 'planId'],
    ]
    for (const [body, message, field] of cases) {
      const res = await post(lead, body)
      assert.equal(res.status, 303, JSON.stringify(body))
      assert.match(res.location, /^\/la\/331\/reports\/add-to-plan/)
      const back = await lead.request('GET', res.location)
      assert.equal(back.status, 200)
      assert.match(back.text, /govuk-error-summary/)
      assert.match(back.text, message)
      assert.match(back.text, new RegExp(`href="#${field}"`), 'the summary links to the field')
    }
    assert.equal(await items(), before, 'nothing saved')
  })

  it('adds the report: a banner says how many recommendations became items; the plan as at 2014 is unchanged', async () => {
    const lead = await demo.client('improvement.lead')
    const res = await post(lead, { reportId: String(visitId), planId: String(demo.planId) })
    assert.equal(res.status, 303)
    assert.equal(res.location, planUrl)
    const overview = await lead.request('GET', planUrl)
    assert.match(overview.text, /govuk-notification-banner--success/)
    assert.match(
      overview.text,
      /Monitoring visit report \(inspected 9 September 2014\) added: its 3 recommendations are now new items in this plan\. Existing items are unchanged\. Submit an update when the new items are ready for review\./,
    )
    assert.match(overview.text, /of 30 recommendations explained/)
    assert.match((await lead.request('GET', `${planUrl}?asAt=2014-08-01`)).text, /of 27 recommendations explained/)
    const page = await lead.request('GET', PAGE)
    assert.match(page.text, /Every Ofsted report imported for Coventry is already in a plan/)
    const plans = await lead.request('GET', '/la/331/plans')
    assert.doesNotMatch(plans.text, /data-qa="add-to-plan"/, 'no report of Coventry is left outside a plan')
    assert.doesNotMatch(plans.text, /Not in a plan yet/)
  })

  it('words the banner for each case', () => {
    const reportName = 'monitoring visit report (inspected 9 September 2014)'
    assert.equal(
      addedMessage({ reportName, planStatus: 'draft', recommendations: 1 }),
      'Monitoring visit report (inspected 9 September 2014) added: its recommendation is now a new item in this plan. Existing items are unchanged.',
    )
    assert.match(
      addedMessage({ reportName, planStatus: 'submitted', recommendations: 2 }),
      /The submission waiting for a decision does not include them\.$/,
    )
    assert.equal(
      addedMessage({ reportName, planStatus: 'accepted', recommendations: 0 }),
      'Monitoring visit report (inspected 9 September 2014) added. It has no recommendations, so no items were added. Existing items are unchanged.',
    )
  })
})
