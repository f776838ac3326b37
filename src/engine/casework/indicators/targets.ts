import type { IndicatorDefinition } from './defineIndicator.ts'

/**
 * Local targets: each LA sets its own; until it does, these defaults (a plain starting point, not a statutory figure)
 * are used and the dashboard says so. A count indicator's target is a count (0 = none waiting).
 */
export const DEFAULT_TARGETS: Record<string, number> = {
  contacts_converted_to_referral: 40,
  contacts_awaiting_decision: 0,
  referrals_nfa: 10,
  re_referrals_12_months: 22,
  referrals_awaiting_decision: 0,
  cases_closed_without_assessment: 0,
  assessments_within_45_wd: 85,
  assessments_open_over_45_wd: 0,
  icpc_within_15_wd: 80,
  cp_reviews_on_time: 95,
  cp_visits_overdue: 0,
  cp_plans_2_years_plus: 3,
  repeat_cp_plans: 20,
  cla_reviews_on_time: 95,
  cla_visits_overdue: 0,
  health_checks_overdue: 0,
  dental_checks_overdue: 0,
  placements_3_plus_12_months: 10,
  cla_missing: 10,
  return_interviews_offered: 90,
  care_leavers_in_touch: 90,
  care_leavers_suitable_accommodation: 90,
  care_leavers_eet: 55,
  pathway_plan_reviews_overdue: 0,
  unallocated_cases: 0,
  unallocated_cases_looked_after: 0,
  unallocated_cases_cp_plan: 0,
  unallocated_cases_cin_plan: 0,
  unallocated_cases_assessment: 0,
  caseload_per_worker: 18,
  workers_over_caseload: 0,
  agency_worker_share: 15,
}

export type Rag = 'green' | 'amber' | 'red' | 'none'

/**
 * Red, amber or green against the target: green when the target is met; amber when within 10% of it (for a count
 * target of 0, amber up to 5); red otherwise; none when there is no value or no target.
 */
export function rag(
  d: Pick<IndicatorDefinition, 'polarity' | 'unit'>,
  value: number | null,
  target: number | undefined,
): Rag {
  if (value === null || target === undefined) return 'none'
  const better = d.polarity === 'higherIsBetter' ? value >= target : value <= target
  if (better) return 'green'
  const slack = target === 0 ? 5 : Math.abs(target) * 0.1
  const gap = d.polarity === 'higherIsBetter' ? target - value : value - target
  return gap <= slack ? 'amber' : 'red'
}
