import { openCases } from '../indicators/allocation.ts'
import { workingDaysBetween } from '../indicators/calendar.ts'
import { assessed } from '../indicators/closures.ts'
import { claChains, claLastSeen } from '../indicators/lookedAfter.ts'
import { cpChains, cpLastSeen } from '../indicators/protection.ts'

/**
 * Why a child's risk has not been assessed or acted on in time (issue 15 "unworked demand"). Each reason is the
 * item-level form of an indicator of docs/indicators.md (the same rule, so its items add up to that indicator's
 * numerator), with how overdue the item is and the source it needs. `tier` orders the priority (1 first).
 */
export interface ReasonDefinition {
  id: string
  label: string
  indicator: string
  tier: number
  /** What the days overdue count: working days or calendar days past the standard. */
  unit: 'working days' | 'days'
  standard: string
  /** One row per item: `child_id, ref, since (DATE), days (INTEGER, past the standard)`. */
  sql: string
}

const wd = (from: string) => workingDaysBetween(from, '$a::DATE')

export const REASONS: ReasonDefinition[] = [
  {
    id: 'cp_visit_overdue',
    label: 'On a child protection plan, not seen within 10 working days',
    indicator: 'cp_visits_overdue',
    tier: 1,
    unit: 'working days',
    standard: 'visited at least every 10 working days (local standard)',
    sql: `SELECT x.child_id, x.plan_id AS ref, x.seen AS since, ${wd('x.seen')} - 10 AS days
      FROM ${cpLastSeen} x WHERE ${wd('x.seen')} > 10`,
  },
  {
    id: 'cp_review_late',
    label: 'Child protection review conference late',
    indicator: 'cp_reviews_on_time',
    tier: 1,
    unit: 'days',
    standard: 'first review within 3 months of the plan, then at most 6 months apart',
    sql: `SELECT p.child_id, c.k AS ref, c.due AS since, greatest(0, $a::DATE - c.due)::INTEGER AS days
      FROM ${cpChains} c JOIN cp_plan p ON p.snapshot_id = $s AND p.source_format = 'cin' AND p.plan_id = c.k
      WHERE c.late`,
  },
  {
    id: 'contact_awaiting_decision',
    label: 'Contact with no decision after 1 working day',
    indicator: 'contacts_awaiting_decision',
    tier: 2,
    unit: 'working days',
    standard: 'a decision within 1 working day (Working Together 2023, ch. 3)',
    sql: `SELECT c.child_id, c.contact_id AS ref, c.contact_date AS since, ${wd('c.contact_date')} - 1 AS days
      FROM contact c WHERE c.snapshot_id = $s AND c.source_format = 'ssd' AND c.contact_date <= $a::DATE
        AND c.outcome IS NULL AND ${wd('c.contact_date')} > 1`,
  },
  {
    id: 'referral_awaiting_decision',
    label: 'Referral with no decision or assessment after 1 working day',
    indicator: 'referrals_awaiting_decision',
    tier: 2,
    unit: 'working days',
    standard: 'a decision within 1 working day (Working Together 2023, ch. 3)',
    sql: `SELECT r.child_id, r.referral_id AS ref, r.referral_date AS since, ${wd('r.referral_date')} - 1 AS days
      FROM referral r WHERE r.snapshot_id = $s AND r.source_format = 'cin' AND r.referral_date <= $a::DATE
        AND (r.closure_date IS NULL OR r.closure_date > $a::DATE) AND NOT coalesce(r.nfa, false)
        AND NOT ${assessed('r', '$a::DATE')} AND ${wd('r.referral_date')} > 1`,
  },
  {
    id: 'unallocated',
    label: 'Open case with no allocated social worker',
    indicator: 'unallocated_cases',
    tier: 3,
    unit: 'days',
    standard: 'a lead social worker for every child (Working Together 2023, ch. 3)',
    // Unallocated since the case opened, or since its last worker left when that was later.
    sql: `SELECT u.child_id, u.ref, u.since, ($a::DATE - u.since)::INTEGER AS days FROM (
      SELECT o.child_id, o.stage AS ref, greatest(
        (SELECT max(a.end_date) FROM allocation a WHERE a.snapshot_id = $s AND a.source_format = 'ssd'
          AND a.child_id = o.child_id AND a.end_date <= $a::DATE),
        (SELECT max(r.referral_date) FROM referral r WHERE r.snapshot_id = $s AND r.source_format = 'cin'
          AND r.child_id = o.child_id AND r.referral_date <= $a::DATE)) AS since
      FROM ${openCases} o WHERE o.worker_id IS NULL) u`,
  },
  {
    id: 'assessment_over_45_wd',
    label: 'Assessment open beyond 45 working days',
    indicator: 'assessments_open_over_45_wd',
    tier: 3,
    unit: 'working days',
    standard: 'assessments completed within 45 working days (Working Together 2023, ch. 3)',
    sql: `SELECT x.child_id, strftime(x.start_date, '%Y-%m-%d') AS ref, x.start_date AS since,
        ${wd('x.start_date')} - 45 AS days
      FROM (SELECT child_id, start_date, min(authorised_date) AS authorised_date FROM assessment
        WHERE snapshot_id = $s AND start_date IS NOT NULL AND start_date <= $a::DATE GROUP BY child_id, start_date) x
      WHERE (x.authorised_date IS NULL OR x.authorised_date > $a::DATE) AND ${wd('x.start_date')} > 45`,
  },
  {
    id: 'cla_visit_overdue',
    label: 'Looked after, not visited by a social worker for more than 6 weeks',
    indicator: 'cla_visits_overdue',
    tier: 4,
    unit: 'days',
    standard: 'visited at least every 6 weeks (Care Planning Regulations 2010, reg 28)',
    sql: `SELECT x.child_id, 'period ' || strftime(x.period_start, '%Y-%m-%d') AS ref, x.seen AS since,
        ($a::DATE - x.seen - 42)::INTEGER AS days FROM ${claLastSeen} x WHERE x.seen + 42 < $a::DATE`,
  },
  {
    id: 'cla_review_late',
    label: 'Looked-after review late',
    indicator: 'cla_reviews_on_time',
    tier: 4,
    unit: 'days',
    standard: 'reviews within 20 working days, 3 months, then 6-monthly (Care Planning Regulations 2010, reg 33)',
    sql: `SELECT c.k AS child_id, 'period of care' AS ref, c.due AS since,
        greatest(0, $a::DATE - c.due)::INTEGER AS days FROM ${claChains} c WHERE c.late`,
  },
  {
    id: 'closed_without_assessment',
    label: 'Case closed in the year without an assessment',
    indicator: 'cases_closed_without_assessment',
    tier: 5,
    unit: 'days',
    standard: 'every referral accepted for social care assessed (Working Together 2023, ch. 3)',
    sql: `SELECT r.child_id, r.referral_id AS ref, r.closure_date AS since, ($a::DATE - r.closure_date)::INTEGER AS days
      FROM referral r WHERE r.snapshot_id = $s AND r.source_format = 'cin'
        AND r.closure_date > $y::DATE AND r.closure_date <= $a::DATE
        AND NOT coalesce(r.nfa, false) AND NOT ${assessed('r')}`,
  },
]
