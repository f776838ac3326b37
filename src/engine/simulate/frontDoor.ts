import { REFERRAL_SOURCES } from './codes.ts'
import { addMonthsDay, addWorking, workingBetween, type Day } from './days.ts'
import {
  addAssessment,
  bornBy,
  allocate,
  between,
  closeEpisode,
  newEpisode,
  openCaseAllocation,
  working,
  type Ctx,
} from './base.ts'
import { slot } from './plan.ts'
import { addCpPlan, addS47, priorPlan } from './protection.ts'

/** Front door: contacts that go nowhere or wait, referrals closed in the year, and children awaiting or in assessment. */

/** An earlier referral within 12 months before 'before' (closed before the year), making the next a re-referral. */
export function addPriorReferral(ctx: Ctx, before: Day) {
  const { rng, plan } = ctx
  const to = Math.min(before - 20, plan.yearStart - 15)
  const ep = newEpisode(ctx, between(rng, Math.min(before - 355, to), to))
  if (ep.referral >= before || ep.referral >= plan.yearStart) throw new Error('prior referral out of order')
  ep.nfa = rng.chance(0.3)
  closeEpisode(
    ep,
    ep.nfa ? ep.referral : Math.min(plan.yearStart - 1, ep.referral + rng.int(5, 12)),
    ep.nfa ? 'RC8' : 'RC7',
  )
}

export function contactChild(ctx: Ctx, k: number, n: number) {
  const { rng, plan, child } = ctx
  const source = rng.weighted(REFERRAL_SOURCES)
  if (slot(k, n, 0) < plan.contact.awaiting) {
    let date = working(plan.asAt - rng.int(3, 45), plan.asAt)
    while (workingBetween(date, plan.asAt) <= 1) date = working(date - 3, plan.asAt)
    bornBy(ctx, date)
    // most of the backlog is police notifications (Birmingham 2014: domestic abuse notifications unscreened)
    child.contacts.push({ id: `${child.id}K1`, date, source: rng.chance(0.8) ? '6' : source, outcome: null })
    child.failures.add('front-door-backlog')
    return
  }
  const date = working(between(rng, plan.yearStart + 1, plan.asAt - 1), plan.asAt)
  bornBy(ctx, date)
  child.contacts.push({ id: `${child.id}K1`, date, source, outcome: rng.chance(0.8) ? 'NFA' : 'EARLY_HELP' })
}

/** Children referred in the year whose episode closed by the as-at date, in exact quotas by outcome. */
export function closedChild(ctx: Ctx, k: number, n: number) {
  const { rng, plan } = ctx
  const q = plan.closed
  const p = slot(k, n, 5)
  const lateAssessment =
    !!plan.profiles['assessment-drift'] && slot(k, n, 7) < n * plan.profiles['assessment-drift'].share * 0.5
  const reReferral = slot(k, n, 6) < q.reReferrals
  const latest = (need: number) => Math.max(plan.yearStart + 1, plan.asAt - need)
  let kind: 'nfa' | 'withoutAssessment' | 'notInNeed' | 'cp' | 'cin'
  if (p < q.nfa) kind = 'nfa'
  else if (p < q.nfa + q.withoutAssessment) kind = 'withoutAssessment'
  else if (p < q.nfa + q.withoutAssessment + q.notInNeed) kind = 'notInNeed'
  else if (p < q.nfa + q.withoutAssessment + q.notInNeed + q.cpEnded) kind = 'cp'
  else kind = 'cin'
  const need = { nfa: 1, withoutAssessment: 70, notInNeed: 140, cp: 260, cin: 200 }[kind]
  const last = reReferral ? Math.min(latest(need), plan.yearStart + 330) : latest(need)
  let referral = working(between(rng, plan.yearStart + 1, last), plan.asAt)
  if (referral > plan.asAt) referral = working(plan.yearStart + 1, plan.asAt)
  if (reReferral) addPriorReferral(ctx, referral)
  const ep = newEpisode(ctx, referral)
  const pool = plan.workers.assessment
  if (kind === 'nfa') {
    ep.nfa = true
    closeEpisode(ep, ep.referral, 'RC8')
    return
  }
  if (kind === 'withoutAssessment') {
    const close = Math.min(plan.asAt, ep.referral + rng.int(5, 60))
    closeEpisode(ep, close, 'RC7')
    allocate(ctx, pool, ep.referral, close, 0)
    ctx.child.failures.add('high-thresholds')
    return
  }
  const a = addAssessment(ctx, ep, addWorking(ep.referral, rng.int(0, 2)), lateAssessment, kind !== 'notInNeed')
  // a closed episode's assessment is finished: authorised by the as-at date at the latest
  const authorised = (a.authorised ??= Math.max(a.start, working(plan.asAt, plan.asAt)))
  if (kind === 'notInNeed') {
    closeEpisode(ep, authorised, 'RC8')
    allocate(ctx, pool, ep.referral, authorised, 0)
    return
  }
  if (kind === 'cp') {
    const s47 = addS47(ctx, ep, addWorking(a.start, rng.int(1, 4)), true)
    const start = s47.icpc ?? authorised
    const end = Math.min(plan.asAt, start + rng.int(90, 400))
    // exact quota among this kind: its members are positions [first, first + cpEnded) of slot(k, n, 5)
    const index = p - (q.nfa + q.withoutAssessment + q.notInNeed)
    const repeat =
      slot(index, q.cpEnded, 9) < Math.round(q.cpEnded * ((plan.targets.figures.subsequent_cpp_pct?.value ?? 16) / 100))
    if (repeat) priorPlan(ctx, ep.referral - rng.int(400, 700))
    addCpPlan(ctx, ep, start, end, repeat ? 1 : 0)
    closeEpisode(ep, end, 'RC7')
    allocate(ctx, plan.workers.safeguarding, ep.referral, end, 1)
    return
  }
  const end = Math.min(plan.asAt, authorised + rng.int(30, 250))
  ep.cinPlans.push({ id: `${ep.id}P1`, start: authorised, end })
  closeEpisode(ep, end, 'RC7')
  allocate(ctx, plan.workers.safeguarding, ep.referral, end, 1)
}

/** Open cases at the assessment stage: awaiting a decision (backlog), drifting beyond 45 working days, or in time. */
export function assessChild(ctx: Ctx, k: number, n: number) {
  const { rng, plan, child } = ctx
  const drift = plan.profiles['assessment-drift']
  if (slot(k, n, 1) < plan.assess.awaiting) {
    let referral = working(plan.asAt - rng.int(4, 30), plan.asAt)
    while (workingBetween(referral, plan.asAt) <= 1) referral = working(referral - 3, plan.asAt)
    const ep = newEpisode(ctx, referral)
    child.failures.add('front-door-backlog')
    openCaseAllocation(ctx, k, n, plan.workers.assessment, ep.referral)
    return
  }
  let start: Day
  if (drift && slot(k, n, 2) < n * drift.share) {
    start = working(plan.asAt - rng.int(70, 170), plan.asAt)
    while (workingBetween(start, plan.asAt) <= 45) start = working(start - 7, plan.asAt)
    child.failures.add('assessment-drift')
  } else {
    start = working(plan.asAt - rng.int(1, 60), plan.asAt)
    while (workingBetween(start, plan.asAt) > 44) start = working(start + 1, plan.asAt)
  }
  const ep = newEpisode(ctx, working(start - rng.int(0, 3), plan.asAt))
  const a = addAssessment(ctx, ep, Math.max(start, ep.referral), false)
  a.authorised = null
  openCaseAllocation(ctx, k, n, plan.workers.assessment, ep.referral)
}

/**
 * A child referred and closed in an earlier year of the --years history: the same quotas as this year's closed
 * children, on the plan moved back by whole years (so everything happens before this year starts).
 */
export function pastChild(ctx: Ctx, k: number, n: number) {
  const { plan } = ctx
  const perYear = Math.max(1, Math.round(n / Math.max(1, plan.years - 1)))
  const back = 1 + Math.floor(k / perYear)
  const shift = (d: Day) => addMonthsDay(d, -12 * back)
  const earlier = {
    ...plan,
    asAt: shift(plan.asAt),
    yearStart: shift(plan.yearStart),
    halfStart: shift(plan.halfStart),
    profiles: {},
  }
  closedChild({ ...ctx, plan: earlier }, k % perYear, perYear)
}
