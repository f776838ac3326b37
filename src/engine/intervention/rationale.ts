import { formatDate } from '../dates.ts'
import { INTERVENTION_LABELS } from './events.ts'
import type { AssessmentInput, Criteria, RationaleLine, UnworkedSignal } from './inputs.ts'
import type { Thresholds } from './thresholds.ts'

/** The criteria every assessment cites, whatever the rung, each with its value (domain.md §3). */
export const CRITERIA = [
  'latest overall grade',
  'scale: systemic failure',
  'persistence',
  'persistence: long-running failure',
  'commissioner’s capacity finding',
  'sustained improvement',
  'in force',
  'data signal: unidentified risk',
  'trajectory',
  'data signal: unworked demand',
] as const

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** The criteria the rung did not turn on, cited with their values and why they did not move it. */
export function citeTheRest(why: RationaleLine[], c: Criteria, input: AssessmentInput, t: Thresholds) {
  const cited = new Set(why.map((w) => w.criterion))
  const cite = (criterion: (typeof CRITERIA)[number], value: RationaleLine['value'], effect: string) => {
    if (!cited.has(criterion)) why.push({ criterion, value, effect })
  }
  const { scale: s, persistence: p, improvement: i } = c
  const failing = c.latestGrade === 'Inadequate'
  cite(
    'scale: systemic failure',
    `${plural(s.inadequateJudgements, 'inadequate judgement')} at the latest inspection`,
    'the latest judgement is not inadequate: scale does not apply',
  )
  cite(
    'persistence',
    `${plural(p.consecutiveInadequate, 'consecutive inadequate inspection')}; ${p.inadequateInspectionsInFailure} inadequate over ${plural(p.yearsInFailure, 'year')} in failure`,
    'the latest judgement is not inadequate: persistence does not apply',
  )
  cite(
    'persistence: long-running failure',
    `${plural(p.consecutiveInadequate, 'consecutive inadequate inspection')} over ${plural(p.yearsInFailure, 'year')} in failure`,
    `not long-running (needs ${t.alternativeConsecutive} in a row, or ${t.persistentConsecutive} in a row over ${t.alternativeYears} years in failure)`,
  )
  cite('commissioner’s capacity finding', 'none recorded', 'no finding that the council cannot improve')
  cite(
    'sustained improvement',
    i.everInadequate
      ? `${plural(i.notInadequateSince, 'inspection')} not inadequate since ${formatDate(i.lastInadequate)}`
      : 'never judged inadequate',
    failing
      ? 'the latest judgement is inadequate: nothing can be stepped down'
      : `needs ${t.stepDownConsecutive} in a row not inadequate, or good`,
  )
  const inForce = c.inForce.intervention
  cite(
    'in force',
    inForce.kind === 'none'
      ? INTERVENTION_LABELS.none
      : `${INTERVENTION_LABELS[inForce.kind]} since ${formatDate(inForce.since)}`,
    inForce.kind === 'none' ? 'nothing to keep in force' : 'nothing stronger in force than the rung recommended',
  )
  const g = input.riskGap
  cite(
    'data signal: unidentified risk',
    g ? `${g.gapPer10k.toFixed(1)} per 10,000 (${g.measure}, ${g.year})` : 'not available for this date',
    `raises no intervention to support only beside requires improvement, with a gap of at least ${t.riskGapPer10k} per 10,000 whose interval is above zero`,
  )
}

/** The unworked-demand signal as known on the date: the snapshot's counts only when its as-at is on or before it. */
export function unworkedOn(input: AssessmentInput): UnworkedSignal | null {
  const u = input.unworkedDemand ?? null
  return u && u.asAt <= input.asAt ? u : null
}

/** Cites unworked demand with its value and snapshot date, or says plainly that it is not available and why. */
export function citeUnworked(why: RationaleLine[], input: AssessmentInput) {
  const criterion = 'data signal: unworked demand'
  const u = input.unworkedDemand ?? null
  const known = unworkedOn(input)
  if (known) {
    const reasons = known.byReason.filter((r) => r.children > 0).map((r) => `${r.children} ${r.label.toLowerCase()}`)
    why.push({
      criterion,
      value: `${known.children} ${known.children === 1 ? 'child' : 'children'} known but not worked, casework snapshot as at ${formatDate(known.asAt)}${reasons.length ? `; by reason: ${reasons.join('; ')}` : ''}`,
      effect:
        'context for the decision: the council’s own data on risk it knows of but has not acted on; does not change the rung',
    })
  } else
    why.push({
      criterion,
      value: u
        ? `not available on this date: the council’s casework snapshot is as at ${formatDate(u.asAt)}, after it`
        : 'not available: the council has sent no casework data',
      effect: 'no data signal from the council’s own case records',
    })
}
