import type { RoleHolder, RegisterEvent } from './events.ts'
import { standingOn } from './events.ts'
import {
  gradedAsAt,
  headlineGrade,
  improvementOf,
  persistenceOf,
  scaleOf,
  trajectoryOf,
  type InspectionRecord,
} from './criteria.ts'
import type { Thresholds } from './thresholds.ts'

/** What an assessment reads (one LA, one date) and the criteria computed from it. */

export const RUNGS = ['none', 'support', 'improvement-notice', 'statutory-direction', 'alternative-delivery'] as const
export type Rung = (typeof RUNGS)[number]

export interface AssessmentInput {
  la: string
  asAt: string
  inspections: InspectionRecord[]
  /** Interventions register events (notices, directions, trusts...), when recorded. */
  events?: RegisterEvent[]
  /** The LA's directory, to name the commissioner in post. */
  people?: RoleHolder[]
  /** Unidentified-risk gap per 10,000 for the latest published year, with its interval. */
  riskGap?: { measure: string; year: number; gapPer10k: number; lowerPer10k: number } | null
  /** Unworked demand from the LA's current casework snapshot (counts only), or null when the council has sent none. */
  unworkedDemand?: UnworkedSignal | null
}

/** How many children the council knows of but has not worked, by reason, in one casework snapshot. Never an id. */
export interface UnworkedSignal {
  /** The snapshot's as-at date: the signal counts only on or after it. */
  asAt: string
  snapshotId: number
  children: number
  byReason: Array<{ label: string; children: number }>
}

export interface RationaleLine {
  criterion: string
  value: string | number | boolean | null
  effect: string
}

export type Criteria = ReturnType<typeof criteriaOf>

export function criteriaOf(input: AssessmentInput, t: Thresholds) {
  const graded = gradedAsAt(input.inspections, input.asAt)
  const latest = graded[graded.length - 1]
  const events = (input.events ?? []).filter((e) => e.date <= input.asAt)
  return {
    graded,
    latest,
    latestGrade: latest ? headlineGrade(latest) : null,
    scale: scaleOf(latest, t),
    persistence: persistenceOf(graded, input.asAt, t),
    improvement: improvementOf(graded, t),
    trajectory: trajectoryOf(graded),
    inForce: standingOn(events, input.asAt, input.people ?? []),
    noCapacity: events.find((e) => e.kind === 'commissioner-finds-no-capacity')?.date ?? null,
  }
}
