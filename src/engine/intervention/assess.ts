import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.ts'
import type { Standing } from './events.ts'
import { criteriaOf, type AssessmentInput, type RationaleLine, type Rung } from './inputs.ts'
import { citeTheRest, citeUnworked, unworkedOn } from './rationale.ts'
import { failingRung, improvingRung, keepInForce } from './rungs.ts'

export { headlineGrade, type InspectionRecord } from './criteria.ts'
export { RUNGS, type AssessmentInput, type RationaleLine, type Rung, type UnworkedSignal } from './inputs.ts'
export { CRITERIA } from './rationale.ts'

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
    why.push({
      criterion: 'latest overall grade',
      value: 'no graded inspection before this date',
      effect: 'no basis for intervention',
    })
  else recommendation = c.latestGrade === 'Inadequate' ? failingRung(c, t, why) : improvingRung(c, input, t, why)
  recommendation = keepInForce(recommendation, c, why)
  why.push({
    criterion: 'trajectory',
    value: c.trajectory.previousGrade
      ? `${c.trajectory.direction} (previously ${c.trajectory.previousGrade})`
      : 'unknown (fewer than two graded inspections)',
    effect: 'context for the decision; does not change the rung',
  })
  citeTheRest(why, c, input, t)
  if (c.scale.safeguardingBoardInadequate)
    why.push({
      criterion: 'safeguarding board',
      value: 'Inadequate',
      effect: 'partnership arrangements need challenge too',
    })
  citeUnworked(why, input)
  return {
    la: input.la,
    asAt: input.asAt,
    thresholdsVersion: t.version,
    scale: c.scale,
    persistence: c.persistence,
    improvement: c.improvement,
    trajectory: c.trajectory,
    inForce: c.inForce as Standing,
    signals: { riskGap: input.riskGap ?? null, unworkedDemand: unworkedOn(input) },
    recommendation,
    rationale: why,
  }
}

export type Assessment = ReturnType<typeof assess>
