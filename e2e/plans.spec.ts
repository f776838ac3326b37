import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { baseUrl, checkPage, e2eUnavailable, launch, newPage, signIn } from './support/browser.ts'
import {
  acceptSubmission,
  addAction,
  agreeAnalysis,
  answerOpenChallenges,
  raiseChallenge,
  submit,
  submitForReview,
  uploadEvidence,
  writeAnalysis,
} from './support/planSteps.ts'

/**
 * The improvement-plan loop in Chromium on the demo plan (Ofsted's 2014 report on Coventry, LA 331, seeded at start-up):
 * write an underlying issue, have someone else agree it, add an action, upload evidence, challenge, answer, submit
 * (refused while a recommendation is unexplained), accept; axe on every page.
 */
describe('improvement plan loop in Chromium', { skip: e2eUnavailable() }, () => {
  let browser: Browser
  let lead: Page
  let commissioner: Page
  let dcs: Page
  let planUrl = ''
  let itemUrl = ''

  before(async () => {
    browser = await launch()
    lead = await newPage(browser)
    commissioner = await newPage(browser)
    dcs = await newPage(browser)
    await signIn(lead, 'improvement.lead')
    await signIn(commissioner, 'commissioner')
    await signIn(dcs, 'dcs')
  })
  after(async () => browser?.close())

  it('shows the LA plans page and the plan overview with commitments and filters', async () => {
    await lead.goto(`${baseUrl}/la/331/plans`)
    await checkPage(lead, 'plans-coventry')
    await submit(lead, '[data-qa="plans"] a')
    planUrl = lead.url()
    assert.match((await lead.textContent('[data-qa="commitments"]')) ?? '', /recommendations explained/)
    await checkPage(lead, 'plan-overview')
    await lead.selectOption('#rag', 'red')
    await submit(lead, '[data-qa="apply-filters"]')
    assert.match((await lead.textContent('main')) ?? '', /Showing \d+ of 27 recommendations/)
  })

  it('writes underlying issues that only someone else may agree, adds an action and uploads evidence', async () => {
    await lead.goto(planUrl)
    await submit(lead, '[data-qa="items"] tbody tr:last-child a') // LSCB paragraph 125: private fostering awareness
    itemUrl = lead.url()
    await writeAnalysis(lead, 'Schools and GPs were never told how to notify a private fostering arrangement.')
    await agreeAnalysis(dcs, itemUrl)
    await lead.goto(itemUrl)
    await addAction(lead, {
      title: 'Private fostering awareness campaign with schools and GPs',
      owner: 'Omar Owner (Action owner)',
      dueDate: '2030-03-31',
      milestone: { title: 'Campaign materials agreed', dueDate: '2029-12-31' },
    })
    await uploadEvidence(lead, {
      title: 'Notifications by month',
      date: '2014-07-01',
      file: {
        name: 'notifications.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('month,notifications\n2014-05,2\n2014-06,5\n'),
      },
    })
    assert.match((await lead.textContent('[data-qa="evidence"]')) ?? '', /notifications\.csv/)
    await checkPage(lead, 'plan-item')
  })

  it('refuses a disallowed upload with a GOV.UK error', async () => {
    await lead.goto(itemUrl)
    await uploadEvidence(lead, {
      title: 'Not allowed',
      date: '2014-07-01',
      file: { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\u0090\u0000 an executable') },
    })
    assert.match((await lead.textContent('.govuk-error-summary')) ?? '', /must be a PDF, DOCX, XLSX, CSV, PNG or JPEG/)
    await checkPage(lead, 'plan-item-upload-error')
  })

  it('refuses to submit while a recommendation is unexplained, and says which', async () => {
    await lead.goto(planUrl)
    await submit(lead, '[data-qa="items"] tbody tr:nth-child(5) a') // paragraph 27: its analysis rewritten as a draft
    const policeUrl = lead.url()
    assert.equal(await lead.textContent('[data-qa="item-explained"]'), 'No')
    assert.equal(await lead.locator('[data-qa="agree-analysis"]').count(), 0, 'the author is not offered agree')
    await lead.goto(`${planUrl}/review`)
    assert.match(
      (await lead.textContent('[data-qa="sign-off-gap-list"]')) ?? '',
      /Recommendation 27 has no agreed analysis/,
    )
    await lead.check('#kind-2')
    await lead.fill('#summary', 'July update')
    await submit(lead, '[data-qa="submit-plan"]')
    assert.match(
      (await lead.textContent('.govuk-error-summary')) ?? '',
      /The plan cannot be submitted yet: 1 recommendation has no agreed analysis of the underlying issues \(27\)/,
    )
    assert.equal(await lead.textContent('[data-qa="plan-status"]'), 'Accepted', 'nothing was submitted')
    await checkPage(lead, 'plan-review-incomplete')
    await agreeAnalysis(dcs, policeUrl)
  })

  it('runs submit, challenge, answer and accept', async () => {
    await raiseChallenge(commissioner, itemUrl, 'How will you know more privately fostered children are being found?')
    await answerOpenChallenges(
      lead,
      planUrl,
      'Notifications are reported monthly to the board; the target is 20 a year.',
    )
    await submitForReview(lead, planUrl, 'update', 'July update: private fostering analysed and actioned')
    await checkPage(lead, 'plan-review-submitted')

    await acceptSubmission(commissioner, planUrl, 'All challenges answered; progress evidenced.')
    await checkPage(commissioner, 'plan-review-accepted')
  })

  it('shows the timeline, the board report and my actions', async () => {
    await commissioner.goto(`${planUrl}/timeline`)
    assert.match((await commissioner.textContent('[data-qa="timeline"]')) ?? '', /Submission accepted/)
    await checkPage(commissioner, 'plan-timeline')
    await commissioner.goto(`${planUrl}/kpis`)
    assert.equal(await commissioner.locator('[data-qa="kpi"] svg.sl-chart').count(), 3)
    await checkPage(commissioner, 'plan-kpis')
    await commissioner.goto(`${planUrl}/board?asAt=2014-07-31`)
    assert.match((await commissioner.textContent('[data-qa="board-summary"]')) ?? '', /27 recommendations/)
    await checkPage(commissioner, 'plan-board-report')
    const xlsx = await commissioner.request.get(`${planUrl}/board.xlsx?asAt=2014-07-31`)
    assert.equal(xlsx.status(), 200)
    const owner = await newPage(browser)
    await signIn(owner, 'action.owner')
    await owner.goto(`${baseUrl}/my-actions`)
    assert.ok((await owner.locator('[data-qa="my-actions"] tbody tr').count()) >= 8)
    await checkPage(owner, 'my-actions')
  })
})
