import { EET } from './codes.ts'
import { addMonthsDay, addWorking, isoOf, workingBetween } from './days.ts'
import type { SimChild } from './model.ts'
import type { LaPlan } from './plan.ts'
import * as R from './rules.ts'

/**
 * truth.json, accumulated child by child from the event model as it is generated: every indicator of
 * docs/indicators.md as { value, numerator, denominator }, and for every failure profile switched on the children it
 * made fail. Counters only (plus the named children), so memory stays bounded at any scale.
 */
export type Unit = 'percent' | 'count' | 'ratio'
const P = 'percent'
const C = 'count'
/** Every indicator id of docs/indicators.md with its unit. */
export const UNITS: Record<string, Unit> = {
  contacts_converted_to_referral: P,
  contacts_awaiting_decision: C,
  referrals_nfa: P,
  re_referrals_12_months: P,
  referrals_awaiting_decision: C,
  cases_closed_without_assessment: C,
  assessments_within_45_wd: P,
  assessments_open_over_45_wd: C,
  icpc_within_15_wd: P,
  cp_reviews_on_time: P,
  cp_visits_overdue: C,
  cp_plans_2_years_plus: P,
  repeat_cp_plans: P,
  cla_reviews_on_time: P,
  cla_visits_overdue: C,
  health_checks_overdue: C,
  dental_checks_overdue: C,
  placements_3_plus_12_months: P,
  cla_missing: P,
  return_interviews_offered: P,
  care_leavers_in_touch: P,
  care_leavers_suitable_accommodation: P,
  care_leavers_eet: P,
  pathway_plan_reviews_overdue: C,
  unallocated_cases: C,
  unallocated_cases_looked_after: C,
  unallocated_cases_cp_plan: C,
  unallocated_cases_cin_plan: C,
  unallocated_cases_assessment: C,
  caseload_per_worker: 'ratio',
  workers_over_caseload: C,
  agency_worker_share: P,
}
const STAGES: R.Stage[] = ['looked_after', 'cp_plan', 'cin_plan', 'assessment']

export class Truth {
  private n = new Map<string, [number, number]>()
  private ids = new Map<string, string[]>()
  private caseload = new Map<string, number>()
  readonly counts = {
    referrals: 0,
    cinAt: 0,
    cinEpisodesInYear: 0,
    cpAt: 0,
    claAt: 0,
    cpStarts: 0,
    contacts: 0,
    children: 0,
  }

  constructor(private plan: LaPlan) {
    for (const id of Object.keys(UNITS)) this.n.set(id, [0, 0])
  }

  private add(id: string, unit: Unit, hit: boolean, inDenominator = true) {
    if (UNITS[id] !== unit) throw new Error(`indicator ${id} is not a ${unit}`)
    const v = this.n.get(id) ?? [0, 0]
    if (hit) v[0]++
    if (inDenominator) v[1]++
    this.n.set(id, v)
  }

  private profile(name: string, child: SimChild, failing: boolean) {
    if (!this.plan.profiles[name as keyof LaPlan['profiles']] || !child.failures.has(name) || !failing) return
    const list = this.ids.get(name) ?? []
    if (list[list.length - 1] !== child.id) list.push(child.id)
    this.ids.set(name, list)
  }

  addChild(child: SimChild) {
    this.counts.children++
    this.frontDoor(child)
    this.protection(child)
    this.care(child)
    this.leaver(child)
    this.allocation(child)
  }

  private inYear = (d: number | null) => d !== null && d > this.plan.yearStart && d <= this.plan.asAt

  private frontDoor(child: SimChild) {
    const { asAt: A, halfStart } = this.plan
    let awaiting = false
    for (const c of child.contacts) {
      if (c.date > halfStart && c.date <= A) {
        this.counts.contacts++
        this.add('contacts_converted_to_referral', 'percent', c.outcome === 'REFERRAL')
        this.add('contacts_awaiting_decision', 'count', false)
      }
      if (c.outcome === null && c.date <= A && workingBetween(c.date, A) > 1) {
        this.add('contacts_awaiting_decision', 'count', true, false)
        awaiting = true
      }
    }
    let closedWithout = false
    for (const ep of child.episodes) {
      if (ep.referral <= A && (ep.closure === null || ep.closure > this.plan.yearStart)) this.counts.cinEpisodesInYear++
      if (this.inYear(ep.referral)) {
        this.counts.referrals++
        const from = addMonthsDay(ep.referral, -12)
        const again = child.episodes.some((o) => o !== ep && o.referral >= from && o.referral < ep.referral)
        this.add('referrals_nfa', 'percent', ep.nfa)
        this.add('re_referrals_12_months', 'percent', again)
        this.add('referrals_awaiting_decision', 'count', false)
      }
      if (R.referralAwaiting(ep, A)) {
        this.add('referrals_awaiting_decision', 'count', true, false)
        awaiting = true
      }
      if (this.inYear(ep.closure)) {
        const without = !ep.nfa && ep.assessments.length === 0
        closedWithout ||= without
        this.add('cases_closed_without_assessment', 'count', without)
      }
      for (const a of ep.assessments) {
        if (this.inYear(a.authorised))
          this.add('assessments_within_45_wd', 'percent', a.authorised! <= addWorking(a.start, 45))
        if (a.start <= A && (a.authorised === null || a.authorised > A))
          this.add('assessments_open_over_45_wd', 'count', workingBetween(a.start, A) > 45)
      }
    }
    this.profile('front-door-backlog', child, awaiting)
    this.profile('high-thresholds', child, closedWithout)
    this.profile(
      'assessment-drift',
      child,
      child.episodes.some((e) => R.assessmentDrifting(e, A)),
    )
  }

  private protection(child: SimChild) {
    const { asAt: A } = this.plan
    let failing = false
    for (const ep of child.episodes) {
      for (const s of ep.s47s)
        if (this.inYear(s.icpc)) this.add('icpc_within_15_wd', 'percent', s.icpc! <= addWorking(s.start, 15))
      for (const p of ep.cpPlans) {
        if (this.inYear(p.start)) {
          this.counts.cpStarts++
          this.add('repeat_cp_plans', 'percent', p.previousPlans >= 1)
        }
        if (this.inYear(p.end)) this.add('cp_plans_2_years_plus', 'percent', p.end! >= addMonthsDay(p.start, 24))
        if (!R.openAt(p.start, p.end, A)) continue
        this.counts.cpAt++
        const visitLate = R.cpVisitOverdue(p, A)
        this.add('cp_visits_overdue', 'count', visitLate)
        let reviewLate = false
        if (p.start <= addMonthsDay(A, -3)) {
          reviewLate = !R.cpReviewsOnTime(p, A)
          this.add('cp_reviews_on_time', 'percent', !reviewLate)
        }
        failing ||= visitLate || reviewLate
      }
    }
    this.profile('cp-overdue', child, failing)
  }

  private care(child: SimChild) {
    const { asAt: A, yearStart, halfStart } = this.plan
    let failing = false
    for (const ep of child.episodes) {
      const c = ep.care
      if (!c) continue
      const missing = c.missing.filter((m) => m.kind === 'M' && this.inYear(m.start))
      if (c.start <= A && (c.end === null || c.end > yearStart)) this.add('cla_missing', 'percent', missing.length > 0)
      const inList8 = R.openAt(c.start, c.end, A) || (c.end !== null && c.end > halfStart && c.end <= A)
      if (inList8 && missing.length)
        this.add('return_interviews_offered', 'percent', missing[missing.length - 1].returnInterviewOffered)
      if (!R.openAt(c.start, c.end, A)) continue
      this.counts.claAt++
      const visitLate = R.claVisitOverdue(c, A)
      this.add('cla_visits_overdue', 'count', visitLate)
      let reviewLate = false
      if (R.claFirstReviewDue(c) < A) {
        reviewLate = !R.claReviewsOnTime(c, A)
        this.add('cla_reviews_on_time', 'percent', !reviewLate)
      }
      failing ||= visitLate || reviewLate
      if (c.start <= addMonthsDay(A, -12)) {
        this.add('health_checks_overdue', 'count', R.healthOverdue(child, c, A))
        this.add('dental_checks_overdue', 'count', R.dentalOverdue(c, A))
      }
      this.add('placements_3_plus_12_months', 'percent', R.placementsInYear(c, yearStart, A) >= 3)
    }
    this.profile('cla-overdue', child, failing)
  }

  private leaver(child: SimChild) {
    const l = child.careLeaver
    if (!l) return
    this.add('care_leavers_in_touch', 'percent', l.inTouch === 'YES')
    this.add('care_leavers_suitable_accommodation', 'percent', l.suitable)
    this.add('care_leavers_eet', 'percent', EET.has(l.activity))
    this.add(
      'pathway_plan_reviews_overdue',
      'count',
      l.pathwayReview === null || l.pathwayReview < addMonthsDay(this.plan.asAt, -6),
    )
    this.profile('leavers-out-of-touch', child, l.inTouch === 'NO')
  }

  private allocation(child: SimChild) {
    const A = this.plan.asAt
    const stage = R.stageOf(child, A)
    if (!stage) return
    this.counts.cinAt++
    const worker = R.workerAt(child, A)
    this.add('unallocated_cases', 'count', worker === null)
    for (const s of STAGES) if (s === stage) this.add(`unallocated_cases_${s}`, 'count', worker === null)
    if (worker) this.caseload.set(worker, (this.caseload.get(worker) ?? 0) + 1)
    this.profile('unallocated', child, worker === null)
    this.profile('workforce-churn', child, R.workersInYear(child, this.plan.yearStart, A) >= 3)
  }

  result() {
    const agency = new Set(
      Object.values(this.plan.workers)
        .flat()
        .filter((w) => w.agency)
        .map((w) => w.id),
    )
    const holders = [...this.caseload.entries()]
    const cases = holders.reduce((s, [, n]) => s + n, 0)
    this.n.set('caseload_per_worker', [cases, holders.length])
    this.n.set('workers_over_caseload', [holders.filter(([, n]) => n > 20).length, holders.length])
    this.n.set('agency_worker_share', [holders.filter(([id]) => agency.has(id)).length, holders.length])
    const indicators: Record<
      string,
      { value: number | null; numerator: number; denominator: number | null; unit: Unit }
    > = {}
    for (const id of [...this.n.keys()].sort()) {
      const [num, den] = this.n.get(id)!
      const unit = UNITS[id]
      const value =
        unit === 'count' ? num : den === 0 ? null : round1(unit === 'percent' ? (100 * num) / den : num / den)
      indicators[id] = { value, numerator: num, denominator: den, unit }
    }
    const profiles: Record<string, { count: number; childIds: string[] }> = {}
    for (const name of Object.keys(this.plan.profiles).sort()) {
      const ids = [...(this.ids.get(name) ?? [])].sort()
      profiles[name] = { count: ids.length, childIds: ids }
    }
    return {
      indicators,
      profiles,
      breakdowns: { caseload_per_worker_by_team: this.byTeam(holders) },
      asAt: isoOf(this.plan.asAt),
    }
  }

  /** caseload_per_worker for each team (the team of the worker holding the case). */
  private byTeam(holders: Array<[string, number]>) {
    const team = new Map(
      Object.values(this.plan.workers)
        .flat()
        .map((w) => [w.id, w.team]),
    )
    const sums = new Map<string, [number, number]>()
    for (const [id, n] of holders) {
      const t = sums.get(team.get(id)!) ?? [0, 0]
      t[0] += n
      t[1]++
      sums.set(team.get(id)!, t)
    }
    return Object.fromEntries(
      [...sums.keys()].sort().map((t) => {
        const [num, den] = sums.get(t)!
        return [t, { value: round1(num / den), numerator: num, denominator: den, unit: 'ratio' as Unit }]
      }),
    )
  }
}

/** Half away from zero to 1 decimal place (DuckDB round(x, 1)). */
export function round1(x: number): number {
  return (Math.sign(x) * Math.round(Math.abs(x) * 10 + 1e-9)) / 10
}
