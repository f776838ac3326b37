import { formatDate } from '../dates.ts'
import {
  gradedAsAt,
  headlineGrade,
  improvementOf,
  persistenceOf,
  scaleOf,
  trajectoryOf,
  type InspectionRecord,
} from './criteria.ts'
import { INTERVENTION_LABELS, standingOn, type RegisterEvent, type RoleHolder, type Standing } from './events.ts'
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.ts'

export { headlineGrade, type InspectionRecord } from './criteria.ts'

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
  /** Child-level unworked demand, once casework data exists. */
  unworkedDemand?: number | null
}

export interface RationaleLine {
  criterion: string
  value: string | number | boolean | null
  effect: string
}

const ORDER: Record<Rung, number> = {
  none: 0,
  support: 1,
  'improvement-notice': 2,
  'statutory-direction': 3,
  'alternative-delivery': 4,
}
const higher = (a: Rung, b: Rung): Rung => (ORDER[a] >= ORDER[b] ? a : b)

type Criteria = ReturnType<typeof criteriaOf>

function criteriaOf(input: AssessmentInput, t: Thresholds) {
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

/** Latest judgement inadequate: notice and adviser; persistent or systemic: direction; no capacity: alternative delivery. */
function failingRung(c: Criteria, t: Thresholds, why: RationaleLine[]): Rung {
  const p = c.persistence
  const s = c.scale
  why.push({
    criterion: 'latest overall grade',
    value: `Inadequate (${c.latest!.framework}, ${formatDate(c.latest!.date)})`,
    effect: 'DfE intervenes: improvement adviser and support, and an improvement notice',
  })
  why.push({
    criterion: 'scale: systemic failure',
    value: `${s.leadershipInadequate ? 'leadership inadequate' : 'leadership not inadequate'}, ${s.otherInadequate} other inadequate judgements`,
    effect: s.systemic
      ? `systemic (overall, leadership and at least ${t.systemicOtherInadequate} others): statutory direction with a commissioner`
      : `not systemic (needs overall, leadership and at least ${t.systemicOtherInadequate} others inadequate)`,
  })
  why.push({
    criterion: 'persistence',
    value: `${p.consecutiveInadequate} consecutive inadequate inspection${p.consecutiveInadequate === 1 ? '' : 's'}${p.currentRunSince ? ` since ${formatDate(p.currentRunSince)}` : ''}; ${p.inadequateInspectionsInFailure} inadequate over ${p.yearsInFailure} years in failure`,
    effect: p.persistent
      ? 'persistent failure: statutory direction with a commissioner'
      : `not persistent (needs ${t.persistentConsecutive} consecutive inadequate inspections, or ${t.persistentConsecutive} inadequate over ${t.persistentYears} years; one judgement is never persistent)`,
  })
  let rung: Rung = s.systemic || p.persistent ? 'statutory-direction' : 'improvement-notice'
  if (c.noCapacity) {
    rung = 'alternative-delivery'
    why.push({
      criterion: 'commissioner’s capacity finding',
      value: `no capacity to improve (${formatDate(c.noCapacity)})`,
      effect: 'services to a trust or other alternative delivery model',
    })
  } else if (p.longRunning) {
    rung = 'alternative-delivery'
    why.push({
      criterion: 'persistence: long-running failure',
      value: `${p.consecutiveInadequate} consecutive inadequate inspections over ${p.yearsInFailure} years`,
      effect: `at least ${t.alternativeConsecutive} in a row, or ${t.persistentConsecutive} in a row over ${t.alternativeYears} years in failure: commissioner to review removing services from council control`,
    })
  }
  return rung
}

/** Latest judgement not inadequate: step down only after sustained improvement; until then keep what is in force. */
function improvingRung(c: Criteria, input: AssessmentInput, t: Thresholds, why: RationaleLine[]): Rung {
  const i = c.improvement
  why.push({
    criterion: 'latest overall grade',
    value: `${c.latestGrade} (${c.latest!.framework}, ${formatDate(c.latest!.date)})`,
    effect: 'not inadequate',
  })
  let rung: Rung = 'none'
  if (i.everInadequate && !i.sustained) {
    rung = 'support'
    why.push({
      criterion: 'sustained improvement',
      value: `${i.notInadequateSince} inspection${i.notInadequateSince === 1 ? '' : 's'} not inadequate since ${formatDate(i.lastInadequate)}`,
      effect: `not yet sustained (needs ${t.stepDownConsecutive} in a row, or good): support continues and nothing in force is lifted`,
    })
  } else if (i.everInadequate)
    why.push({
      criterion: 'sustained improvement',
      value: `${i.notInadequateSince} inspection${i.notInadequateSince === 1 ? '' : 's'} not inadequate since ${formatDate(i.lastInadequate)}, latest ${c.latestGrade}`,
      effect: 'sustained: what is in force can be stepped down',
    })
  if (c.scale.inadequateJudgements) {
    rung = higher(rung, 'support')
    why.push({
      criterion: 'inadequate judgements',
      value: c.scale.inadequateAreas.join('; '),
      effect: 'an inadequate judgement: adviser support and challenge',
    })
  }
  const g = input.riskGap
  const signal = Boolean(g && g.lowerPer10k > 0 && g.gapPer10k >= t.riskGapPer10k)
  if (signal)
    why.push({
      criterion: 'data signal: unidentified risk',
      value: `${g!.gapPer10k.toFixed(1)} per 10,000 fewer than expected (${g!.measure}, ${g!.year}), interval above zero`,
      effect:
        c.latestGrade === 'Requires improvement'
          ? `requires improvement and a gap of at least ${t.riskGapPer10k} per 10,000: adviser to probe`
          : 'noted; not decisive beside a good judgement (it may reflect effective early help)',
    })
  if (signal && c.latestGrade === 'Requires improvement') rung = higher(rung, 'support')
  return rung
}

/** What is in force stays until sustained improvement lifts it. */
function keepInForce(rung: Rung, c: Criteria, why: RationaleLine[]): Rung {
  const inForce = c.inForce.intervention
  if (inForce.kind === 'none') return rung
  const held = inForce.kind as Rung
  if (ORDER[held] <= ORDER[rung]) return rung
  if (c.latestGrade !== 'Inadequate' && c.improvement.sustained) {
    why.push({
      criterion: 'in force',
      value: `${INTERVENTION_LABELS[inForce.kind]} since ${formatDate(inForce.since)}`,
      effect: 'improvement is sustained: it can be lifted (step-down)',
    })
    return rung
  }
  why.push({
    criterion: 'in force',
    value: `${INTERVENTION_LABELS[inForce.kind]} since ${formatDate(inForce.since)}`,
    effect: 'kept in force until sustained improvement lifts it',
  })
  return held
}

/**
 * Decision support for one LA at one date, from its inspection history and, when recorded, its interventions register
 * and data signals. Only what was known on `asAt` counts. Follows the regime as published (domain.md §3): inadequate ->
 * adviser and notice; persistent or systemic -> direction and commissioner; no capacity -> alternative delivery;
 * step-down only after sustained improvement, with what is in force kept until lifted. Every rung cites each
 * criterion with its value. A person's decision is recorded separately.
 * @example assess({ la: '330', asAt: '2014-05-23', inspections }).recommendation // 'alternative-delivery'
 */
export function assess(input: AssessmentInput, t: Thresholds = DEFAULT_THRESHOLDS) {
  const why: RationaleLine[] = []
  const c = criteriaOf(input, t)
  let recommendation: Rung = 'none'
  if (!c.latest)
    why.push({ criterion: 'inspection history', value: 'none before this date', effect: 'no basis for intervention' })
  else recommendation = c.latestGrade === 'Inadequate' ? failingRung(c, t, why) : improvingRung(c, input, t, why)
  recommendation = keepInForce(recommendation, c, why)
  if (c.trajectory.previousGrade)
    why.push({
      criterion: 'trajectory',
      value: `${c.trajectory.direction} (previously ${c.trajectory.previousGrade})`,
      effect: 'context for the decision; does not change the rung',
    })
  if (c.scale.safeguardingBoardInadequate)
    why.push({
      criterion: 'safeguarding board',
      value: 'Inadequate',
      effect: 'partnership arrangements need challenge too',
    })
  if ((input.unworkedDemand ?? null) === null)
    why.push({
      criterion: 'data signal: unworked demand',
      value: null,
      effect: 'not available until the council sends child-level data',
    })
  return {
    la: input.la,
    asAt: input.asAt,
    thresholdsVersion: t.version,
    scale: c.scale,
    persistence: c.persistence,
    improvement: c.improvement,
    trajectory: c.trajectory,
    inForce: c.inForce as Standing,
    signals: { riskGap: input.riskGap ?? null, unworkedDemand: input.unworkedDemand ?? null },
    recommendation,
    rationale: why,
  }
}

export type Assessment = ReturnType<typeof assess>
