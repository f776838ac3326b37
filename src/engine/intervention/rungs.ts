import { formatDate } from '../dates.ts'
import { INTERVENTION_LABELS } from './events.ts'
import type { AssessmentInput, Criteria, RationaleLine, Rung } from './inputs.ts'
import type { Thresholds } from './thresholds.ts'

/** The rung each case points to, with the rationale lines for the criteria it turned on (domain.md §3). */

export const ORDER: Record<Rung, number> = {
  none: 0,
  support: 1,
  'improvement-notice': 2,
  'statutory-direction': 3,
  'alternative-delivery': 4,
}
const higher = (a: Rung, b: Rung): Rung => (ORDER[a] >= ORDER[b] ? a : b)

/** Latest judgement inadequate: notice and adviser; persistent or systemic: direction; no capacity: alternative delivery. */
export function failingRung(c: Criteria, t: Thresholds, why: RationaleLine[]): Rung {
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
export function improvingRung(c: Criteria, input: AssessmentInput, t: Thresholds, why: RationaleLine[]): Rung {
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
export function keepInForce(rung: Rung, c: Criteria, why: RationaleLine[]): Rung {
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
