/**
 * The measures the unidentified-risk analysis benchmarks, declared once. The engine never branches on an id: each
 * declaration says where the count comes from and how to read it.
 */
export interface RiskMeasure {
  id: string
  title: string
  /** Where the count is published: dataset and measure in the register's statistic table. */
  source: { dataset: string; measure: string }
  /** Statutory or statistical basis, one line. */
  basis: string
  /** Volume measures have no polarity: being below neighbours is not "good" (domain.md §7.2). */
  polarity: 'none' | 'low-is-good'
  /** Stage in the pathway, for reading gaps (gaps are never added across stages). */
  stage: 'front door' | 'in need' | 'child protection' | 'in care' | 'known but not worked'
}

export const RISK_MEASURES: RiskMeasure[] = [
  {
    id: 'referrals',
    title: 'Referrals',
    source: { dataset: 'c1', measure: 'referrals' },
    basis: 'CIN census: referrals accepted in the year (Children Act 1989 s.17)',
    polarity: 'none',
    stage: 'front door',
  },
  {
    id: 're_referrals',
    title: 'Re-referrals within 12 months',
    source: { dataset: 'c1', measure: 're_referrals' },
    basis: 'CIN census: referrals within 12 months of a previous referral',
    polarity: 'low-is-good',
    stage: 'front door',
  },
  {
    id: 'nfa',
    title: 'Referrals with no further action',
    source: { dataset: 'c1', measure: 'nfa' },
    basis: 'CIN census: referrals closed with no further action',
    polarity: 'none',
    stage: 'front door',
  },
  {
    id: 'cin_at_31_march',
    title: 'Children in need at 31 March',
    source: { dataset: 'b1', measure: 'cin_at_31_march' },
    basis: 'CIN census: episodes open at 31 March (s.17)',
    polarity: 'none',
    stage: 'in need',
  },
  {
    id: 'awaiting_assessment',
    title: 'Children awaiting assessment at 31 March',
    source: { dataset: 'b1', measure: 'awaiting_assessment' },
    basis: 'CIN census: referred but not yet assessed',
    polarity: 'low-is-good',
    stage: 'known but not worked',
  },
  {
    id: 'cpp_starts',
    title: 'Child protection plans starting',
    source: { dataset: 'd3', measure: 'cpp_starts' },
    basis: 'CIN census: plans starting in the year (s.47 and Working Together)',
    polarity: 'none',
    stage: 'child protection',
  },
  {
    id: 'subsequent_cpp',
    title: 'Second or subsequent child protection plans',
    source: { dataset: 'd3', measure: 'subsequent_cpp' },
    basis: 'CIN census: plans that are a second or later plan',
    polarity: 'low-is-good',
    stage: 'child protection',
  },
  {
    id: 'cpp_at_31_march',
    title: 'Child protection plans at 31 March',
    source: { dataset: 'd5', measure: 'cpp_at_31_march' },
    basis: 'CIN census: plans open at 31 March',
    polarity: 'none',
    stage: 'child protection',
  },
  {
    id: 'cpp_2_years_or_more',
    title: 'Child protection plans lasting 2 years or more',
    source: { dataset: 'd5', measure: 'cpp_2_years_or_more' },
    basis: 'CIN census: plans at 31 March open 2 years or more',
    polarity: 'low-is-good',
    stage: 'child protection',
  },
  {
    id: 'cla_at_31_march',
    title: 'Children looked after at 31 March',
    source: { dataset: 'cla', measure: 'cla_at_31_march' },
    basis: 'SSDA903: children looked after at 31 March (s.22)',
    polarity: 'none',
    stage: 'in care',
  },
  {
    id: 'assessments_with_factors',
    title: 'Assessments with factors identified',
    source: { dataset: 'c3', measure: 'assessments_with_factors' },
    basis: 'CIN census: episodes with factors identified at the end of assessment',
    polarity: 'none',
    stage: 'in need',
  },
]

/** Pathway conversion ratios (domain.md §7.3 method 2): numerator and denominator measure ids. */
export const CONVERSIONS = [
  {
    id: 'referral_to_cpp',
    title: 'Child protection plans starting per referral',
    numerator: 'cpp_starts',
    denominator: 'referrals',
  },
  { id: 'referral_to_nfa', title: 'Referrals ending in no further action', numerator: 'nfa', denominator: 'referrals' },
  {
    id: 'referral_to_re_referral',
    title: 'Re-referrals per referral',
    numerator: 're_referrals',
    denominator: 'referrals',
  },
  {
    id: 'cpp_subsequent',
    title: 'Second or subsequent plans per plan started',
    numerator: 'subsequent_cpp',
    denominator: 'cpp_starts',
  },
  {
    id: 'cin_to_cpp',
    title: 'Children on a plan per child in need at 31 March',
    numerator: 'cpp_at_31_march',
    denominator: 'cin_at_31_march',
  },
] as const

export function riskMeasure(id: string): RiskMeasure | undefined {
  return RISK_MEASURES.find((m) => m.id === id)
}
