import { ACCOMMODATION, ACTIVITIES, LEGAL_STATUSES, PERMANENCE, PLACE_CHANGE, PLACEMENTS, PROVIDERS } from './codes.ts'
import { addMonthsDay, addWorking, ageOn, type Day } from './days.ts'
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
import type { SimCareEpisode, SimCarePeriod, SimMissing } from './model.ts'
import { slot } from './plan.ts'
import { FLOOR } from './protection.ts'

/** Children looked after (episodes, placements, reviews, visits, health, missing), adoption, and care leavers. */

function postcode(ctx: Ctx): string {
  const { rng } = ctx
  return `B${rng.int(1, 99)} ${rng.int(1, 9)}${'ABDEFGHJLNPQRSTUWXYZ'[rng.int(0, 19)]}${'ABDEFGHJLNPQRSTUWXYZ'[rng.int(0, 19)]}`
}

/** Episodes from start to end: the first placement, then moves (new placements) and legal status changes. */
function careEpisodes(ctx: Ctx, start: Day, end: Day | null, moves: number, legal: string): SimCareEpisode[] {
  const { rng, plan } = ctx
  const until = end ?? plan.asAt
  const out: SimCareEpisode[] = []
  const changes: Day[] = []
  for (let i = 0; i < moves; i++) changes.push(between(rng, start + 1, until - 1))
  changes.sort((a, b) => a - b)
  const days = [...new Set(changes.filter((d) => d > start && d < until))]
  let place = rng.weighted(PLACEMENTS)
  let status = legal
  let placement = 1
  const push = (from: Day, rne: string) =>
    out.push({
      start: from,
      end: null,
      rne,
      legalStatus: status,
      place,
      provider: PROVIDERS[place] ?? (rng.chance(0.6) ? 'PR1' : 'PR4'),
      reasonEnded: null,
      reasonPlaceChange: null,
      placementId: `P${placement}`,
      postcode: postcode(ctx),
    })
  push(start, 'S')
  for (const d of days) {
    const prev = out[out.length - 1]
    prev.end = d
    prev.reasonEnded = 'X1'
    if (status === 'C1' && rng.chance(0.5)) {
      status = 'C2'
      push(d, 'L')
      out[out.length - 1].placementId = prev.placementId
      out[out.length - 1].postcode = prev.postcode
      out[out.length - 1].place = prev.place
      out[out.length - 1].provider = prev.provider
    } else {
      prev.reasonPlaceChange = rng.pick(PLACE_CHANGE)
      place = rng.weighted(PLACEMENTS)
      placement++
      push(d, 'P')
    }
  }
  const last = out[out.length - 1]
  last.end = end
  return out
}

/** Statutory reviews: within 20 working days, then 3 months, then every 6 months; 'late' makes the last one late. */
function claReviews(ctx: Ctx, start: Day, until: Day, late: boolean): Day[] {
  const { rng } = ctx
  const out: Day[] = []
  let due = addWorking(start, 20)
  for (;;) {
    const next =
      out.length === 0 ? due : out.length === 1 ? addMonthsDay(out[0], 3) : addMonthsDay(out[out.length - 1], 6)
    due = next
    const lastOne = (out.length === 0 ? addMonthsDay(due, 3) : addMonthsDay(due, 6)) >= until
    const held = late && lastOne ? due + rng.int(3, 30) : due - rng.int(0, 10)
    if (held > until || due >= until + 400) break
    out.push(Math.max(held, start + 1))
    if (late && lastOne) break
  }
  return out
}

function missingEpisodes(ctx: Ctx, start: Day): SimMissing[] {
  const { rng, plan } = ctx
  if (!rng.chance(0.12)) return []
  const out: SimMissing[] = []
  for (let i = rng.int(1, 4); i > 0; i--) {
    const s = between(rng, Math.max(start, plan.yearStart + 1), plan.asAt - 1)
    const offered = rng.chance(0.8)
    out.push({
      start: s,
      end: Math.min(plan.asAt, s + rng.int(0, 3)),
      kind: rng.chance(0.8) ? 'M' : 'A',
      returnInterviewOffered: offered,
      returnInterviewAccepted: offered && rng.chance(0.6),
    })
  }
  return out.sort((a, b) => a.start - b.start)
}

/** A care period from start to end, with everything the 903 return and Annex A List 8 record. */
export function carePeriod(
  ctx: Ctx,
  start: Day,
  end: Day | null,
  late: { visits: boolean; reviews: boolean },
): SimCarePeriod {
  const { rng, plan, child } = ctx
  const until = end ?? plan.asAt
  const legal = rng.weighted(LEGAL_STATUSES)
  const moves = rng.chance(0.5) ? 0 : rng.chance(0.6) ? 1 : rng.int(2, 4)
  let visits = [addWorking(start, rng.int(1, 5)), ...visitDays(rng, start + 7, until, 42, true)].filter(
    (v) => v <= until,
  )
  if (late.visits) {
    const cutoff = plan.asAt - rng.int(50, 100)
    visits = visits.filter((v) => v <= cutoff)
  }
  const under5 = ageOn(child.dob, plan.asAt) < 5
  const health = visitDays(rng, start + 20, until, under5 ? 180 : 365, true)
  if (rng.chance(0.08)) health.splice(Math.max(0, health.length - 1))
  const dental = visitDays(rng, start + 60, until, 365, true)
  if (rng.chance(0.15)) dental.splice(Math.max(0, dental.length - 1))
  return {
    start,
    end,
    needCode: rng.weighted([
      ['N1', 63],
      ['N2', 3],
      ['N4', 7],
      ['N5', 15],
      ['N8', 8],
      ['N3', 3],
      ['N6', 1],
    ] as const),
    episodes: careEpisodes(ctx, start, end, moves, legal),
    reviews: claReviews(ctx, start, until, late.reviews),
    visits,
    iroVisits: visitDays(rng, start + 30, until, 120, true),
    healthChecks: health,
    dentalChecks: dental,
    missing: missingEpisodes(ctx, start),
    permanence: rng.pick(PERMANENCE),
    uasc: false,
  }
}

/** A child looked after at the as-at date. */
export function claChild(ctx: Ctx, k: number, n: number) {
  const { rng, plan, child } = ctx
  const start = working(Math.max(FLOOR + 60, plan.asAt - rng.exp(700, 10)), plan.asAt)
  if (child.dob >= start) child.dob = start - rng.int(1, 14 * 365)
  const ep = newEpisode(ctx, Math.max(FLOOR, start - rng.int(5, 60)))
  addAssessment(ctx, ep, ep.referral, false)
  const over = plan.profiles['cla-overdue']
  const fail = !!over && slot(k, n, 11) < n * over.share
  const period = carePeriod(ctx, start, null, { visits: fail && k % 2 === 0, reviews: fail && k % 2 === 1 })
  period.uasc = ageOn(child.dob, start) >= 14 && rng.chance(0.25)
  ep.care = period
  ep.lastSeen = period.visits.length ? period.visits[period.visits.length - 1] : start
  if (fail) child.failures.add('cla-overdue')
  if (period.episodes[0].legalStatus === 'E1' || (ageOn(child.dob, start) < 4 && rng.chance(0.3))) {
    const decision = Math.min(plan.asAt, start + rng.int(60, 300))
    const matched = decision + rng.int(60, 200) <= plan.asAt ? decision + rng.int(60, 200) : null
    child.adoption = {
      decision,
      placementOrder: decision + 20 <= plan.asAt ? decision + 20 : null,
      matched,
      placed: matched && matched + 20 <= plan.asAt ? matched + 20 : null,
      order: null,
      familyId: `F${child.id}`,
    }
  }
  openCaseAllocation(ctx, k, n, plan.workers.cic, ep.referral)
}

/** A care leaver aged 18-20, whose care ended at 18, receiving leaving-care services. */
export function leaverChild(ctx: Ctx, k: number, n: number) {
  const { rng, plan, child } = ctx
  child.dob = plan.asAt - rng.int(18 * 365 + 5, 20 * 365 + 300)
  const eighteen = addMonthsDay(child.dob, 12 * 18)
  const start = Math.max(FLOOR + 60, addMonthsDay(child.dob, 12 * rng.int(13, 16)))
  const ep = newEpisode(ctx, Math.max(FLOOR, start - 20))
  addAssessment(ctx, ep, ep.referral, false)
  ep.care = carePeriod(ctx, start, Math.max(start + 30, eighteen), { visits: false, reviews: false })
  const last = ep.care.episodes[ep.care.episodes.length - 1]
  last.reasonEnded = 'E8'
  closeEpisode(ep, ep.care.end!, 'RC7')
  allocate(ctx, plan.workers.cic, ep.referral, ep.care.end, 0)
  const out = plan.profiles['leavers-out-of-touch']
  const outOfTouch = out ? slot(k, n, 12) < n * out.share : rng.chance(0.08)
  if (out && outOfTouch) child.failures.add('leavers-out-of-touch')
  const pa = rng.pick(plan.workers.leaving)
  allocate(ctx, [pa], ep.care.end!, null, 0)
  const suitable = rng.chance(0.88)
  child.careLeaver = {
    eligibility: 'Former relevant',
    inTouch: outOfTouch ? 'NO' : rng.chance(0.03) ? 'REFU' : 'YES',
    lastContact: outOfTouch ? plan.asAt - rng.int(100, 300) : plan.asAt - rng.int(1, 60),
    accommodation: `${rng.pick(ACCOMMODATION)}${suitable ? 1 : 2}`,
    suitable,
    activity: rng.weighted(ACTIVITIES),
    pathwayReview: rng.chance(0.9) ? plan.asAt - rng.int(5, 170) : plan.asAt - rng.int(190, 400),
    personalAdviser: pa.id,
  }
}
