import { addMonthsDay, addWorking, ageOn, workingBetween, type Day } from './days.ts'
import type { SimCarePeriod, SimChild, SimCpPlan, SimEpisode } from './model.ts'

/**
 * The rules of docs/indicators.md applied to the simulator's own event model (the casework indicators apply the same
 * prose to the ingested files, with their own code). A is the as-at date.
 */
export const openAt = (start: Day, end: Day | null, A: Day) => start <= A && (end === null || end > A)

/** The review chain: first due date, then each review sets the next; late if any review is after its due date. */
export function chainOnTime(first: Day, reviews: Day[], next: (review: Day, index: number) => Day, A: Day): boolean {
  let due = first
  let i = 0
  for (const r of reviews) {
    if (r > A) break
    if (r > due) return false
    due = next(r, i++)
  }
  return !(due < A)
}

export const cpReviewsOnTime = (p: SimCpPlan, A: Day) =>
  chainOnTime(addMonthsDay(p.start, 3), p.reviews, (r) => addMonthsDay(r, 6), A)

export const cpVisitOverdue = (p: SimCpPlan, A: Day) => {
  const seen = p.visits.filter((v) => v <= A)
  return workingBetween(seen.length ? seen[seen.length - 1] : p.start, A) > 10
}

export const claFirstReviewDue = (c: SimCarePeriod) => addWorking(c.start, 20)

export const claReviewsOnTime = (c: SimCarePeriod, A: Day) =>
  chainOnTime(claFirstReviewDue(c), c.reviews, (r, i) => addMonthsDay(r, i === 0 ? 3 : 6), A)

export const claVisitOverdue = (c: SimCarePeriod, A: Day) => {
  const seen = c.visits.filter((v) => v <= A)
  return (seen.length ? seen[seen.length - 1] : c.start) + 42 < A
}

export function healthOverdue(child: SimChild, c: SimCarePeriod, A: Day): boolean {
  const since = ageOn(child.dob, A) < 5 ? addMonthsDay(A, -6) : addMonthsDay(A, -12)
  return !c.healthChecks.some((d) => d >= since && d <= A)
}

export const dentalOverdue = (c: SimCarePeriod, A: Day) =>
  !c.dentalChecks.some((d) => d >= addMonthsDay(A, -12) && d <= A)

/** Distinct placements open at some time in the year (yearStart < d <= A). */
export function placementsInYear(c: SimCarePeriod, yearStart: Day, A: Day): number {
  const ids = new Set<string>()
  for (const e of c.episodes) if (e.start <= A && (e.end === null || e.end > yearStart)) ids.add(e.placementId)
  return ids.size
}

export const episodeOpen = (ep: SimEpisode, A: Day) => openAt(ep.referral, ep.closure, A)

export type Stage = 'looked_after' | 'cp_plan' | 'cin_plan' | 'assessment'

export function stageOf(child: SimChild, A: Day): Stage | null {
  const open = child.episodes.filter((e) => episodeOpen(e, A))
  if (!open.length) return null
  if (open.some((e) => e.care && openAt(e.care.start, e.care.end, A))) return 'looked_after'
  if (open.some((e) => e.cpPlans.some((p) => openAt(p.start, p.end, A)))) return 'cp_plan'
  if (open.some((e) => e.cinPlans.some((p) => openAt(p.start, p.end, A)))) return 'cin_plan'
  return 'assessment'
}

/** The worker allocated at A (an allocation open at A), if any. */
export function workerAt(child: SimChild, A: Day): string | null {
  for (const a of child.allocations) if (openAt(a.start, a.end, A) && !a.workerId.startsWith('PA')) return a.workerId
  return null
}

export function referralAwaiting(ep: SimEpisode, A: Day): boolean {
  return (
    episodeOpen(ep, A) && !ep.nfa && !ep.assessments.some((a) => a.start <= A) && workingBetween(ep.referral, A) > 1
  )
}

export function assessmentDrifting(ep: SimEpisode, A: Day): boolean {
  return ep.assessments.some(
    (a) => a.start <= A && (a.authorised === null || a.authorised > A) && workingBetween(a.start, A) > 45,
  )
}

/** Distinct case-holding workers (not personal advisers) with an allocation overlapping the year. */
export function workersInYear(child: SimChild, yearStart: Day, A: Day): number {
  const ids = new Set<string>()
  for (const a of child.allocations)
    if (!a.workerId.startsWith('PA') && a.start <= A && (a.end === null || a.end > yearStart)) ids.add(a.workerId)
  return ids.size
}
