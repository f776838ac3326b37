import { defineIndicator } from './defineIndicator.ts'

const REFERRAL_SOURCE = { table: 'referral', source: 'referrals (CIN census, DfE API or Annex A List 3)' }

/** Referrals of the snapshot, one per child and date whichever sources carried them. */
const referrals = `(SELECT child_id, referral_date, bool_or(coalesce(nfa, false)) AS nfa FROM referral
  WHERE snapshot_id = $s AND referral_date IS NOT NULL AND referral_date <= $a::DATE GROUP BY child_id, referral_date)`

export const referralsNfa = defineIndicator({
  id: 'referrals_nfa',
  title: 'Referrals with no further action',
  definition: 'Referrals in the year with ReferralNFA = 1, out of referrals in the year',
  basis: 'local standard (DfE CIN statistics measure)',
  polarity: 'lowerIsBetter',
  unit: 'percent',
  numerator: 'referrals in the year with no further action',
  denominator: 'referrals in the year',
  needs: [REFERRAL_SOURCE],
  sql: `SELECT count(*) FILTER (WHERE nfa)::INTEGER AS numerator, count(*)::INTEGER AS denominator
    FROM ${referrals} r WHERE r.referral_date > $y::DATE`,
})

export const reReferrals12Months = defineIndicator({
  id: 're_referrals_12_months',
  title: 'Re-referrals within 12 months',
  definition: 'Referrals in the year for a child with another referral in the 12 months before it',
  basis: 'local standard (DfE CIN statistics measure)',
  polarity: 'lowerIsBetter',
  unit: 'percent',
  numerator: 'referrals in the year with an earlier referral of the child within 12 months',
  denominator: 'referrals in the year',
  needs: [REFERRAL_SOURCE],
  sql: `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ${referrals} p WHERE p.child_id = r.child_id
      AND p.referral_date < r.referral_date
      AND p.referral_date >= (r.referral_date - INTERVAL 12 MONTH)::DATE))::INTEGER AS numerator,
    count(*)::INTEGER AS denominator
    FROM ${referrals} r WHERE r.referral_date > $y::DATE`,
})
