import { ABUSE } from './codes.ts'
import { addMonthsDay, addWorking, DAY_RANGE, workingBetween, type Day } from './days.ts'
import {
  addAssessment,
  allocate,
  between,
  closeEpisode,
  newEpisode,
  openCaseAllocation,
  visitDays,
  working,
  type Ctx,
} from './base.ts'
import type { SimCpPlan, SimEpisode, SimS47 } from './model.ts'
import { slot } from './plan.ts'

/** Child protection: strategy discussions and section 47 enquiries, ICPCs, CP plans; and children on CIN plans. */

export const FLOOR = DAY_RANGE.first + 90

/** A section 47 enquiry from its strategy discussion; the ICPC mostly within 15 working days. */
export function addS47(ctx: Ctx, ep: SimEpisode, start: Day, toPlan: boolean, icpcDay?: Day): SimS47 {
  const { rng, plan } = ctx
  const icpcTarget = addWorking(start, 15)
  const late = plan.profiles['cp-overdue']?.icpcLate ?? 0.15
  const icpc = icpcDay ?? (toPlan ? addWorking(start, rng.chance(late) ? rng.int(16, 30) : rng.int(5, 15)) : null)
  const s: SimS47 = {
    id: `${ep.id}S${ep.s47s.length + 1}`,
    start,
    icpcTarget,
    icpc: icpc !== null && icpc <= plan.asAt ? icpc : null,
    icpcNotRequired: !toPlan,
    toPlan,
  }
  ep.s47s.push(s)
  return s
}

/** Review conferences on time: first within 3 months, then at most 6 months apart; 'lateAt' makes one late. */
function cpReviews(ctx: Ctx, start: Day, end: Day, late: boolean): Day[] {
  const { rng } = ctx
  const out: Day[] = []
  let due = addMonthsDay(start, 3)
  let lateDone = !late
  while (due < end) {
    let held = due - rng.int(0, 14)
    if (!lateDone && addMonthsDay(due, 6) >= end) {
      held = due + rng.int(5, 25)
      lateDone = true
    }
    if (held > end) break
    out.push(held)
    due = addMonthsDay(held, 6)
  }
  return out
}

export function addCpPlan(
  ctx: Ctx,
  ep: SimEpisode,
  start: Day,
  end: Day | null,
  previous: number,
  late = { visits: false, reviews: false },
): SimCpPlan {
  const { rng, plan } = ctx
  const category = rng.weighted(ABUSE)
  const until = end ?? plan.asAt
  let visits = visitDays(rng, start, until, 10)
  if (late.visits) {
    const cutoff = plan.asAt - rng.int(16, 45)
    visits = visits.filter((v) => v <= cutoff)
  }
  const p: SimCpPlan = {
    id: `${ep.id}C${ep.cpPlans.length + 1}`,
    start,
    end,
    initialCategory: category,
    latestCategory: rng.chance(0.9) ? category : rng.weighted(ABUSE),
    previousPlans: previous,
    reviews: cpReviews(ctx, start, until, late.reviews),
    visits,
    seenAlone: rng.chance(0.7),
  }
  ep.cpPlans.push(p)
  if (visits.length) ep.lastSeen = Math.max(ep.lastSeen ?? 0, visits[visits.length - 1])
  return p
}

const CP_BANDS: Array<[string, number, number]> = [
  ['cpp_3_months_or_less_pct', 0, 3],
  ['cpp_3_to_6_months_pct', 3, 6],
  ['cpp_6_to_12_months_pct', 6, 12],
  ['cpp_1_to_2_years_pct', 12, 24],
  ['cpp_2_years_or_more_pct', 24, 40],
]
const CP_DEFAULT = [31.6, 19, 23, 17, 9.4]

/**
 * The plan start for CP child k of n, from the published duration bands (exact counts per band), with the child's
 * place inside its band (so quotas within a band, such as repeat plans, are exact too).
 */
export function cpPlanStart(ctx: Ctx, k: number, n: number): { start: Day; index: number; size: number } {
  const { plan, rng } = ctx
  const shares = CP_BANDS.map(([m], i) => plan.targets.figures[m]?.value ?? CP_DEFAULT[i])
  const total = shares.reduce((a, b) => a + b, 0)
  const bounds = [0]
  let cumulative = 0
  for (let i = 0; i < shares.length; i++) {
    cumulative += shares[i]
    bounds[i + 1] = Math.round((cumulative / total) * n)
  }
  const q = slot(k, n, 8)
  let band = 0
  while (band < 4 && q >= bounds[band + 1]) band++
  const [, lo, hi] = CP_BANDS[band]
  const latest = Math.min(plan.asAt - 1, addMonthsDay(plan.asAt, -lo))
  const start = working(Math.max(FLOOR + 60, between(rng, addMonthsDay(plan.asAt, -hi) + 1, latest)), plan.asAt)
  return { start, index: q - bounds[band], size: bounds[band + 1] - bounds[band] }
}

/** A child on a CP plan at the as-at date. */
export function cpChild(ctx: Ctx, k: number, n: number) {
  const { rng, plan, child } = ctx
  const band = cpPlanStart(ctx, k, n)
  const start = band.start
  const repeatShare = (plan.targets.figures.subsequent_cpp_pct?.value ?? 16) / 100
  const previous = slot(band.index, band.size, 9) < Math.round(band.size * repeatShare) ? 1 : 0
  if (previous) priorPlan(ctx, start - rng.int(400, 900))
  const lateIcpc = rng.chance(plan.profiles['cp-overdue']?.icpcLate ?? 0.15)
  const s47Start = working(start - (lateIcpc ? rng.int(24, 40) : rng.int(7, 20)), plan.asAt)
  const assessStart = Math.max(FLOOR, working(s47Start - rng.int(0, 4), plan.asAt))
  const ep = newEpisode(ctx, working(assessStart - rng.int(0, 3), plan.asAt))
  addAssessment(ctx, ep, Math.max(ep.referral, assessStart), false)
  addS47(ctx, ep, Math.max(s47Start, ep.referral), true, start)
  const over = plan.profiles['cp-overdue']
  const fail = !!over && slot(k, n, 10) < n * over.share
  const natural = rng.chance(0.04)
  const late = { visits: (fail && k % 2 === 0) || natural, reviews: fail && k % 2 === 1 }
  const p = addCpPlan(ctx, ep, start, null, previous, late)
  if (fail && failsCp(ctx, p)) child.failures.add('cp-overdue')
  openCaseAllocation(ctx, k, n, plan.workers.safeguarding, ep.referral)
}

/** Whether the plan fails the CP visit or review rule at the as-at date (docs/indicators.md). */
export function failsCp(ctx: Ctx, p: SimCpPlan): boolean {
  const A = ctx.plan.asAt
  const last = p.visits.length ? p.visits[p.visits.length - 1] : p.start
  if (workingBetween(last, A) > 10) return true
  if (p.start > addMonthsDay(A, -3)) return false
  let due = addMonthsDay(p.start, 3)
  for (const r of p.reviews) {
    if (r > due) return true
    due = addMonthsDay(r, 6)
  }
  return due < A
}

/** An earlier episode with a CP plan, ended before 'before' (for second or subsequent plans). */
export function priorPlan(ctx: Ctx, end: Day) {
  const { rng } = ctx
  const planEnd = Math.max(FLOOR + 200, end)
  const start = working(Math.max(FLOOR + 40, planEnd - rng.int(120, 300)), ctx.plan.asAt)
  const ep = newEpisode(ctx, Math.max(FLOOR, start - 30))
  addCpPlan(ctx, ep, start, planEnd, 0)
  closeEpisode(ep, planEnd, 'RC7')
}

/** A child on a CIN plan at the as-at date (some after a section 47 enquiry that needed no conference). */
export function cinChild(ctx: Ctx, k: number, n: number) {
  const { rng, plan } = ctx
  const referral = working(Math.max(FLOOR, plan.asAt - rng.exp(220, 75)), plan.asAt)
  const ep = newEpisode(ctx, referral)
  const a = addAssessment(ctx, ep, addWorking(ep.referral, rng.int(0, 2)), false)
  if (a.authorised === null || a.authorised >= plan.asAt) a.authorised = working(plan.asAt - rng.int(3, 20), plan.asAt)
  if (a.authorised < a.start) a.authorised = a.start
  if (rng.chance(0.1)) addS47(ctx, ep, addWorking(a.start, 1), false)
  ep.cinPlans.push({ id: `${ep.id}P1`, start: a.authorised, end: null })
  ep.lastSeen = working(plan.asAt - rng.int(3, 60), plan.asAt)
  if (ep.lastSeen < ep.referral) ep.lastSeen = ep.referral
  openCaseAllocation(ctx, k, n, plan.workers.safeguarding, ep.referral)
}

/** A child whose CP plan, started two to three years ago, ended in the year (with its episode). */
export function longPlanChild(ctx: Ctx) {
  const { rng, plan } = ctx
  const end = working(between(rng, plan.yearStart + 1, plan.asAt), plan.asAt)
  const start = working(Math.max(FLOOR + 60, addMonthsDay(end, -24 - rng.int(0, 8)) - rng.int(5, 20)), plan.asAt)
  const ep = newEpisode(ctx, Math.max(FLOOR, start - rng.int(20, 40)))
  addAssessment(ctx, ep, ep.referral, false)
  addS47(ctx, ep, Math.max(ep.referral, start - 10), true, start)
  addCpPlan(ctx, ep, start, end, 0)
  closeEpisode(ep, end, 'RC7')
  allocate(ctx, plan.workers.safeguarding, ep.referral, end, 1)
}
