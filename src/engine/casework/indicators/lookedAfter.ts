import { workingDeadline } from './calendar.ts'
import { defineIndicator } from './defineIndicator.ts'
import { reviewChains } from './reviewChain.ts'

const LIST_8 = { table: 'lac_episode', source: 'Annex A List 8 (children looked after)', format: 'annexA' }
const EPISODES_903 = { table: 'lac_episode', source: 'SSDA903 Episodes', format: 'ssda903' }
const REVIEWS_903 = { table: 'lac_review', source: 'SSDA903 Reviews', format: 'ssda903' }
const BASIS_REG = 'Care Planning, Placement and Case Review (England) Regulations 2010'

/** Annex A List 8: periods of care open at A (one row per child), with the period's start. */
export const lookedAfterAt = `(SELECT child_id, min(period_start_date) AS period_start FROM lac_episode
  WHERE snapshot_id = $s AND source_format = 'annexA' AND period_start_date <= $a::DATE
    AND (end_date IS NULL OR end_date > $a::DATE) GROUP BY child_id)`

/** Review chains of the children looked after at A whose first review (20 working days) is due before A. */
export const claChains = reviewChains({
  base: `(SELECT l.child_id AS k, l.period_start AS start, ${workingDeadline('l.period_start', 20)} AS first
    FROM ${lookedAfterAt} l WHERE ${workingDeadline('l.period_start', 20)} < $a::DATE)`,
  reviews: `(SELECT child_id AS k, review_date FROM lac_review WHERE snapshot_id = $s AND source_format = 'ssda903')`,
  next: (i) => `(CASE WHEN ${i} = 1 THEN INTERVAL 3 MONTH ELSE INTERVAL 6 MONTH END)`,
})

export const claReviewsOnTime = defineIndicator({
  id: 'cla_reviews_on_time',
  title: 'Looked-after reviews on time',
  definition: 'Children looked after whose every review was on time (20 working days, 3 months, then 6-monthly)',
  basis: `${BASIS_REG}, reg 33`,
  polarity: 'higherIsBetter',
  unit: 'percent',
  numerator: 'children looked after at the as-at date whose every review was on time',
  denominator: 'children looked after at the as-at date whose first review was due before it',
  needs: [LIST_8, REVIEWS_903],
  sql: `SELECT count(*) FILTER (WHERE NOT late)::INTEGER AS numerator, count(*)::INTEGER AS denominator FROM ${claChains}`,
})

/** Children looked after at A with the date they were last seen by their social worker (or the period start). */
export const claLastSeen = `(SELECT l.child_id, l.period_start, coalesce((SELECT max(v.visit_date) FROM lac_visit v
    WHERE v.snapshot_id = $s AND v.source_format = 'annexA' AND v.child_id = l.child_id AND v.kind = 'social worker'
      AND v.visit_date <= $a::DATE), l.period_start) AS seen FROM ${lookedAfterAt} l)`

export const claVisitsOverdue = defineIndicator({
  id: 'cla_visits_overdue',
  title: 'Looked-after visits overdue',
  definition: 'Children looked after not visited by their social worker for more than 6 weeks',
  basis: `${BASIS_REG}, reg 28 (6 weeks)`,
  polarity: 'lowerIsBetter',
  unit: 'count',
  numerator: 'children looked after at the as-at date last visited more than 6 weeks before it',
  denominator: 'children looked after at the as-at date',
  needs: [LIST_8],
  sql: `SELECT count(*) FILTER (WHERE x.seen + 42 < $a::DATE)::INTEGER AS numerator, count(*)::INTEGER AS denominator
    FROM ${claLastSeen} x`,
})

/** Looked after 12 months or more at A, with the last health and dental checks and whether under 5 at A. */
const longTerm = `(SELECT l.child_id,
    (SELECT max(h.check_date) FROM health_check h WHERE h.snapshot_id = $s AND h.source_format = 'annexA'
      AND h.child_id = l.child_id AND h.kind = 'health' AND h.check_date <= $a::DATE) AS health,
    (SELECT max(h.check_date) FROM health_check h WHERE h.snapshot_id = $s AND h.source_format = 'annexA'
      AND h.child_id = l.child_id AND h.kind = 'dental' AND h.check_date <= $a::DATE) AS dental,
    (SELECT coalesce(max(c.birth_date), last_day(max(strptime(c.birth_month || '-01', '%Y-%m-%d'))::DATE))
      FROM child c WHERE c.snapshot_id = $s AND c.child_id = l.child_id) > ($a::DATE - INTERVAL 60 MONTH)::DATE AS under5
  FROM ${lookedAfterAt} l WHERE l.period_start <= ($a::DATE - INTERVAL 12 MONTH)::DATE)`

const LONG_TERM = 'children looked after at the as-at date for 12 months or more'

export const healthChecksOverdue = defineIndicator({
  id: 'health_checks_overdue',
  title: 'Health assessments overdue',
  definition: 'Children looked after 12 months or more without a health assessment in time (6-monthly under 5)',
  basis: `${BASIS_REG}, reg 7 and Schedule 1`,
  polarity: 'lowerIsBetter',
  unit: 'count',
  numerator: `${LONG_TERM} with no health assessment in the last 6 months (under 5) or 12 months`,
  denominator: LONG_TERM,
  needs: [LIST_8],
  sql: `SELECT count(*) FILTER (WHERE x.health IS NULL OR x.health < CASE WHEN coalesce(x.under5, false)
      THEN ($a::DATE - INTERVAL 6 MONTH)::DATE ELSE ($a::DATE - INTERVAL 12 MONTH)::DATE END)::INTEGER AS numerator,
    count(*)::INTEGER AS denominator FROM ${longTerm} x`,
})

export const dentalChecksOverdue = defineIndicator({
  id: 'dental_checks_overdue',
  title: 'Dental checks overdue',
  definition: 'Children looked after 12 months or more without a dental check in the last 12 months',
  basis: `${BASIS_REG}, Schedule 1`,
  polarity: 'lowerIsBetter',
  unit: 'count',
  numerator: `${LONG_TERM} with no dental check in the last 12 months`,
  denominator: LONG_TERM,
  needs: [LIST_8],
  sql: `SELECT count(*) FILTER (WHERE x.dental IS NULL OR x.dental < ($a::DATE - INTERVAL 12 MONTH)::DATE)::INTEGER
      AS numerator, count(*)::INTEGER AS denominator FROM ${longTerm} x`,
})

/** SSDA903 episodes open at some time in the year, numbered per child. */
const episodesInYear = `(SELECT child_id, start_date, end_date, reason_new_episode,
    row_number() OVER (PARTITION BY child_id ORDER BY start_date) AS i
  FROM lac_episode WHERE snapshot_id = $s AND source_format = 'ssda903' AND start_date <= $a::DATE
    AND (end_date IS NULL OR end_date > $y::DATE))`

export const placements3Plus = defineIndicator({
  id: 'placements_3_plus_12_months',
  title: 'Three or more placements in 12 months',
  definition: 'Children looked after with 3 or more placements in the last 12 months',
  basis: 'local standard (DfE placement stability measure)',
  polarity: 'lowerIsBetter',
  unit: 'percent',
  numerator: 'children looked after at the as-at date with 3 or more placements open in the year',
  denominator: 'children looked after at the as-at date (SSDA903)',
  needs: [EPISODES_903],
  // An episode with RNE L continues its placement; the first episode of the year always counts its placement.
  sql: `SELECT count(*) FILTER (WHERE p.placements >= 3)::INTEGER AS numerator, count(*)::INTEGER AS denominator
    FROM (SELECT child_id, count(*) FILTER (WHERE i = 1 OR coalesce(reason_new_episode, '') <> 'L') AS placements,
      bool_or(end_date IS NULL OR end_date > $a::DATE) AS open FROM ${episodesInYear} GROUP BY child_id) p WHERE p.open`,
})

export const claMissing = defineIndicator({
  id: 'cla_missing',
  title: 'Children looked after who went missing',
  definition: 'Children looked after in the year who went missing (a missing episode starting in the year)',
  basis: 'local standard',
  polarity: 'lowerIsBetter',
  unit: 'percent',
  numerator: 'children looked after in the year with a missing episode starting in the year',
  denominator: 'children looked after at some time in the year (SSDA903)',
  needs: [EPISODES_903],
  sql: `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM missing_episode m WHERE m.snapshot_id = $s
      AND m.source_format = 'ssda903' AND m.child_id = e.child_id AND m.kind = 'M'
      AND m.start_date > $y::DATE AND m.start_date <= $a::DATE))::INTEGER AS numerator, count(*)::INTEGER AS denominator
    FROM (SELECT DISTINCT child_id FROM ${episodesInYear}) e`,
})

export const returnInterviewsOffered = defineIndicator({
  id: 'return_interviews_offered',
  title: 'Return interviews offered',
  definition: 'Children offered a return interview after their last missing episode',
  basis: 'Statutory guidance on children who run away or go missing from home or care (2014)',
  polarity: 'higherIsBetter',
  unit: 'percent',
  numerator: 'List 8 children who went missing and were offered a return interview',
  denominator: 'List 8 children with at least one missing episode in the last 12 months',
  needs: [LIST_8],
  sql: `SELECT count(*) FILTER (WHERE m.return_interview_offered)::INTEGER AS numerator, count(*)::INTEGER AS denominator
    FROM missing_episode m WHERE m.snapshot_id = $s AND m.source_format = 'annexA'`,
})
