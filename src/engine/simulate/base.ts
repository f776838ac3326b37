import { DISABILITIES, ETHNICITIES, FACTORS, REFERRAL_SOURCES, NEED_CODES } from './codes.ts'
import { addWorking, isWorking, type Day } from './days.ts'
import type { SimAllocation, SimAssessment, SimChild, SimEpisode, SimWorker } from './model.ts'
import { slot, type LaPlan } from './plan.ts'
import type { Random } from './random.ts'

/** What every child generator works with: the plan, the child's own random stream, and the child. */
export interface Ctx {
  plan: LaPlan
  rng: Random
  child: SimChild
}

export function between(rng: Random, a: Day, b: Day): Day {
  return b <= a ? a : rng.int(a, b)
}

/** The next working day on or after d, or if that is after the limit (the as-at date) the last one on or before it. */
export function working(d: Day, limit: Day): Day {
  let x = d
  while (!isWorking(x)) x++
  if (x <= limit) return x
  x = limit
  while (!isWorking(x)) x--
  return x
}

export function newChild(plan: LaPlan, index: number, rng: Random, minAge: number, maxAge: number): SimChild {
  const age = rng.int(minAge, maxAge)
  const dob = plan.asAt - age * 365 - rng.int(0, 364)
  const disabled = rng.chance(0.08)
  return {
    id: `${plan.laCode}${String(index + 1).padStart(7, '0')}`,
    upn: rng.chance(0.85)
      ? `A${plan.laCode}${String(rng.int(0, 99_999_999)).padStart(8, '0')}${'ABCDEFGHJKLMNPQRTUVWXYZ'[rng.int(0, 22)]}`
      : null,
    sex: rng.chance(0.51) ? 'M' : rng.chance(0.99) ? 'F' : 'U',
    dob,
    ethnicity: rng.weighted(ETHNICITIES),
    disabilities: disabled ? [rng.pick(DISABILITIES)] : [],
    contacts: [],
    episodes: [],
    allocations: [],
    careLeaver: null,
    adoption: null,
    failures: new Set(),
  }
}

/** Makes sure the child was born by day d (moving the birth earlier if needed). */
export function bornBy(ctx: Ctx, d: Day) {
  if (ctx.child.dob > d - 30) ctx.child.dob = Math.max(ctx.plan.asAt - 17 * 365 - 200, d - ctx.rng.int(30, 3000))
}

/** A CIN episode starting with a referral on a working day, with the contact it came from. */
export function newEpisode(ctx: Ctx, referral: Day): SimEpisode {
  const { child, rng } = ctx
  const day = working(referral, ctx.plan.asAt)
  bornBy(ctx, day)
  const n = child.episodes.length + 1
  const source = rng.weighted(REFERRAL_SOURCES)
  child.contacts.push({ id: `${child.id}K${child.contacts.length + 1}`, date: day, source, outcome: 'REFERRAL' })
  const ep: SimEpisode = {
    id: `${child.id}E${n}`,
    referral: day,
    source,
    nfa: false,
    primaryNeed: rng.weighted(NEED_CODES),
    closure: null,
    closureReason: null,
    assessments: [],
    cinPlans: [],
    s47s: [],
    cpPlans: [],
    care: null,
    lastSeen: null,
  }
  child.episodes.push(ep)
  return ep
}

/** Working-day cadence of visits from start to end (inclusive), every 'every' working days give or take. */
export function visitDays(rng: Random, start: Day, end: Day, every: number, calendarDays = false): Day[] {
  const out: Day[] = []
  let d = start
  for (;;) {
    const step = rng.int(Math.max(1, Math.floor(every * 0.5)), every)
    d = calendarDays ? d + step : addWorking(d, step)
    if (d > end) break
    out.push(d)
  }
  return out
}

/**
 * Allocations for a case from start to end (null: open at the as-at date): the first worker from the pool, then
 * `changes` more, the last one open. `unallocatedFrom` ends the last allocation early (an unallocated case).
 */
export function allocate(
  ctx: Ctx,
  pool: SimWorker[],
  start: Day,
  end: Day | null,
  changes: number,
  unallocatedFrom?: Day,
) {
  const { rng, child, plan } = ctx
  const last = end ?? plan.asAt
  const stop = unallocatedFrom ?? end
  if (unallocatedFrom !== undefined && unallocatedFrom <= start) return
  const span = (stop ?? last) - start
  let from = start
  for (let i = 0; i <= changes; i++) {
    const w = rng.pick(pool)
    const to = i === changes ? stop : start + Math.floor((span * (i + 1)) / (changes + 1))
    const a: SimAllocation = {
      workerId: w.id,
      team: w.team,
      start: from,
      end: to,
      reason: i === changes ? null : rng.pick(['LEFTRL', 'ORGRST', 'CASETF', 'OTHER']),
    }
    child.allocations.push(a)
    if (to !== null) from = to
  }
}

export function closeEpisode(ep: SimEpisode, day: Day, reason: string) {
  ep.closure = day
  ep.closureReason = reason
}

/** An assessment started on 'start' taking a natural time (mostly within 45 working days), or 46-90 if late. */
export function addAssessment(ctx: Ctx, ep: SimEpisode, start: Day, late: boolean, inNeed = true): SimAssessment {
  const { rng } = ctx
  const days = late ? rng.int(46, 90) : rng.chance(0.12) ? rng.int(46, 70) : rng.int(8, 45)
  const authorised = addWorking(start, days)
  const a: SimAssessment = {
    id: `${ep.id}A${ep.assessments.length + 1}`,
    start,
    authorised: authorised <= ctx.plan.asAt ? authorised : null,
    seen: rng.chance(0.95),
    factors: [rng.pick(FACTORS), rng.pick(FACTORS)].filter((f, i, all) => all.indexOf(f) === i),
    inNeed,
  }
  ep.assessments.push(a)
  ep.lastSeen = a.seen ? Math.min(ctx.plan.asAt, addWorking(start, rng.int(1, 8))) : ep.lastSeen
  return a
}

/** Allocation for an open case: churned (several workers in the year) or unallocated as the profiles say. */
export function openCaseAllocation(ctx: Ctx, k: number, n: number, pool: Ctx['plan']['workers']['cic'], start: Day) {
  const { plan, rng, child } = ctx
  const un = plan.profiles.unallocated
  const churn = plan.profiles['workforce-churn']
  if (un && slot(k, n, 3) < n * un.share) {
    child.failures.add('unallocated')
    const from = plan.asAt - rng.int(3, 40)
    allocate(ctx, pool, start, null, 0, from > start ? from : start)
    return
  }
  if (churn && slot(k, n, 4) < n * 0.4) {
    const yearFrom = Math.max(start, plan.yearStart + 1)
    if (yearFrom > start) allocate(ctx, pool, start, yearFrom, 0)
    allocate(ctx, pool, yearFrom, null, churn.changes)
    child.failures.add('workforce-churn')
    return
  }
  allocate(ctx, pool, start, null, rng.chance(0.3) ? 1 : 0)
}
