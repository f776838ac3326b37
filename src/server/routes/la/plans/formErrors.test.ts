import { describe, it } from 'node:test'
import { demoPlanApp } from '../../../../../test/support/demoPlanApp.ts'
import { assertFormErrors } from '../../../../../test/support/formErrors.ts'
import { urls } from '../../../urls.ts'

const REAL_DATE = 'Enter a real date, for example 22 7 2014'
const impossible = (name: string) => ({ [`${name}-day`]: '30', [`${name}-month`]: '2', [`${name}-year`]: '2015' })
const long = (n: number) => 'x'.repeat(n + 1)

/**
 * Every form of the improvement-plan pages, given bad input (an impossible date, an over-long text, a wrong choice, a
 * missing field): each message beside its field and in the summary in field order, nothing saved, never a 500.
 */
describe('improvement plan forms: field errors beside their fields, in field order, nothing saved', () => {
  const demo = demoPlanApp()
  const la = '331'
  const model = () => demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null })
  /** Every write to a plan record adds a version: the count must not move. */
  const versions = async () =>
    (await demo.store.query<{ n: number }>('SELECT count(*)::int AS n FROM plan_history'))[0].n

  it('a recommendation: underlying issues, objective, action, evidence, comment and answer', async () => {
    const lead = await demo.client('improvement.lead')
    const item = (await model()).items[2]
    const page = urls.planItem(la, demo.planId, item.id)
    const action = (what: string) => urls.planItemAction(la, demo.planId, item.id, what)
    await assertFormErrors(lead, {
      page,
      action: action('analyses'),
      input: { text: long(20_000) },
      errors: [{ field: 'text', message: 'The underlying issues must be 20,000 characters or less' }],
      saved: versions,
      kept: [],
    })
    await assertFormErrors(lead, {
      page,
      action: action('objectives'),
      input: { objective: '  ' },
      errors: [{ field: 'objective', message: 'Enter what this recommendation’s actions should achieve' }],
      saved: versions,
      kept: [],
    })
    await assertFormErrors(lead, {
      page,
      action: action('actions'),
      input: { title: long(500), ownerId: '', leadOfficer: '', ...impossible('dueDate'), status: 'finished' },
      errors: [
        { field: 'title', message: 'The action must be 500 characters or less' },
        { field: 'ownerId', message: 'Select who owns the action' },
        { field: 'dueDate', message: REAL_DATE, href: '#dueDate-day' },
        { field: 'status', message: 'Select the status of the action' },
      ],
      saved: versions,
      kept: ['dueDate-day', 'dueDate-month', 'dueDate-year'],
    })
    await assertFormErrors(lead, {
      page,
      action: action('evidence'),
      input: { kind: 'photo', title: '', ...impossible('evidenceDate'), note: '', url: '' },
      errors: [
        { field: 'kind', message: 'Select whether the evidence is a note, a link or a file' },
        { field: 'title', message: 'Enter a title for the evidence' },
        { field: 'evidenceDate', message: REAL_DATE, href: '#evidenceDate-day' },
      ],
      saved: versions,
      kept: ['evidenceDate-day', 'evidenceDate-month', 'evidenceDate-year'],
    })
    await assertFormErrors(lead, {
      page,
      action: action('comments'),
      input: { kind: 'comment', text: '' },
      errors: [{ field: 'text', message: 'Enter your comment or challenge' }],
      saved: versions,
    })
  })

  it('an action: edit, milestones and archive', async () => {
    const lead = await demo.client('improvement.lead')
    const a = (await model()).items.flatMap((i) => i.actions).find((x) => x.milestones.some((m) => !m.completedOn))!
    const page = urls.planActionEdit(la, demo.planId, a.id)
    await assertFormErrors(lead, {
      page,
      input: {
        version: String(a.version),
        title: '',
        leadOfficer: long(200),
        ...impossible('startDate'),
        'dueDate-day': '1',
        'dueDate-month': '',
        'dueDate-year': '2015',
        status: 'done',
        progress: '',
        ragOverride: 'purple',
        ragOverrideReason: '',
      },
      errors: [
        { field: 'title', message: 'Enter what will be done' },
        { field: 'leadOfficer', message: 'The lead officer must be 200 characters or less' },
        { field: 'startDate', message: REAL_DATE, href: '#startDate-day' },
        { field: 'dueDate', message: 'The due date must include a month', href: '#dueDate-month' },
        { field: 'status', message: 'Select the status of the action' },
        { field: 'ragOverride', message: 'Select red, amber, green or complete' },
      ],
      saved: versions,
      kept: ['startDate-day', 'dueDate-day', 'dueDate-year'],
    })
    await assertFormErrors(lead, {
      page,
      action: `${page}/milestones`,
      input: { milestoneTitle: long(300), ...impossible('milestoneDate') },
      errors: [
        { field: 'milestoneTitle', message: 'The milestone must be 300 characters or less' },
        { field: 'milestoneDate', message: REAL_DATE, href: '#milestoneDate-day' },
      ],
      saved: versions,
      kept: ['milestoneDate-day'],
    })
    const m = a.milestones.find((x) => !x.completedOn)!
    await assertFormErrors(lead, {
      page,
      action: `${page}/milestones/met`,
      input: { milestoneId: String(m.id), version: String(m.version), ...impossible('metOn') },
      errors: [{ field: 'metOn', message: REAL_DATE, href: '#metOn-day' }],
      saved: versions,
      kept: ['metOn-day', 'metOn-month', 'metOn-year'],
    })
    await assertFormErrors(lead, {
      page,
      action: `${page}/archive`,
      input: { version: String(a.version), reason: ' ' },
      errors: [{ field: 'reason', message: 'Enter why you are archiving this' }],
      saved: versions,
      kept: [],
    })
  })

  it('impact measures: a monthly value and a new measure', async () => {
    const analyst = await demo.client('analyst')
    const kpi = (await model()).kpis[0]
    const page = `${urls.plan(la, demo.planId)}/kpis`
    await assertFormErrors(analyst, {
      page,
      action: `${page}/values`,
      input: { kpiId: String(kpi.id), month: 'July', value: '' },
      errors: [
        { field: 'month', message: 'Enter the month, for example 2014-07' },
        { field: 'value', message: 'Enter the value as a number' },
      ],
      saved: versions,
    })
    await assertFormErrors(analyst, {
      page,
      action: `${page}/new`,
      input: { name: '', definition: long(2000), polarity: 'sideways', unit: '%', ...impossible('targetDate') },
      errors: [
        { field: 'name', message: 'Enter the name of the measure' },
        { field: 'definition', message: 'The definition must be 2,000 characters or less' },
        { field: 'polarity', message: 'Select whether higher or lower is better' },
        { field: 'targetDate', message: REAL_DATE, href: '#targetDate-day' },
      ],
      saved: versions,
      kept: ['targetDate-day'],
    })
    const measure = {
      name: 'Seen within a day',
      definition: 'Seen within a day of referral',
      polarity: 'higher',
      unit: '%',
    }
    await assertFormErrors(analyst, {
      page,
      action: `${page}/new`,
      input: { ...measure, trajectoryFrom: '', trajectory: '65\n70' },
      errors: [
        {
          field: 'trajectoryFrom',
          message: 'Enter the month of the first target, for example 2014-04, or put a month before each value',
        },
      ],
      saved: versions,
    })
    await assertFormErrors(analyst, {
      page,
      action: `${page}/new`,
      input: { ...measure, trajectoryFrom: '2014-04', trajectory: '65\nseventy' },
      errors: [
        {
          field: 'trajectory',
          message: 'Line 2: “seventy” is not a number: enter one target per line, for example 75',
        },
      ],
      saved: versions,
    })
    await assertFormErrors(analyst, {
      page,
      action: `${page}/values`,
      input: { kpiId: String(kpi.id), month: '2099-01', value: '5' },
      errors: [
        {
          field: 'month',
          message:
            'January 2099 has not started yet: enter values only for this month or earlier months (targets for later months go in the trajectory)',
        },
      ],
      saved: versions,
    })
  })

  it('the plan overview: a commitment and a commitment met', async () => {
    const reviewer = await demo.client('commissioner')
    const page = urls.plan(la, demo.planId)
    await assertFormErrors(reviewer, {
      page,
      action: `${page}/commitments`,
      input: { title: long(500), measure: 'vibes', itemId: '', ...impossible('dueDate') },
      errors: [
        { field: 'title', message: 'The commitment must be 500 characters or less' },
        { field: 'measure', message: 'Select how the commitment is measured' },
        { field: 'dueDate', message: REAL_DATE, href: '#dueDate-day' },
      ],
      saved: versions,
      kept: ['dueDate-day'],
    })
  })

  it('review: submit, decide and comment', async () => {
    const lead = await demo.client('improvement.lead')
    const reviewer = await demo.client('commissioner')
    const page = urls.planReview(la, demo.planId)
    await assertFormErrors(lead, {
      page,
      action: urls.planReviewAction(la, demo.planId, 'submit'),
      input: { kind: 'everything', summary: long(5000) },
      errors: [
        { field: 'kind', message: 'Select whether this is the plan or an update' },
        { field: 'summary', message: 'The summary must be 5,000 characters or less' },
      ],
      saved: versions,
      kept: [],
    })
    await assertFormErrors(reviewer, {
      page,
      action: urls.planReviewAction(la, demo.planId, 'comment'),
      input: { kind: 'comment', text: '' },
      errors: [{ field: 'text', message: 'Enter your comment or challenge' }],
      saved: versions,
    })
  })

  it('the plans page and adding a report to a plan', async () => {
    const lead = await demo.client('improvement.lead')
    // A monitoring visit letter not yet in a plan, so the add-to-plan form shows.
    await demo.app.services.plans.importReport(
      {
        laCode: la,
        framework: 'monitoring visit',
        inspectionStart: '2014-09-09',
        inspectionEnd: null,
        published: null,
        judgements: [],
        lscbJudgement: null,
        recommendations: [{ number: '1', category: 'Areas for improvement', addressee: 'local authority', text: 'A' }],
      },
      { id: null, name: 'system', role: null },
    )
    await assertFormErrors(lead, {
      page: urls.plans(la),
      input: { title: long(200) },
      errors: [
        { field: 'title', message: 'The title must be 200 characters or less' },
        { field: 'reportIds', message: 'Select at least one Ofsted report for the plan to answer' },
      ],
      saved: versions,
      kept: [],
    })
    await assertFormErrors(lead, {
      page: urls.reportAddToPlan(la),
      input: {},
      errors: [
        { field: 'reportId', message: 'Select the Ofsted report to add' },
        { field: 'planId', message: 'Select the plan to add the report to' },
      ],
      saved: versions,
    })
  })
})
