import fs from 'node:fs'
import { and, eq } from 'drizzle-orm'
import { userLaScope } from '../../data/schema/core.ts'
import * as t from '../../data/schema/plans.ts'
import { addWorkingDays } from '../../engine/calendar/workingDays.ts'
import { recordAudit, SYSTEM_ACTOR } from '../auditService.ts'
import type { Config } from '../../config.ts'
import type { Store } from '../../data/store.ts'
import type { UserService } from '../userService.ts'
import type { ActionStatus } from '../../engine/plans/rag.ts'
import { planService, type PlanActor } from '../plans/index.ts'
import { extractionAsReport, reportImportService } from '../reports/reportImportService.ts'

/** Ofsted's real report (public, Open Government Licence), read by the report reader as an import would read it. */
const REPORT_PDF = new URL('../../../data/demo/coventry_2014-03-21_inspection.pdf', import.meta.url)
export const DEMO_PLAN_LA = '331'

/** What the seed works through: the store (it replays the story through the plan service), the users and the config. */
export interface DemoPlanDeps {
  store: Store
  users: UserService
  config: Config
}

/** Demo accounts that act in the seeded story (created by ensureDemoAccounts). */
const CAST = ['improvement.lead', 'action.owner', 'dcs', 'analyst', 'commissioner', 'panel.member'] as const

/**
 * Seeds a demo improvement plan from Ofsted's real 2014 SIF report on Coventry (inadequate overall): the whole loop on
 * its real dates, replayed through the plan service so that the version history, timeline and "as at" reports work.
 * Explained items, actions with owners and milestones, evidence (note, link, CSV file), KPIs with trajectories, a
 * submission challenged, answered and accepted, and one challenge left open. People are the invented demo accounts.
 * Idempotent: does nothing when the LA already has a plan. Returns the plan id.
 */
export async function seedDemoPlan(services: DemoPlanDeps): Promise<number> {
  const existing = await services.store.db.select({ id: t.plan.id }).from(t.plan).where(eq(t.plan.laCode, DEMO_PLAN_LA))
  if (existing.length) return existing[0].id

  const cast = {} as Record<(typeof CAST)[number], PlanActor & { id: number }>
  for (const username of CAST) {
    const u = await services.users.findByUsername(username)
    if (!u) throw new Error(`The demo plan needs the demo account ${username}: create the demo accounts first`)
    cast[username] = { id: u.id, name: u.username, role: u.role }
  }
  await grantDemoScope(
    services,
    Object.values(cast).map((c) => c.id),
  )

  let clock = new Date('2014-03-24T09:00:00Z')
  const on = (day: string) => (clock = new Date(`${day}T10:00:00Z`))
  const plans = planService(services.store, { ...services.config, now: () => clock })
  const lead = cast['improvement.lead']
  const owner = cast['action.owner']
  const { dcs, analyst, commissioner } = cast
  const panel = cast['panel.member']

  const bytes = fs.readFileSync(REPORT_PDF)
  const extraction = await reportImportService(plans, services.config).readFor(bytes, DEMO_PLAN_LA)
  const { reportId } = await plans.importReport(
    {
      ...extractionAsReport(extraction, DEMO_PLAN_LA),
      file: { bytes, fileName: 'coventry_2014-03-21_inspection.pdf' },
    },
    lead,
  )
  const { planId } = await plans.createPlan(
    { laCode: DEMO_PLAN_LA, title: "Children's services improvement plan 2014-15", reportIds: [reportId] },
    lead,
  )
  const model = await services.store.db
    .select()
    .from(t.planItem)
    .where(eq(t.planItem.planId, planId))
    .orderBy(t.planItem.id)
  const item = (n: number) => model[n].id // 0-based position in the report

  on('2014-03-26')
  await plans.addCommitment(
    planId,
    { title: 'Explanation of the issues underlying every recommendation', measure: 'explained', dueDate: '2014-05-30' },
    commissioner,
  )
  await plans.addCommitment(
    planId,
    {
      title: 'Every recommendation has an action with an owner and a due date',
      measure: 'owned-action',
      dueDate: '2014-06-13',
    },
    commissioner,
  )
  await plans.addCommitment(
    planId,
    {
      title: 'Post-inspection action plan sent to Ofsted and the Secretary of State (70 working days)',
      measure: 'manual',
      dueDate: addWorkingDays('2014-03-21', 70),
    },
    commissioner,
  )

  // Underlying issues: 20 items analysed, 18 agreed.
  const analyses: Array<[number, string, string]> = [
    [
      0,
      '2014-04-08',
      'Contacts wait in the MASH queue because screening is done by unqualified staff without a duty manager decision; 31% of referrals in January waited more than 24 hours.',
    ],
    [
      1,
      '2014-04-10',
      'Recommendations from the fundamental service review were accepted but never turned into owned actions; no one reports on them to the Cabinet Member.',
    ],
    [
      2,
      '2014-04-10',
      'Early help is commissioned in three separate contracts with no shared front door, so families are referred to social care by default.',
    ],
    [
      3,
      '2014-04-15',
      'Average caseloads are 24 (up to 38 in assessment teams) because 28% of posts are filled by agency staff on short contracts; managers have no caseload report.',
    ],
    [
      4,
      '2014-04-15',
      'Police attend 40% of strategy discussions because the invitation goes by email to a shared mailbox that is not monitored out of hours.',
    ],
    [
      5,
      '2014-04-17',
      'Section 47 enquiries are recorded late because the recording system has no prompt and no timeliness report.',
    ],
    [
      6,
      '2014-04-17',
      'Police conference attendance depends on one liaison officer; there is no cover when that officer is away.',
    ],
    [
      7,
      '2014-04-22',
      'Assessment templates are long and process-led; social workers copy chronology into the analysis section.',
    ],
    [
      8,
      '2014-04-22',
      'Plans are written in the conference and not revisited; core groups do not record progress against outcomes.',
    ],
    [
      9,
      '2014-04-24',
      'Private fostering notifications go to a team that no longer exists; nobody tracks the 42-day assessment timescale.',
    ],
    [
      10,
      '2014-04-29',
      'Visits are squeezed by caseloads (see paragraph 26) and by travel: teams are based in one building away from the estates they serve.',
    ],
    [11, '2014-04-29', 'Life story work waits for a specialist worker post that has been vacant since 2012.'],
    [
      12,
      '2014-05-06',
      'Health passports were piloted in 2012 and not rolled out; dental checks are not recorded on the system.',
    ],
    [13, '2014-05-06', 'IRO caseloads are 95 against a handbook range of 50-70, so IROs see children only at reviews.'],
    [
      14,
      '2014-05-13',
      'Return interviews are offered by a commissioned service that is not told about missing episodes out of hours.',
    ],
    [
      15,
      '2014-05-13',
      'Pathway plans are started late (after 17) and written by the social worker rather than with the young person.',
    ],
    [
      16,
      '2014-05-20',
      'There is no leaflet or app setting out care leavers\u2019 entitlements; personal advisers give different answers.',
    ],
    [17, '2014-05-20', 'Adoption decisions wait for panel dates; the panel meets monthly and is often inquorate.'],
    [
      18,
      '2014-05-27',
      'Draft: foster carer recruitment has not kept pace with the rise in children looked after since 2012.',
    ],
    [
      19,
      '2014-05-27',
      'Draft: the workforce strategy has not been refreshed since 2011 and does not address agency reliance.',
    ],
  ]
  for (const [n, day, text] of analyses) {
    on(day)
    const a = await plans.addAnalysis(item(n), { text, writtenOn: day }, lead)
    if (!text.startsWith('Draft')) await plans.agreeAnalysis(a.id, a.version, dcs, day)
  }

  // Actions with owners, dates and milestones.
  on('2014-04-30')
  const actionIds: Record<number, { id: number; version: number }> = {}
  const actions: Array<[number, string, string, string, ActionStatus, Array<[string, string]>]> = [
    [
      0,
      'Put a qualified duty manager decision on every contact within 24 hours',
      '2014-04-14',
      '2014-06-30',
      'on track',
      [
        ['Duty manager rota in place', '2014-05-09'],
        ['Daily MASH timeliness report live', '2014-06-13'],
      ],
    ],
    [
      1,
      'Turn the fundamental service review into an owned action log reported monthly to the board',
      '2014-04-14',
      '2014-05-31',
      'complete',
      [['Action log agreed by board', '2014-05-20']],
    ],
    [
      2,
      'Single early help front door with the three commissioned providers',
      '2014-05-01',
      '2014-10-31',
      'at risk',
      [
        ['Providers sign joint protocol', '2014-06-30'],
        ['Front door live', '2014-09-30'],
      ],
    ],
    [
      3,
      'Recruit 30 permanent social workers and cap caseloads at 20',
      '2014-04-01',
      '2014-12-31',
      'on track',
      [
        ['Recruitment campaign launched', '2014-05-15'],
        ['First cohort starts', '2014-07-31'],
      ],
    ],
    [
      4,
      'Police join every strategy discussion: monitored invitation route and out-of-hours rota',
      '2014-04-22',
      '2014-06-15',
      'off track',
      [['Protocol signed by police', '2014-05-16']],
    ],
    [
      5,
      'Timeliness report for strategy discussions and section 47 enquiries',
      '2014-04-22',
      '2014-06-30',
      'on track',
      [['Report specified', '2014-05-23']],
    ],
    [
      7,
      'New child-focused assessment template and training for all teams',
      '2014-05-01',
      '2014-09-30',
      'not started',
      [['Template agreed', '2014-06-30']],
    ],
    [
      9,
      'Private fostering tracker and 42-day assessment alert',
      '2014-04-22',
      '2014-05-31',
      'not started',
      [['Tracker built', '2014-05-16']],
    ],
    [
      14,
      'Out-of-hours notification of missing episodes to the return interview service',
      '2014-05-13',
      '2014-07-31',
      'on track',
      [['Data-sharing agreement signed', '2014-06-20']],
    ],
  ]
  for (const [n, title, start, due, status, milestones] of actions) {
    const owned = n === 3 || n === 1 ? dcs : owner
    const a = await plans.addAction(
      item(n),
      {
        title,
        ownerId: owned.id,
        leadOfficer: n === 4 ? 'Detective Superintendent, Public Protection' : 'Head of Safeguarding',
        startDate: start,
        dueDate: due,
        status,
      },
      lead,
    )
    actionIds[n] = { id: a.id, version: a.version }
    for (const [m, d] of milestones) await plans.addMilestone(a.id, { title: m, dueDate: d }, lead)
  }
  await plans.addAction(
    item(10),
    { title: 'Move two assessment teams into the north and east hubs', startDate: '2014-06-01', status: 'not started' },
    lead,
  )

  const met: Array<[number, string, string]> = [
    [0, 'Duty manager rota in place', '2014-05-09'],
    [3, 'Recruitment campaign launched', '2014-05-14'],
    [1, 'Action log agreed by board', '2014-05-20'],
    [5, 'Report specified', '2014-05-22'],
    [14, 'Data-sharing agreement signed', '2014-06-18'],
  ]
  for (const [n, title, day] of met) {
    on(day)
    await plans.completeMilestone(await milestoneId(services, actionIds[n].id, title), 1, day, owner)
  }
  on('2014-05-21')
  const a4 = await services.store.db.select().from(t.planAction).where(eq(t.planAction.id, actionIds[4].id))
  await plans.overrideRag(
    a4[0].id,
    a4[0].version,
    'amber',
    'Police have agreed the protocol in principle; signature expected at the June board',
    dcs,
  )

  // Evidence: a note, a link and a CSV file.
  await plans.addEvidence(
    item(0),
    {
      kind: 'note',
      title: 'Duty manager rota',
      evidenceDate: '2014-05-09',
      note: 'Rota in place from 12 May; every contact now has a recorded manager decision.',
    },
    owner,
  )
  await plans.addEvidence(
    item(1),
    {
      kind: 'link',
      title: 'Board minutes, 20 May 2014',
      evidenceDate: '2014-05-20',
      url: 'https://www.coventry.gov.uk/',
    },
    owner,
  )
  await plans.addEvidence(
    item(0),
    {
      kind: 'file',
      title: 'MASH timeliness, April and May 2014',
      evidenceDate: '2014-06-02',
      file: {
        bytes: Buffer.from('month,contacts,decided_within_24_hours\n2014-04,1210,841\n2014-05,1188,951\n'),
        fileName: 'mash-timeliness.csv',
      },
    },
    analyst,
  )

  // KPIs with trajectories and monthly values entered by hand.
  const months = (from: string, values: number[]) => values.map((value, i) => ({ month: addMonthsIso(from, i), value }))
  const seen = await plans.addKpi(
    planId,
    {
      name: 'Referrals where the child is seen within 1 working day',
      definition:
        'Referrals in the month where the child was seen within 1 working day, as a percentage of referrals needing a visit',
      polarity: 'higher',
      unit: '%',
      baselineValue: 62,
      baselineDate: '2014-01-31',
      targetValue: 90,
      targetDate: '2014-12-31',
      itemIds: [item(0), item(5)],
      trajectory: months('2014-04', [65, 70, 75, 80, 84, 87, 90, 90, 90]),
    },
    analyst,
  )
  const caseloads = await plans.addKpi(
    planId,
    {
      name: 'Average social worker caseload',
      definition: 'Open cases divided by social workers in post (FTE) at month end',
      polarity: 'lower',
      unit: 'cases',
      baselineValue: 24,
      baselineDate: '2014-01-31',
      targetValue: 18,
      targetDate: '2014-12-31',
      amberTolerance: 2,
      itemIds: [item(3), item(10)],
      trajectory: months('2014-04', [24, 23, 22, 21, 20, 20, 19, 18, 18]),
    },
    analyst,
  )
  const returns = await plans.addKpi(
    planId,
    {
      name: 'Return interviews offered after a missing episode',
      definition: 'Missing episodes in the month followed by an offer of a return interview within 72 hours',
      polarity: 'higher',
      unit: '%',
      baselineValue: 55,
      targetValue: 95,
      targetDate: '2014-12-31',
      itemIds: [item(14)],
    },
    analyst,
  )
  const values: Array<[number, string, number]> = [
    [seen.id, '2014-04', 66],
    [seen.id, '2014-05', 71],
    [seen.id, '2014-06', 74],
    [seen.id, '2014-07', 77],
    [caseloads.id, '2014-04', 24],
    [caseloads.id, '2014-05', 24],
    [caseloads.id, '2014-06', 23],
    [caseloads.id, '2014-07', 24],
    [returns.id, '2014-05', 58],
    [returns.id, '2014-06', 63],
    [returns.id, '2014-07', 71],
  ]
  for (const [kpiId, month, value] of values) {
    on(`${addMonthsIso(month, 1).slice(0, 8)}07`)
    await plans.setKpiValue(kpiId, { month, value }, analyst)
  }

  // The oversight loop: submitted, challenged, answered, accepted; then one new challenge left open.
  on('2014-05-30')
  const sub = await plans.submit(
    planId,
    { kind: 'plan', summary: 'Revised improvement plan with the underlying issues for 18 recommendations agreed' },
    lead,
  )
  on('2014-06-03')
  const challenge = await plans.comment(
    planId,
    {
      kind: 'challenge',
      itemId: item(3),
      text: 'Recruiting 30 social workers will not bring caseloads to 20 while agency turnover stays at 28%. What is the retention plan, and when will caseloads start to fall?',
    },
    commissioner,
  )
  await plans.comment(
    planId,
    {
      kind: 'comment',
      itemId: item(0),
      text: 'The duty manager rota is a good start; please show the effect in the June figures.',
    },
    panel,
  )
  on('2014-06-05')
  await plans.answer(
    challenge.id,
    challenge.version,
    'A retention offer (market supplement and a protected first-year caseload) goes to Cabinet on 17 June; the trajectory shows caseloads falling from July as the first cohort starts.',
    lead,
  )
  on('2014-06-10')
  await plans.decide(
    sub.id,
    sub.version,
    'accepted',
    'Underlying issues are explained for most recommendations and every priority action has an owner; the two draft analyses are to be agreed by 30 June.',
    commissioner,
  )
  on('2014-07-08')
  await plans.comment(
    planId,
    {
      kind: 'challenge',
      itemId: item(4),
      text: 'Police attendance at strategy discussions is still not evidenced. When will the protocol be signed?',
    },
    commissioner,
  )
  await recordAudit(services.store.db, {
    actor: SYSTEM_ACTOR,
    action: 'demo.plan.seeded',
    subjectType: 'plan',
    subjectId: planId,
    laCode: DEMO_PLAN_LA,
  })
  return planId
}

async function milestoneId(services: DemoPlanDeps, actionId: number, title: string) {
  const [m] = await services.store.db
    .select({ id: t.milestone.id })
    .from(t.milestone)
    .where(and(eq(t.milestone.actionId, actionId), eq(t.milestone.title, title)))
  return m.id
}

function addMonthsIso(month: string, n: number) {
  const [y, m] = month.split('-').map(Number)
  const i = y * 12 + (m - 1) + n
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`
}

/** Lets the LA-scoped demo accounts see the demo plan's LA (demo mode only), with an audit event. */
async function grantDemoScope(services: DemoPlanDeps, userIds: number[]) {
  const scoped = await services.store.db.select().from(userLaScope)
  await services.store.db.transaction(async (tx) => {
    for (const userId of userIds) {
      if (!scoped.some((s) => s.userId === userId)) continue // national roles see every LA already
      if (scoped.some((s) => s.userId === userId && s.laCode === DEMO_PLAN_LA)) continue
      await tx.insert(userLaScope).values({ userId, laCode: DEMO_PLAN_LA })
      await recordAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: 'user.scope.add',
        subjectType: 'user',
        subjectId: userId,
        laCode: DEMO_PLAN_LA,
        after: { laCode: DEMO_PLAN_LA, reason: 'demo plan' },
      })
    }
  })
}
