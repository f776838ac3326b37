import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import { baseUrl, checkPage, e2eUnavailable } from './support/browser.ts'
import {
  acceptSubmission,
  agreeAnalysis,
  addAction,
  answerOpenChallenges,
  dateValue,
  fillDate,
  raiseChallenge,
  submit,
  submitForReview,
  uploadEvidence,
  writeAnalysis,
} from './support/planSteps.ts'
import { importReport } from './support/reportSteps.ts'
import { signedInSessions } from './support/session.ts'

const REPORT = path.resolve('test/fixtures/ofsted-reports/norfolk_2023-01-13_inspection.pdf')
/** A later report on the same LA, added to the plan: Norfolk's 2019 focused visit letter (2 recommendations). */
const LATER_REPORT = path.resolve('test/fixtures/ofsted-reports/norfolk_2019-10-31_focused-visit.pdf')
/** An earlier Norfolk report (SIF, 2018), added while an update is waiting for review. */
const EARLIER_REPORT = path.resolve('test/fixtures/ofsted-reports-corpus/norfolk_2018-01-19_inspection.pdf')
const PLAN_TITLE = "Norfolk children's services improvement plan 2023"

/** A due date about six months ahead, so the action is on track whenever the test runs. */
const inSixMonths = () => new Date(Date.now() + 182 * 86400_000).toISOString().slice(0, 10)

/**
 * From a real Ofsted report to a signed-off plan, in Chromium with axe on every page: a DfE adviser imports Norfolk's
 * 2023 ILACS report (LA 926) and confirms it; Norfolk's improvement lead (the demo account norfolk.lead) starts a plan
 * from it, explains one recommendation, adds an owned action with evidence and submits the plan; the adviser challenges,
 * the lead answers, the adviser accepts. Then a later report on Norfolk (its 2019 focused visit letter) is imported and
 * added to the accepted plan as new items. Every Norfolk step is in this file, so the e2e files can run in any order.
 */
describe('importing a real Ofsted report in Chromium and taking it through a plan', { skip: e2eUnavailable() }, () => {
  const session = signedInSessions({ adviser: 'dfe.adviser', lead: 'norfolk.lead' })
  const norfolk = `${baseUrl}/la/926`
  let reviewUrl = ''
  let planUrl = ''
  let itemUrl = ''

  it('reads Norfolk 2023 and shows every field for review with its flag', async () => {
    const { adviser } = session.pages
    await adviser.goto(`${norfolk}/reports/import`)
    await checkPage(adviser, 'import-norfolk')
    await adviser.setInputFiles('input[type=file]', REPORT)
    await submit(adviser, '[data-qa="read-report"]')
    reviewUrl = adviser.url()
    assert.match(await adviser.title(), /Check the report before saving/)
    assert.equal(await adviser.locator('[data-qa="recommendation"]').count(), 3)
    assert.equal(await adviser.inputValue('#framework'), 'ILACS')
    assert.equal(await dateValue(adviser, 'inspectionStart'), '2022-11-07')
    // Norfolk's report does not print its publication date: the reader flags the field for the person to fill in.
    if (!(await dateValue(adviser, 'published')))
      assert.match((await adviser.textContent('[data-qa="flags"]')) ?? '', /Publication date/)
    else assert.equal(await dateValue(adviser, 'published'), '2023-01-13')
    await checkPage(adviser, 'import-review-norfolk')
  })

  it('saves nothing until every field is confirmed and Save report is pressed', async () => {
    const { adviser, lead } = session.pages
    await lead.goto(`${norfolk}/plans`)
    assert.match((await lead.textContent('main')) ?? '', /No Ofsted report has been imported for Norfolk/)
    assert.match((await lead.textContent('main')) ?? '', /There is no improvement plan for Norfolk yet/)
    await checkPage(lead, 'plans-norfolk-before-import')

    await submit(adviser, '[data-qa="save-report"]') // without ticking "I have checked every field"
    assert.equal(adviser.url(), reviewUrl)
    assert.match(
      (await adviser.textContent('.govuk-error-summary')) ?? '',
      /Confirm that you have checked every field against the report/,
    )
    assert.equal(await adviser.locator('[data-qa="recommendation"]').count(), 3, 'the fields are kept')
    await checkPage(adviser, 'import-review-norfolk-error')
    await lead.reload()
    assert.match((await lead.textContent('main')) ?? '', /No Ofsted report has been imported for Norfolk/)
  })

  it('confirms the report: saved with its recommendations and linked to the register', async () => {
    const { adviser } = session.pages
    if (!(await dateValue(adviser, 'published'))) await fillDate(adviser, 'published', '2023-01-13') // Ofsted's listing
    await adviser.check('#checked')
    await submit(adviser, '[data-qa="save-report"]')
    assert.equal(adviser.url(), `${norfolk}/plans`)
    assert.match(
      (await adviser.textContent('main')) ?? '',
      /Report saved with 3 recommendations, linked to the register/,
    )
    assert.equal(await adviser.locator('[data-qa="report"]').count(), 1)
    const row = (await adviser.textContent('[data-qa="report"]')) ?? ''
    assert.match(row, /ILACS/)
    assert.match(row, /7 November 2022 to 18 November 2022/)
    assert.match(row, /13 January 2023/)
    assert.match(row, /Not in a plan yet/)
    assert.match((await adviser.textContent('[data-qa="report-register"]')) ?? '', /Yes/)
    assert.match(
      (await adviser.textContent('[data-qa="plan-by-la"]')) ?? '',
      /Norfolk’s improvement lead starts the plan/,
    )
    await checkPage(adviser, 'plans-norfolk-report-saved')

    // The register's record of the same inspection, on Norfolk's page, now says the report is in Sightline.
    await submit(adviser, '[data-qa="report-register"] a')
    const imported = (await adviser.textContent('[data-qa="inspection-imported"]')) ?? ''
    assert.match(imported, /Its 3 recommendations are not in an improvement plan yet/)
    const linked = adviser.locator('.moj-timeline__item:has([data-qa="inspection-imported"])')
    assert.equal(`#${await linked.getAttribute('id')}`, new URL(adviser.url()).hash, 'the link goes to that inspection')
    assert.equal(await linked.locator('h3').textContent(), 'ILACS standard: Good')
    await checkPage(adviser, 'la-norfolk-report-imported')

    const again = await adviser.goto(reviewUrl)
    assert.equal(again?.status(), 404, 'the staged import is gone once saved')
  })

  it("starts a plan for Norfolk whose items are the report's recommendations", async () => {
    const { lead } = session.pages
    await lead.goto(`${norfolk}/plans`)
    await lead.fill('#title', PLAN_TITLE)
    await lead.check('#reportIds')
    await submit(lead, '[data-qa="start-plan"]')
    planUrl = lead.url()
    assert.equal(await lead.textContent('[data-qa="plan-title"]'), PLAN_TITLE)
    assert.equal(await lead.locator('[data-qa="items"] tbody tr').count(), 3)
    const items = (await lead.textContent('[data-qa="items"]')) ?? ''
    assert.match(items, /children aged 16 and 17 who present as homeless/)
    assert.match(items, /neglect over a prolonged period/)
    assert.match(items, /family and friends networks/)
    const reports = (await lead.textContent('[data-qa="plan-reports"]')) ?? ''
    assert.match(reports, /ILACS/)
    assert.match(reports, /Overall effectiveness: Good/)
    assert.match(reports, /Yes/)
    await checkPage(lead, 'plan-overview-norfolk')
  })

  it('explains a recommendation and adds an owned action with an evidence file', async () => {
    const { lead } = session.pages
    await lead.goto(planUrl)
    await submit(lead, '[data-qa="items"] tbody tr:first-child a')
    itemUrl = lead.url()
    assert.match((await lead.textContent('[data-qa="recommendation-text"]')) ?? '', /present as homeless/)
    await writeAnalysis(
      lead,
      'Housing and children’s services assess homeless 16 and 17 year olds separately; young people are not always told of their right to be looked after.',
    )
    await agreeAnalysis(session.pages.adviser, itemUrl) // someone other than the author agrees it
    await lead.goto(itemUrl)
    await addAction(lead, {
      title: 'Joint housing and children’s services protocol for homeless 16 and 17 year olds',
      owner: 'Noor Lead (Improvement lead, Norfolk)',
      dueDate: inSixMonths(),
    })
    await uploadEvidence(lead, {
      title: 'Homeless 16 and 17 year olds assessed jointly, by month',
      date: '2023-03-31',
      file: {
        name: 'joint-assessments.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('month,presented,assessed jointly\n2023-02,9,4\n2023-03,11,8\n'),
      },
    })
    assert.match((await lead.textContent('[data-qa="evidence"]')) ?? '', /joint-assessments\.csv/)
    await checkPage(lead, 'plan-item-norfolk')
  })

  it('runs submit, challenge, answer and accept between Norfolk and its reviewer', async () => {
    const { adviser, lead } = session.pages
    // A plan is submitted only when every recommendation is explained: the other two, agreed by the reviewer.
    for (const row of [2, 3]) {
      await lead.goto(planUrl)
      await submit(lead, `[data-qa="items"] tbody tr:nth-child(${row}) a`)
      const url = lead.url()
      await writeAnalysis(lead, `Underlying issues of recommendation ${row}, as the improvement board found them.`)
      await agreeAnalysis(adviser, url)
    }
    await submitForReview(lead, planUrl, 'plan', 'Plan answering the 2023 ILACS report; every recommendation explained')
    await checkPage(lead, 'plan-review-norfolk-submitted')

    await raiseChallenge(
      adviser,
      itemUrl,
      'How will you know that fewer homeless 16 and 17 year olds are placed in unsuitable accommodation?',
    )
    await checkPage(adviser, 'plan-item-norfolk-challenged')

    const answered = await answerOpenChallenges(
      lead,
      planUrl,
      'Placements of 16 and 17 year olds in bed and breakfast are reported to the board each month; the target is none.',
    )
    assert.equal(answered, 1)
    assert.match((await lead.textContent('[data-qa="challenge"]')) ?? '', /Answered/)
    await checkPage(lead, 'plan-review-norfolk-answered')

    await acceptSubmission(adviser, planUrl, 'The challenge is answered and every recommendation is explained.')
    assert.equal(await adviser.textContent('[data-qa="submission-status"]'), 'Accepted')
    await checkPage(adviser, 'plan-review-norfolk-accepted')

    await adviser.goto(`${planUrl}/timeline`)
    assert.match((await adviser.textContent('[data-qa="timeline"]')) ?? '', /Submission accepted/)
    await checkPage(adviser, 'plan-timeline-norfolk')
    await adviser.goto(norfolk)
    assert.match(
      (await adviser.textContent('[data-qa="inspection-imported"]')) ?? '',
      new RegExp(`Its 3 recommendations are answered by ${PLAN_TITLE}`),
    )
    await checkPage(adviser, 'la-norfolk-in-plan')
  })

  it('adds a later report on Norfolk to the plan: its recommendations become new items, the others are kept', async () => {
    const { adviser, lead } = session.pages
    await importReport(adviser, norfolk, LATER_REPORT, '2019-10-31')

    // From the plans page: the new report, not in a plan yet, offers "Add to <the plan>" with both choices made.
    await lead.goto(`${norfolk}/plans`)
    const row = lead.locator('[data-qa="report"]', { hasText: 'focused visit' })
    assert.match((await row.textContent()) ?? '', /Not in a plan yet/)
    assert.equal(await lead.locator('[data-qa="add-to-plan"]').count(), 1, 'only the report not yet in a plan')
    await submit(lead, '[data-qa="add-to-plan"]')
    assert.match(await lead.title(), /Add an Ofsted report to a plan/)
    assert.equal(await lead.locator('input[name="reportId"]').count(), 1, 'the 2023 report is in a plan already')
    assert.ok(await lead.isChecked('#reportId'))
    assert.match((await lead.textContent('main')) ?? '', new RegExp(`Added to\\s*${PLAN_TITLE}`))
    await checkPage(lead, 'plan-add-report-norfolk')

    // From the plan overview, where the report is still to be chosen: nothing chosen is refused.
    await lead.goto(planUrl)
    await submit(lead, '[data-qa="add-report"]')
    assert.equal(await lead.isChecked('#reportId'), false)
    await submit(lead, '[data-qa="add-report-to-plan"]')
    assert.match((await lead.textContent('.govuk-error-summary')) ?? '', /Select the Ofsted report to add/)
    await checkPage(lead, 'plan-add-report-norfolk-error')

    await lead.check('#reportId')
    await submit(lead, '[data-qa="add-report-to-plan"]')
    assert.equal(lead.url(), planUrl)
    assert.match(
      (await lead.textContent('.govuk-notification-banner')) ?? '',
      new RegExp(
        `Focused visit report \\(inspected \\d+ October 2019\\) added: its 2 recommendations are now new items in this plan\\. Existing items are unchanged\\. Submit an update when the new items are ready for review\\.`,
      ),
    )
    assert.equal(await lead.textContent('[data-qa="plan-status"]'), 'Accepted')
    assert.equal(await lead.locator('[data-qa="items"] tbody tr').count(), 5)
    const items = (await lead.textContent('[data-qa="items"]')) ?? ''
    assert.match(items, /present as homeless/)
    assert.match(items, /management oversight/)
    assert.match(items, /From the focused visit report \(inspected \d+ October 2019\)/, 'the item names its report')
    assert.equal(await lead.locator('[data-qa="plan-reports"] tbody tr').count(), 2)
    await checkPage(lead, 'plan-overview-norfolk-report-added')

    await lead.goto(`${planUrl}/timeline`)
    assert.match(
      (await lead.textContent('[data-qa="timeline"]')) ?? '',
      /Ofsted report added to the plan: focused visit report/,
    )
  })
  it('refuses to accept an update while a recommendation is unexplained, and says which', async () => {
    const { adviser, lead } = session.pages
    // The focused visit's two new items explained and agreed, and the update submitted: complete at submission.
    await lead.goto(planUrl)
    const rows = await lead.locator('[data-qa="items"] tbody tr').count()
    let explained = 0
    for (let row = 1; row <= rows; row++) {
      await lead.goto(planUrl)
      await submit(lead, `[data-qa="items"] tbody tr:nth-child(${row}) a`)
      if ((await lead.textContent('[data-qa="item-explained"]')) === 'Yes') continue
      const url = lead.url()
      await writeAnalysis(lead, `Underlying issues of the focused visit's recommendation in row ${row}.`)
      await agreeAnalysis(adviser, url)
      explained++
    }
    assert.equal(explained, 2, "the focused visit's two recommendations")
    await submitForReview(lead, planUrl, 'update', 'Focused visit recommendations explained and agreed')

    // While it waits, another report's recommendations join the plan, unexplained: the reviewer cannot accept.
    await importReport(adviser, norfolk, EARLIER_REPORT, '2018-01-19')
    await lead.goto(planUrl)
    await submit(lead, '[data-qa="add-report"]')
    await lead.check('#reportId')
    await submit(lead, '[data-qa="add-report-to-plan"]')
    await adviser.goto(`${planUrl}/review`)
    assert.match((await adviser.textContent('[data-qa="sign-off-gap-list"]')) ?? '', /has no agreed analysis/)
    await adviser.check('#decision')
    await adviser.fill('#reason', 'Accepting with new recommendations unexplained')
    await submit(adviser, '[data-qa="decide"]')
    assert.match(
      (await adviser.textContent('.govuk-error-summary')) ?? '',
      /This submission cannot be accepted yet: \d+ recommendations? ha(s|ve) no agreed analysis of the underlying issues \(\d+/,
    )
    assert.equal(await adviser.textContent('[data-qa="plan-status"]'), 'Submitted', 'nothing was accepted')
    await checkPage(adviser, 'plan-review-norfolk-accept-refused')
  })
})
