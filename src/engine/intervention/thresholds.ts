/**
 * Decision-support thresholds, configurable and versioned: every assessment records the version it used, so a
 * recommendation can be reproduced later even after the thresholds change. The default is Sightline's reading of the
 * 2016 decision flow (domain.md §3); it is not a DfE rule.
 */
export interface Thresholds {
  version: string
  effectiveFrom: string
  description: string
  /** Systemic failure: overall inadequate AND leadership inadequate AND at least this many other inadequate grades. */
  systemicOtherInadequate: number
  /** Persistent failure: at least this many consecutive inadequate inspections... */
  persistentConsecutive: number
  /** ...or at least this many years since the current run of failure began. */
  persistentYears: number
  /** Alternative delivery: persistent failure over at least this many consecutive inadequate inspections. */
  alternativeConsecutive: number
  /** Alternative delivery: or failure persisting this many years. */
  alternativeYears: number
  /** A data signal (unidentified-risk gap per 10,000, lower interval bound above zero) this large raises 'none' to 'support'. */
  riskGapPer10k: number
  /** Weight of each inadequate judgement in the scale score. */
  weights: { overall: number; leadership: number; other: number }
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  version: 'sightline-default-1',
  effectiveFrom: '2009-01-01',
  description:
    'Sightline default: systemic = overall, leadership and 2 other grades inadequate; persistent = 2 consecutive inadequate inspections or 3 years in failure; alternative delivery after 3 consecutive inadequate inspections or 5 years',
  systemicOtherInadequate: 2,
  persistentConsecutive: 2,
  persistentYears: 3,
  alternativeConsecutive: 3,
  alternativeYears: 5,
  riskGapPer10k: 10,
  weights: { overall: 3, leadership: 2, other: 1 },
}

/** Validates a thresholds object (from config or a stored version); returns the problems, empty when valid. */
export function thresholdProblems(t: Partial<Thresholds>): string[] {
  const problems: string[] = []
  if (!t.version) problems.push('version is required')
  for (const key of [
    'systemicOtherInadequate',
    'persistentConsecutive',
    'persistentYears',
    'alternativeConsecutive',
    'alternativeYears',
    'riskGapPer10k',
  ] as const) {
    const v = t[key]
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) problems.push(`${key} must be a number of zero or more`)
  }
  if ((t.alternativeConsecutive ?? 0) < (t.persistentConsecutive ?? 0))
    problems.push('alternativeConsecutive must be at least persistentConsecutive')
  return problems
}
