import { workingDaysBetween, workingDeadline } from './calendar.ts'
import { defineIndicator } from './defineIndicator.ts'
import { reviewChains } from './reviewChain.ts'

const CIN_S47 = { table: 'section47', source: 'section 47 enquiries (CIN census)', format: 'cin' }
const CIN_PLANS = { table: 'cp_plan', source: 'child protection plans (CIN census)', format: 'cin' }
const LIST_7 = { table: 'cp_plan', source: 'Annex A List 7 (child protection plans)', format: 'annexA' }

/** CIN census plans of the snapshot (the census carries every review date of a plan). */
const cinPlans = `(SELECT * FROM cp_plan WHERE snapshot_id = $s AND source_format = 'cin' AND start_date <= $a::DATE)`

export const icpcWithin15 = defineIndicator({
  id: 'icpc_within_15_wd',
  title: 'Initial conferences within 15 working days',
  definition: 'ICPCs held in the year within 15 working days of the strategy discussion',
  basis: 'Working Together 2023, ch. 3',
  polarity: 'higherIsBetter',
  unit: 'percent',
  numerator: 'ICPCs held in the year within 15 working days of the strategy discussion',
  denominator: 'section 47 enquiries with an ICPC held in the year',
  needs: [CIN_S47],
  sql: `SELECT count(*) FILTER (WHERE s.icpc_date <= ${workingDeadline('s.strategy_date', 15)})::INTEGER AS numerator,
    count(*)::INTEGER AS denominator
    FROM section47 s WHERE s.snapshot_id = $s AND s.source_format = 'cin'
      AND s.icpc_date > $y::DATE AND s.icpc_date <= $a::DATE AND s.strategy_date IS NOT NULL`,
})

/** Plans open at A for 3 months or more with their review chain: first due 3 months after the start, then 6 after each review. */
export const cpChains = reviewChains({
  base: `(SELECT p.plan_id AS k, p.start_date AS start, (p.start_date + INTERVAL 3 MONTH)::DATE AS first FROM ${cinPlans} p
    WHERE (p.end_date IS NULL OR p.end_date > $a::DATE) AND p.start_date <= ($a::DATE - INTERVAL 3 MONTH)::DATE)`,
  reviews: `(SELECT plan_id AS k, review_date FROM cp_review WHERE snapshot_id = $s AND source_format = 'cin')`,
  next: () => `INTERVAL 6 MONTH`,
})

export const cpReviewsOnTime = defineIndicator({
  id: 'cp_reviews_on_time',
  title: 'Child protection reviews on time',
  definition: 'Children on a plan for 3 months or more whose every review conference was on time',
  basis: 'Working Together 2023, ch. 3 (first review within 3 months of the ICPC, then at most 6 months apart)',
  polarity: 'higherIsBetter',
  unit: 'percent',
  numerator: 'plans open for 3 months or more with every review on time',
  denominator: 'plans open at the as-at date that started 3 months or more before it',
  needs: [CIN_PLANS],
  sql: `SELECT count(*) FILTER (WHERE NOT late)::INTEGER AS numerator, count(*)::INTEGER AS denominator FROM ${cpChains}`,
})

/** Annex A List 7: plans open at A with the date of the last statutory visit (or the plan's start when none). */
export const cpLastSeen = `(SELECT p.child_id, p.plan_id, p.start_date,
    coalesce((SELECT max(v.visit_date) FROM cp_visit v WHERE v.snapshot_id = $s AND v.source_format = 'annexA'
      AND v.plan_id = p.plan_id AND v.visit_date <= $a::DATE), p.start_date) AS seen
  FROM cp_plan p WHERE p.snapshot_id = $s AND p.source_format = 'annexA' AND p.start_date <= $a::DATE
    AND (p.end_date IS NULL OR p.end_date > $a::DATE))`

export const cpVisitsOverdue = defineIndicator({
  id: 'cp_visits_overdue',
  title: 'Child protection visits overdue',
  definition: 'Children on a plan not visited for more than 10 working days',
  basis: 'local standard, default every 10 working days',
  polarity: 'lowerIsBetter',
  unit: 'count',
  numerator: 'plans open at the as-at date with more than 10 working days since the last statutory visit',
  denominator: 'plans open at the as-at date',
  needs: [LIST_7],
  sql: `SELECT count(*) FILTER (WHERE ${workingDaysBetween('x.seen', '$a::DATE')} > 10)::INTEGER AS numerator,
    count(*)::INTEGER AS denominator FROM ${cpLastSeen} x`,
})

export const cpPlans2YearsPlus = defineIndicator({
  id: 'cp_plans_2_years_plus',
  title: 'Plans ended after 2 years or more',
  definition: 'Plans ended in the year that lasted 2 years or more',
  basis: 'local standard (DfE CP statistics measure)',
  polarity: 'lowerIsBetter',
  unit: 'percent',
  numerator: 'plans ended in the year that lasted 2 years or more',
  denominator: 'plans ended in the year',
  needs: [CIN_PLANS],
  sql: `SELECT count(*) FILTER (WHERE p.end_date >= p.start_date + INTERVAL 24 MONTH)::INTEGER AS numerator,
    count(*)::INTEGER AS denominator FROM ${cinPlans} p WHERE p.end_date > $y::DATE AND p.end_date <= $a::DATE`,
})

/**
 * A plan is a repeat when an earlier plan of the child is held (the API feed carries the whole history) or Annex A
 * List 7 gives a previous plan. The CIN census's own count is not used: schemas before 2025 refuse 0, so a first plan
 * is written there as 1.
 */
export const repeatCpPlans = defineIndicator({
  id: 'repeat_cp_plans',
  title: 'Repeat child protection plans',
  definition: 'Plans started in the year that are a second or later plan',
  basis: 'local standard (DfE CP statistics measure)',
  polarity: 'lowerIsBetter',
  unit: 'percent',
  numerator: 'plans started in the year with an earlier plan of the same child',
  denominator: 'plans started in the year',
  needs: [CIN_PLANS, { table: 'cp_plan', source: 'the DfE CSC API feed (earlier plans)', format: 'dfeApi' }],
  sql: `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM cp_plan e WHERE e.snapshot_id = $s
        AND e.child_id = p.child_id AND e.start_date < p.start_date)
      OR EXISTS (SELECT 1 FROM cp_plan l WHERE l.snapshot_id = $s AND l.source_format = 'annexA'
        AND l.child_id = p.child_id AND l.start_date = p.start_date AND l.previous_plans >= 1))::INTEGER AS numerator,
    count(*)::INTEGER AS denominator FROM ${cinPlans} p WHERE p.start_date > $y::DATE`,
})
