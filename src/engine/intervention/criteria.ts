import type { Grade } from '../grades.ts'
import type { Thresholds } from './thresholds.ts'

export interface InspectionRecord {
  framework: string
  /** The date the judgement became known: publication, else end of fieldwork, else start. */
  date: string
  overallGrade: Grade | null
  judgements: Array<{ area: string; grade: Grade }>
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
const isGoodOrBetter = (g: Grade | null) => g === 'Good' || g === 'Outstanding'

export function yearsBetween(from: string, to: string) {
  return (Date.parse(to) - Date.parse(from)) / (365.25 * 86400_000)
}

/** The graded inspections known on `asAt` (published on or before it), oldest first. */
export function gradedAsAt(inspections: InspectionRecord[], asAt: string) {
  return inspections
    .filter((i) => i.date <= asAt && headlineGrade(i) !== null)
    .sort((a, b) => a.date.localeCompare(b.date))
}

/** Scale: how widespread the failure is at the latest graded inspection. */
export function scaleOf(latest: InspectionRecord | undefined, t: Thresholds) {
  const latestGrade = latest ? headlineGrade(latest) : null
  const inadequate = latest ? latest.judgements.filter((j) => j.grade === 'Inadequate') : []
  const leadershipInadequate = inadequate.some((j) => isLeadership(j.area))
  const otherInadequate = inadequate.filter(
    (j) => !isLeadership(j.area) && !isOverall(j.area) && !isBoard(j.area),
  ).length
  const weightedScore = inadequate.reduce(
    (w, j) =>
      w + (isOverall(j.area) ? t.weights.overall : isLeadership(j.area) ? t.weights.leadership : t.weights.other),
    0,
  )
  return {
    latestInspection: latest ? { framework: latest.framework, date: latest.date, grade: latestGrade } : null,
    inadequateJudgements: inadequate.length,
    inadequateAreas: inadequate.map((j) => j.area),
    otherInadequate,
    weightedScore,
    leadershipInadequate,
    safeguardingBoardInadequate: inadequate.some((j) => isBoard(j.area)),
    systemic: latestGrade === 'Inadequate' && leadershipInadequate && otherInadequate >= t.systemicOtherInadequate,
  }
}

/**
 * Persistence: the current unbroken run of inadequate headline grades, and the period in failure (since first judged
 * inadequate without a good or better judgement since). Persistent needs at least two inadequate inspections: the
 * consecutive run, or as many in a failure period lasting the years threshold. One judgement is never persistent.
 */
export function persistenceOf(graded: InspectionRecord[], asAt: string, t: Thresholds) {
  let consecutive = 0
  let runStart: string | null = null
  for (let i = graded.length - 1; i >= 0 && headlineGrade(graded[i]) === 'Inadequate'; i--) {
    consecutive++
    runStart = graded[i].date
  }
  const lastGood = graded.map((i) => isGoodOrBetter(headlineGrade(i))).lastIndexOf(true)
  const period = graded.slice(lastGood + 1)
  const firstFailure = period.find((i) => headlineGrade(i) === 'Inadequate')
  const inadequateInPeriod = period.filter((i) => headlineGrade(i) === 'Inadequate').length
  const yearsInFailure = firstFailure ? yearsBetween(firstFailure.date, asAt) : 0
  const byRun = consecutive >= t.persistentConsecutive
  const byYears = inadequateInPeriod >= t.persistentConsecutive && yearsInFailure >= t.persistentYears
  const latestInadequate = consecutive > 0
  return {
    consecutiveInadequate: consecutive,
    currentRunSince: runStart,
    inFailureSince: firstFailure?.date ?? null,
    inadequateInspectionsInFailure: inadequateInPeriod,
    yearsInFailure: Number(yearsInFailure.toFixed(1)),
    persistent: latestInadequate && (byRun || byYears),
    longRunning: consecutive >= t.alternativeConsecutive || (byRun && yearsInFailure >= t.alternativeYears),
  }
}

/**
 * Improvement since the last inadequate judgement: how many graded inspections in a row have not been inadequate, and
 * whether that counts as sustained (the step-down test).
 */
export function improvementOf(graded: InspectionRecord[], t: Thresholds) {
  const lastInadequate = graded.map((i) => headlineGrade(i) === 'Inadequate').lastIndexOf(true)
  const since = lastInadequate >= 0 ? graded.slice(lastInadequate + 1) : graded
  const latestGrade = graded.length ? headlineGrade(graded[graded.length - 1]) : null
  return {
    everInadequate: lastInadequate >= 0,
    lastInadequate: lastInadequate >= 0 ? graded[lastInadequate].date : null,
    notInadequateSince: since.length,
    sustained: lastInadequate < 0 || isGoodOrBetter(latestGrade) || since.length >= t.stepDownConsecutive,
  }
}

const RANK: Record<Grade, number> = { Outstanding: 0, Good: 1, 'Requires improvement': 2, Inadequate: 3 }

/** Direction between the last two graded inspections: context for the decision, never the rung. */
export function trajectoryOf(graded: InspectionRecord[]) {
  const latest = graded[graded.length - 1]
  const previous = graded[graded.length - 2]
  const a = previous ? headlineGrade(previous) : null
  const b = latest ? headlineGrade(latest) : null
  const direction =
    !a || !b ? 'unknown' : RANK[b] < RANK[a] ? 'improving' : RANK[b] > RANK[a] ? 'declining' : 'unchanged'
  return { direction, previousGrade: a }
}
