import { firstPlanOfLa } from '../../data/repositories/planLinkRepository.ts'
import type { Store } from '../../data/store.ts'
import { recordAudit, SYSTEM_ACTOR } from '../auditService.ts'
import type { Config } from '../../config.ts'
import { planService } from '../plans/index.ts'
import { faultPoint } from '../setupProgress.ts'
import type { UserService } from '../userService.ts'

export const BIRMINGHAM_PLAN_LA = '330'
export const BIRMINGHAM_PLAN_TITLE = "Birmingham children's services improvement plan 2014"

/**
 * The demo Birmingham plan's impact measures: each linked to a casework indicator, so each fills itself from the
 * simulated Birmingham 2014 returns read at start-up (no monthly values typed). Targets are the plan's, invented.
 */
export const BIRMINGHAM_KPIS = [
  {
    name: 'Assessments authorised within 45 working days',
    definition:
      'Assessments completed in the year within 45 working days of the referral, as a percentage of all completed',
    polarity: 'higher',
    caseworkIndicator: 'assessments_within_45_wd',
    targetValue: 85,
    targetDate: '2015-03-31',
  },
  {
    name: 'Children waiting: assessments open beyond 45 working days',
    definition: 'Assessments still open on the day, started more than 45 working days before it',
    polarity: 'lower',
    caseworkIndicator: 'assessments_open_over_45_wd',
    targetValue: 0,
    targetDate: '2015-03-31',
  },
  {
    name: 'Open cases with no allocated worker',
    definition: 'Open cases on the day with no allocated social worker',
    polarity: 'lower',
    caseworkIndicator: 'unallocated_cases',
    targetValue: 0,
    targetDate: '2015-03-31',
  },
]

/**
 * Seeds the demo Birmingham improvement plan (started by the demo improvement lead, before any report is imported)
 * with impact measures linked to casework indicators. Idempotent: does nothing when Birmingham already has a plan.
 * Returns the plan id.
 */
export async function seedBirminghamPlan(deps: { store: Store; users: UserService; config: Config }) {
  const existing = await firstPlanOfLa(deps.store.db, BIRMINGHAM_PLAN_LA)
  if (existing) return existing
  const u = await deps.users.findByUsername('improvement.lead')
  if (!u)
    throw new Error('The demo Birmingham plan needs the demo account improvement.lead: create the demo accounts first')
  const lead = { id: u.id, name: u.username, role: u.role, laScope: [BIRMINGHAM_PLAN_LA] }
  // One transaction (the plan commands' own become savepoints in it): a start stopped half way leaves no plan without
  // its measures for the next start to take for a seeded one.
  return deps.store.db.transaction(async (tx) => {
    const plans = planService({ ...deps.store, db: tx as unknown as Store['db'] }, deps.config)
    const { planId } = await plans.createPlan(
      { laCode: BIRMINGHAM_PLAN_LA, title: BIRMINGHAM_PLAN_TITLE, reportIds: [] },
      lead,
    )
    faultPoint('set-up:birmingham-plan-half-made')
    for (const k of BIRMINGHAM_KPIS) await plans.addKpi(planId, k, lead)
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: 'demo.plan.seeded',
      subjectType: 'plan',
      subjectId: planId,
      laCode: BIRMINGHAM_PLAN_LA,
    })
    return planId
  })
}
