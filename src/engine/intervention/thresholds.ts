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
  /** ...or this many years in failure (since first judged inadequate, not good since) with as many inadequate inspections. */
  persistentYears: number
  /** Alternative delivery: failure over at least this many consecutive inadequate inspections... */
  alternativeConsecutive: number
  /** ...or persistentConsecutive inadequate inspections in a row over this many years in failure. */
  alternativeYears: number
  /** Sustained improvement (step-down): this many graded inspections in a row not inadequate, or one good or better. */
  stepDownConsecutive: number
  /** A data signal (unidentified-risk gap per 10,000, lower interval bound above zero) this large raises 'none' to 'support'. */
  riskGapPer10k: number
  /** Weight of each inadequate judgement in the scale score. */
  weights: { overall: number; leadership: number; other: number }
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  version: 'sightline-default-2',
  effectiveFrom: '2009-01-01',
  description:
    'Sightline default: systemic = overall, leadership and 2 other grades inadequate; persistent = 2 consecutive inadequate inspections, or 3 years in failure with 2 inadequate inspections (never one judgement); alternative delivery after 3 consecutive inadequate inspections, 2 in a row over 5 years in failure, or a commissioner finding no capacity; step-down after 2 inspections in a row not inadequate, or one good; what is in force is kept until then',
  systemicOtherInadequate: 2,
  persistentConsecutive: 2,
  persistentYears: 3,
  alternativeConsecutive: 3,
  alternativeYears: 5,
  stepDownConsecutive: 2,
  riskGapPer10k: 10,
  weights: { overall: 3, leadership: 2, other: 1 },
}

const COUNTS = [
  'systemicOtherInadequate',
  'persistentConsecutive',
  'persistentYears',
  'alternativeConsecutive',
  'alternativeYears',
  'stepDownConsecutive',
  'riskGapPer10k',
] as const

/** Validates a thresholds object (from config or a stored version); returns the problems, empty when valid. */
export function thresholdProblems(t: Partial<Thresholds>): string[] {
  const problems: string[] = []
  if (!t.version) problems.push('version is required')
  for (const key of COUNTS) {
    const v = t[key]
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) problems.push(`${key} must be a number of zero or more`)
  }
  if ((t.persistentConsecutive ?? 0) < 2)
    problems.push('persistentConsecutive must be at least 2: one inadequate judgement is never persistent failure')
  if ((t.alternativeConsecutive ?? 0) < (t.persistentConsecutive ?? 0))
    problems.push('alternativeConsecutive must be at least persistentConsecutive')
  if ((t.stepDownConsecutive ?? 0) < 1) problems.push('stepDownConsecutive must be at least 1')
  return problems
}
