import { workingDaysBetween } from './calendar.ts'
import { defineIndicator } from './defineIndicator.ts'

const CIN_SOURCE = { table: 'referral', source: 'CIN census episodes', format: 'cin' }

/** CIN census episodes: the census is the source docs/indicators.md names, and it links assessments by referral id. */
export const assessed = (r: string, by?: string) => `EXISTS (SELECT 1 FROM assessment x WHERE x.snapshot_id = $s
  AND x.source_format = 'cin' AND x.child_id = ${r}.child_id AND x.referral_id = ${r}.referral_id
  ${by ? `AND x.start_date <= ${by}` : ''})`

export const casesClosedWithoutAssessment = defineIndicator({
  id: 'cases_closed_without_assessment',
  title: 'Cases closed without assessment',
  definition: 'CIN episodes closed in the year, not NFA, never assessed',
  basis: 'Working Together 2023, ch. 3',
  polarity: 'lowerIsBetter',
  unit: 'count',
  numerator: 'CIN episodes closed in the year, not NFA, with no assessment',
  denominator: 'CIN episodes closed in the year',
  needs: [CIN_SOURCE],
  sql: `SELECT count(*) FILTER (WHERE NOT coalesce(r.nfa, false) AND NOT ${assessed('r')})::INTEGER AS numerator,
    count(*)::INTEGER AS denominator
    FROM referral r WHERE r.snapshot_id = $s AND r.source_format = 'cin'
      AND r.closure_date > $y::DATE AND r.closure_date <= $a::DATE`,
})

export const referralsAwaitingDecision = defineIndicator({
  id: 'referrals_awaiting_decision',
  title: 'Referrals awaiting a decision',
  definition: 'Open referrals, not NFA, with no assessment, more than 1 working day old',
  basis: 'Working Together 2023, ch. 3',
  polarity: 'lowerIsBetter',
  unit: 'count',
  numerator: 'open CIN episodes not NFA with no assessment more than 1 working day after referral',
  denominator: 'referrals in the year',
  needs: [CIN_SOURCE],
  sql: `SELECT count(*) FILTER (WHERE r.referral_date <= $a::DATE AND (r.closure_date IS NULL OR r.closure_date > $a::DATE)
      AND NOT coalesce(r.nfa, false) AND NOT ${assessed('r', '$a::DATE')}
      AND ${workingDaysBetween('r.referral_date', '$a::DATE')} > 1)::INTEGER AS numerator,
    count(*) FILTER (WHERE r.referral_date > $y::DATE AND r.referral_date <= $a::DATE)::INTEGER AS denominator
    FROM referral r WHERE r.snapshot_id = $s AND r.source_format = 'cin'`,
})
