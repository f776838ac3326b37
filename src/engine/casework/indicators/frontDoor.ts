import { workingDaysBetween } from './calendar.ts'
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

const CONTACT_SOURCE = { table: 'contact', source: 'contacts (SSD ssd_contacts.csv or Annex A List 1)' }

/**
 * Contacts of the snapshot: the SSD contacts (which carry the outcome) when the snapshot has them, else Annex A List
 * 1, whose contact became a referral when List 3 holds a referral of the child on the same date.
 */
const contacts = `(SELECT c.contact_id, c.child_id, c.contact_date, CASE WHEN c.source_format = 'ssd' THEN c.outcome
      WHEN EXISTS (SELECT 1 FROM referral r WHERE r.snapshot_id = $s AND r.child_id = c.child_id
        AND r.referral_date = c.contact_date) THEN 'REFERRAL' END AS outcome
    FROM contact c WHERE c.snapshot_id = $s AND c.contact_date <= $a::DATE AND c.source_format =
      CASE WHEN EXISTS (SELECT 1 FROM contact WHERE snapshot_id = $s AND source_format = 'ssd') THEN 'ssd' ELSE 'annexA' END)`

export const contactsConverted = defineIndicator({
  id: 'contacts_converted_to_referral',
  title: 'Contacts that became a referral',
  definition: 'Contacts in the half year whose outcome is a referral',
  basis: 'local standard (no statutory target)',
  polarity: 'higherIsBetter',
  unit: 'percent',
  numerator: 'contacts in the half year that became a referral',
  denominator: 'contacts in the half year',
  needs: [CONTACT_SOURCE],
  sql: `SELECT count(*) FILTER (WHERE c.outcome = 'REFERRAL')::INTEGER AS numerator, count(*)::INTEGER AS denominator
    FROM ${contacts} c WHERE c.contact_date > $h::DATE`,
})

export const contactsAwaitingDecision = defineIndicator({
  id: 'contacts_awaiting_decision',
  title: 'Contacts awaiting a decision',
  definition: 'Contacts with no decision more than 1 working day after they arrived',
  basis: 'Working Together 2023, ch. 3 (decision within 1 working day)',
  polarity: 'lowerIsBetter',
  unit: 'count',
  numerator: 'contacts with no outcome at the as-at date more than 1 working day after they arrived',
  denominator: 'contacts in the half year',
  needs: [{ table: 'contact', source: 'SSD contacts with their outcome (ssd_contacts.csv)', format: 'ssd' }],
  sql: `SELECT count(*) FILTER (WHERE c.outcome IS NULL
      AND ${workingDaysBetween('c.contact_date', '$a::DATE')} > 1)::INTEGER AS numerator,
    count(*) FILTER (WHERE c.contact_date > $h::DATE)::INTEGER AS denominator
    FROM contact c WHERE c.snapshot_id = $s AND c.source_format = 'ssd' AND c.contact_date <= $a::DATE`,
})
