import type { Grade } from '../grades.ts'
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.ts'

export const RUNGS = ['none', 'support', 'improvement-notice', 'statutory-direction', 'alternative-delivery'] as const
export type Rung = (typeof RUNGS)[number]

export interface InspectionRecord {
  framework: string
  /** The date the judgement became known: publication, else end of fieldwork, else start. */
  date: string
  overallGrade: Grade | null
  judgements: Array<{ area: string; grade: Grade }>
}

export interface InterventionEventRecord {
  kind: string
  date: string
}

export interface AssessmentInput {
  la: string
  asAt: string
  inspections: InspectionRecord[]
  /** Interventions register events (notices, directions...), when recorded. */
  events?: InterventionEventRecord[]
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

/** The headline grade of an inspection: overall effectiveness, or for SLAC the safeguarding judgement. */
export function headlineGrade(i: InspectionRecord): Grade | null {
  if (i.overallGrade) return i.overallGrade
  const safeguarding = i.judgements.find((j) => /safeguarding/i.test(j.area) && /overall/i.test(j.area))
  return safeguarding?.grade ?? null
}

const isLeadership = (area: string) => /leader|leadership/i.test(area)
const isBoard = (area: string) => /lscb|safeguarding board/i.test(area)
const isOverall = (area: string) => /^overall effectiveness$/i.test(area)

function years(from: string, to: string) {
  return (Date.parse(to) - Date.parse(from)) / (365.25 * 86400_000)
}

/**
 * Decision support for one LA at one date, from its inspection history (and, when recorded, interventions and data
 * signals). Only what was known on `asAt` counts. Returns the criteria, a recommended rung of the intervention ladder
 * and a rationale citing each criterion and its value. A person's decision is recorded separately.
 * @example assess({ la: '330', asAt: '2014-05-23', inspections }).recommendation // 'alternative-delivery'
 */
export function assess(input: AssessmentInput, t: Thresholds = DEFAULT_THRESHOLDS) {
  const rationale: RationaleLine[] = []
  const graded = input.inspections
    .filter((i) => i.date <= input.asAt && headlineGrade(i) !== null)
    .sort((a, b) => a.date.localeCompare(b.date))
  const latest = graded[graded.length - 1]
  const latestGrade = latest ? headlineGrade(latest) : null

  // Scale: the latest graded inspection.
  const inadequate = latest ? latest.judgements.filter((j) => j.grade === 'Inadequate') : []
  const leadershipInadequate = inadequate.some((j) => isLeadership(j.area))
  const boardInadequate = inadequate.some((j) => isBoard(j.area))
  const otherInadequate = inadequate.filter(
    (j) => !isLeadership(j.area) && !isOverall(j.area) && !isBoard(j.area),
  ).length
  const weight = inadequate.reduce(
    (w, j) =>
      w + (isOverall(j.area) ? t.weights.overall : isLeadership(j.area) ? t.weights.leadership : t.weights.other),
    0,
  )
  const systemic = latestGrade === 'Inadequate' && leadershipInadequate && otherInadequate >= t.systemicOtherInadequate
  const scale = {
    latestInspection: latest ? { framework: latest.framework, date: latest.date, grade: latestGrade } : null,
    inadequateJudgements: inadequate.length,
    weightedScore: weight,
    leadershipInadequate,
    safeguardingBoardInadequate: boardInadequate,
    systemic,
  }

  // Persistence: the current unbroken run of inadequate headline grades.
  let consecutive = 0
  let runStart: string | null = null
  for (let i = graded.length - 1; i >= 0 && headlineGrade(graded[i]) === 'Inadequate'; i--) {
    consecutive++
    runStart = graded[i].date
  }
  const firstEver = graded.find((i) => headlineGrade(i) === 'Inadequate')?.date ?? null
  const events = (input.events ?? []).filter((e) => e.date <= input.asAt)
  const notices = events.filter((e) => /improvement-notice-issued/.test(e.kind))
  const failedNotices = runStart ? notices.filter((n) => n.date <= input.asAt).length : 0
  const yearsInFailure = runStart ? years(runStart, input.asAt) : 0
  const persistent = consecutive >= t.persistentConsecutive || (consecutive >= 1 && yearsInFailure >= t.persistentYears)
  const persistence = {
    consecutiveInadequate: consecutive,
    currentRunSince: runStart,
    firstInadequateSince2009: firstEver,
    yearsInFailure: Number(yearsInFailure.toFixed(1)),
    improvementNoticesInRun: failedNotices,
    persistent,
  }

  // Trajectory: direction between the last two graded inspections, and monitoring since the latest.
  const previous = graded[graded.length - 2]
  const rank = (g: Grade | null) => (g ? ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'].indexOf(g) : -1)
  const direction =
    !previous || !latestGrade
      ? 'unknown'
      : rank(latestGrade) < rank(headlineGrade(previous))
        ? 'improving'
        : rank(latestGrade) > rank(headlineGrade(previous))
          ? 'declining'
          : 'unchanged'
  const monitoringVisits = input.inspections.filter(
    (i) => /monitoring visit/i.test(i.framework) && latest && i.date > latest.date && i.date <= input.asAt,
  ).length
  const trajectory = {
    direction,
    previousGrade: previous ? headlineGrade(previous) : null,
    monitoringVisitsSinceLatest: monitoringVisits,
  }

  const signals = {
    riskGap: input.riskGap ?? null,
    unworkedDemand: input.unworkedDemand ?? null,
    riskSignal: Boolean(input.riskGap && input.riskGap.lowerPer10k > 0 && input.riskGap.gapPer10k >= t.riskGapPer10k),
  }

  // The ladder.
  let recommendation: Rung = 'none'
  if (!latest) {
    rationale.push({
      criterion: 'inspection history',
      value: 'none before this date',
      effect: 'no basis for intervention',
    })
  } else if (latestGrade === 'Inadequate') {
    recommendation = 'improvement-notice'
    rationale.push({
      criterion: 'latest overall grade',
      value: `Inadequate (${latest.framework}, ${latest.date})`,
      effect: 'DfE intervenes: at least an improvement notice with an adviser',
    })
    if (systemic || persistent) {
      recommendation = 'statutory-direction'
      if (systemic)
        rationale.push({
          criterion: 'scale: systemic failure',
          value: `overall and leadership inadequate, ${otherInadequate} other inadequate grades`,
          effect: `at least ${t.systemicOtherInadequate} others: statutory direction with a commissioner`,
        })
      if (persistent)
        rationale.push({
          criterion: 'persistence',
          value: `${consecutive} consecutive inadequate inspections since ${runStart}`,
          effect: 'persistent failure: statutory direction with a commissioner',
        })
    } else
      rationale.push({
        criterion: 'scale and persistence',
        value: `${inadequate.length} inadequate judgements; first inadequate inspection in this run`,
        effect: 'not systemic or persistent: improvement track (notice, board, adviser)',
      })
    if (
      consecutive >= t.alternativeConsecutive ||
      (consecutive >= t.persistentConsecutive && yearsInFailure >= t.alternativeYears)
    ) {
      recommendation = 'alternative-delivery'
      rationale.push({
        criterion: 'persistence: long-running failure',
        value: `${consecutive} consecutive inadequate inspections over ${yearsInFailure.toFixed(1)} years`,
        effect: `at least ${t.alternativeConsecutive} inspections or ${t.alternativeYears} years: commissioner to review removing services from council control`,
      })
    }
  } else {
    if (inadequate.length) {
      recommendation = 'support'
      rationale.push({
        criterion: 'inadequate judgements',
        value: inadequate.map((j) => j.area).join('; '),
        effect: 'an inadequate judgement: adviser support and challenge',
      })
    } else
      rationale.push({
        criterion: 'latest overall grade',
        value: `${latestGrade} (${latest.framework}, ${latest.date})`,
        effect: 'no intervention indicated by inspection',
      })
    // Only for a council not yet good: beside a good judgement a gap more likely reflects effective early help.
    if (signals.riskSignal && recommendation === 'none' && latestGrade === 'Requires improvement') {
      recommendation = 'support'
      rationale.push({
        criterion: 'data signal: unidentified risk',
        value: `${input.riskGap!.gapPer10k.toFixed(1)} per 10,000 (${input.riskGap!.measure}, ${input.riskGap!.year})`,
        effect: `requires improvement and a gap of at least ${t.riskGapPer10k} per 10,000 with its interval above zero: adviser to probe`,
      })
    } else if (signals.riskSignal) {
      rationale.push({
        criterion: 'data signal: unidentified risk',
        value: `${input.riskGap!.gapPer10k.toFixed(1)} per 10,000 (${input.riskGap!.measure}, ${input.riskGap!.year})`,
        effect: 'noted; not decisive beside the inspection judgements',
      })
    }
  }
  if (latest && previous)
    rationale.push({
      criterion: 'trajectory',
      value: `${direction} (previously ${headlineGrade(previous)})`,
      effect: 'context for the decision; does not change the rung',
    })
  if (boardInadequate)
    rationale.push({
      criterion: 'safeguarding board',
      value: 'Inadequate',
      effect: 'partnership arrangements need challenge too',
    })
  if (firstEver && latestGrade === 'Inadequate')
    rationale.push({
      criterion: 'persistence: first inadequate inspection',
      value: firstEver,
      effect: 'history of failure since then',
    })
  if (signals.unworkedDemand === null)
    rationale.push({
      criterion: 'data signal: unworked demand',
      value: null,
      effect: 'not available until the council sends child-level data',
    })

  return {
    la: input.la,
    asAt: input.asAt,
    thresholdsVersion: t.version,
    scale,
    persistence,
    trajectory,
    signals,
    recommendation,
    rationale,
  }
}

export type Assessment = ReturnType<typeof assess>
