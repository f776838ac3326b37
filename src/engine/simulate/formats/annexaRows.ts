import { ABUSE_LABELS, ETHNICITIES, REFERRAL_SOURCES, SOURCE_LABELS, SOURCE_LETTERS } from '../codes.ts'
import { addMonthsDay, ageOn, ukOf, type Day } from '../days.ts'
import type { SimChild, SimEpisode } from '../model.ts'
import type { LaPlan } from '../plan.ts'
import { openAt, placementsInYear, stageOf } from '../rules.ts'

/**
 * Ofsted Annex A rows for one child, list by list, with the current Ofsted headings (the 2024 layout in
 * Annex_A_schema.yml) and Ofsted's "letter) label" codes. Lists 1-8 cover the six months to the as-at date.
 */
type Cell = string | number
export type ListRows = Cell[][]

const yes = (b: boolean) => (b ? 'a) Yes' : 'b) No')
const date = (d: Day | null | undefined) => (d === null || d === undefined ? '' : ukOf(d))
const GENDER = { M: 'a) Male', F: 'b) Female', U: 'c) Not stated/recorded (or unborn)' }
const ETHNIC_LETTER = new Map(
  ETHNICITIES.map(([code], i) => [code, i < 18 ? `${'abcdefghijklmnopqr'[i]}) ${code}` : `s) ${code}`]),
)
const SOURCE = new Map(
  REFERRAL_SOURCES.map(([code], i) => [code, `${SOURCE_LETTERS[i]}) ${code}: ${SOURCE_LABELS[code]}`]),
)
const CASE_STATUS = {
  looked_after: 'a) Looked after',
  cp_plan: 'b) Child Protection plan',
  cin_plan: 'c) Child in need plan',
  assessment: 'd) Open assessment',
}

export function sourceLabel(code: string) {
  return SOURCE.get(code) ?? code
}

function common(c: SimChild, A: Day, disability: boolean): Cell[] {
  const row: Cell[] = [c.id, GENDER[c.sex], ETHNIC_LETTER.get(c.ethnicity) ?? c.ethnicity, date(c.dob), ageOn(c.dob, A)]
  if (disability) row.push(yes(c.disabilities.length > 0))
  return row
}

/** The worker allocated on day d (team, worker), or empty cells. */
function allocation(c: SimChild, d: Day): [string, string] {
  for (const a of c.allocations)
    if (openAt(a.start, a.end, d) && !a.workerId.startsWith('PA')) return [a.team, a.workerId]
  return ['', '']
}

export function annexARows(c: SimChild, plan: LaPlan): ListRows[] {
  const A = plan.asAt
  const inHalf = (d: Day | null) => d !== null && d > plan.halfStart && d <= A
  const lists: ListRows[] = Array.from({ length: 11 }, () => [])
  for (const k of c.contacts) {
    if (!inHalf(k.date)) continue
    lists[0].push([...common(c, A, false), date(k.date), sourceLabel(k.source)])
    if (k.outcome === 'EARLY_HELP')
      lists[1].push([
        ...common(c, A, false),
        date(k.date + 7),
        k.date + 40 <= A ? date(k.date + 40) : '',
        'Early Help Hub',
      ])
  }
  for (const ep of c.episodes) episodeRows(c, ep, plan, lists)
  childRows(c, plan, lists)
  return lists
}

function episodeRows(c: SimChild, ep: SimEpisode, plan: LaPlan, lists: ListRows[]) {
  const A = plan.asAt
  const inHalf = (d: Day | null) => d !== null && d > plan.halfStart && d <= A
  const at = (d: Day | null) => allocation(c, Math.min(A, d ?? A))
  if (inHalf(ep.referral)) {
    const before = c.episodes.filter(
      (o) => o.referral < ep.referral && o.referral >= addMonthsDay(ep.referral, -12),
    ).length
    lists[2].push([
      ...common(c, A, false),
      date(ep.referral),
      sourceLabel(ep.source),
      yes(ep.nfa),
      before,
      ...at(ep.closure ?? A),
    ])
  }
  for (const a of ep.assessments)
    if (inHalf(a.start) || (a.start <= A && (a.authorised === null || inHalf(a.authorised))))
      lists[3].push([
        ...common(c, A, true),
        date(a.start),
        yes(a.seen),
        date(a.authorised),
        a.authorised === null ? '' : yes(a.inNeed),
        ...at(a.authorised ?? A),
      ])
  for (const s of ep.s47s) {
    if (!inHalf(s.start)) continue
    const from = addMonthsDay(s.start, -12)
    const all = c.episodes.flatMap((e) => e.s47s).filter((o) => o.start < s.start && o.start >= from)
    lists[4].push([
      ...common(c, A, true),
      date(s.start),
      yes(s.icpcNotRequired),
      date(s.icpc),
      s.icpc === null ? '' : yes(s.toPlan),
      all.length,
      all.filter((o) => o.icpc !== null).length,
      ...at(s.start),
    ])
  }
}

function childRows(c: SimChild, plan: LaPlan, lists: ListRows[]) {
  const A = plan.asAt
  const inHalf = (d: Day | null) => d !== null && d > plan.halfStart && d <= A
  const eps = c.episodes.filter((e) => openAt(e.referral, e.closure, A) || inHalf(e.closure))
  const ep = eps[eps.length - 1]
  if (ep) {
    const stage = stageOf(c, A)
    lists[5].push([
      ...common(c, A, true),
      date(ep.referral),
      ep.primaryNeed,
      date(ep.lastSeen),
      date(ep.closure),
      ep.closureReason ?? '',
      stage ? CASE_STATUS[stage] : 'e) Closed',
      ...allocation(c, Math.min(A, ep.closure ?? A)),
    ])
  }
  const plans = c.episodes.flatMap((e) => e.cpPlans).filter((p) => openAt(p.start, p.end, A) || inHalf(p.end))
  const p = plans[plans.length - 1]
  if (p) {
    const visits = p.visits.filter((v) => v <= A)
    const reviews = p.reviews.filter((v) => v <= A)
    lists[6].push([
      ...common(c, A, true),
      date(p.start),
      ABUSE_LABELS[p.initialCategory],
      ABUSE_LABELS[p.latestCategory],
      date(visits[visits.length - 1]),
      visits.length ? yes(p.seenAlone) : '',
      date(reviews[reviews.length - 1]),
      date(p.end),
      'b) No',
      p.previousPlans,
      ...allocation(c, Math.min(A, p.end ?? A)),
    ])
  }
  careRows(c, plan, lists)
}

function last(days: Day[], A: Day) {
  const seen = days.filter((d) => d <= A)
  return seen.length ? seen[seen.length - 1] : null
}

function careRows(c: SimChild, plan: LaPlan, lists: ListRows[]) {
  const A = plan.asAt
  const inHalf = (d: Day | null) => d !== null && d > plan.halfStart && d <= A
  const care = c.episodes.map((e) => e.care).filter((p) => p && (openAt(p.start, p.end, A) || inHalf(p.end)))
  const cp = care[care.length - 1]
  if (cp) {
    const e = cp.episodes[cp.episodes.length - 1]
    let li = cp.episodes.length - 1
    while (li > 0 && cp.episodes[li - 1].legalStatus === e.legalStatus) li--
    const legalFrom = cp.episodes[li]
    const placedFrom = cp.episodes.find((x) => x.placementId === e.placementId) ?? e
    const miss = cp.missing.filter((m) => m.start > addMonthsDay(A, -12) && m.start <= A)
    const m = miss.filter((x) => x.kind === 'M')
    const lastM = m[m.length - 1]
    lists[7].push([
      ...common(c, A, false).slice(0, 5),
      yes(cp.uasc),
      yes(c.disabilities.length > 0),
      date(cp.start),
      cp.needCode,
      'b) No',
      date(legalFrom.start),
      e.legalStatus,
      date(last(cp.reviews, A)),
      date(last(cp.visits, A)),
      cp.permanence,
      date(last(cp.iroVisits, A)),
      date(last(cp.healthChecks, A)),
      date(last(cp.dentalChecks, A)),
      placementsInYear(cp, plan.yearStart, A),
      date(cp.end),
      cp.end === null ? '' : (e.reasonEnded ?? ''),
      date(placedFrom.start),
      e.place,
      e.provider,
      e.postcode,
      '',
      e.provider === 'PR1' ? 'a) In' : 'b) Out',
      plan.laName,
      m.length,
      miss.length - m.length,
      lastM ? yes(lastM.returnInterviewOffered) : '',
      lastM ? yes(lastM.returnInterviewAccepted) : '',
      ...allocation(c, Math.min(A, cp.end ?? A)),
    ])
  }
  leaverRow(c, plan, lists)
  adoptionRows(c, plan, lists)
}

function leaverRow(c: SimChild, plan: LaPlan, lists: ListRows[]) {
  const A = plan.asAt
  const l = c.careLeaver
  if (l) {
    const pa = c.allocations.find((a) => a.workerId === l.personalAdviser)
    const uasc = c.episodes.some((e) => e.care?.uasc)
    lists[8].push([
      ...common(c, A, false).slice(0, 5),
      yes(uasc),
      yes(c.disabilities.length > 0),
      pa?.team ?? '',
      '',
      l.personalAdviser,
      `b) ${l.eligibility}`,
      date(l.pathwayReview),
      { YES: 'a) Yes', NO: 'b) No', REFU: 'd) Refu', NREQ: 'e) NREQ' }[l.inTouch],
      date(l.lastContact),
      l.accommodation.slice(0, 1),
      l.suitable ? 'a) Suitable' : 'b) Unsuitable',
      l.activity,
    ])
  }
}

function adoptionRows(c: SimChild, plan: LaPlan, lists: ListRows[]) {
  const A = plan.asAt
  const ad = c.adoption
  if (ad) {
    lists[9].push([
      c.id,
      ad.familyId,
      GENDER[c.sex],
      ETHNIC_LETTER.get(c.ethnicity) ?? c.ethnicity,
      date(c.dob),
      ageOn(c.dob, A),
      yes(c.disabilities.length > 0),
      date(c.episodes.find((e) => e.care)?.care?.start),
      date(ad.decision),
      date(ad.placementOrder),
      date(ad.matched),
      date(ad.placed),
      date(ad.order),
      '',
      '',
      '',
    ])
    if (ad.matched !== null)
      lists[10].push([
        `AD${c.id}`,
        ad.familyId,
        'b) Female',
        'a) WBRI',
        'b) No',
        'b) No',
        date(ad.decision - 200),
        date(ad.decision - 180),
        date(ad.decision - 120),
        date(ad.decision - 119),
        date(ad.decision - 10),
        date(ad.decision - 100),
        date(ad.decision - 5),
        date(ad.matched),
        date(ad.placed),
        ad.placed === null ? 0 : 1,
        date(ad.order),
        '',
        '',
      ])
  }
}
