import type { Targets } from './calibration.ts'
import { addMonthsDay, dayOf, type Day } from './days.ts'
import type { Profiles } from './profiles.ts'
import type { SimWorker } from './model.ts'

/**
 * The LA's plan: how many children of each kind the simulator makes, fixed before any child is generated so that
 * counts at the as-at date (children in need, on a plan, looked after) equal the calibrated targets exactly, and
 * shares (NFA, re-referrals, not in need) are exact quotas spread by a fixed permutation.
 */
export type GroupKind = 'cla' | 'cp' | 'cin' | 'assess' | 'closed' | 'longPlan' | 'contact' | 'leaver' | 'past'
export const GROUPS: GroupKind[] = ['cla', 'cp', 'cin', 'assess', 'closed', 'longPlan', 'contact', 'leaver', 'past']

export interface LaPlan {
  laCode: string
  laName: string
  seed: string
  asAt: Day
  /** The year is yearStart < d <= asAt; the half year halfStart < d <= asAt. */
  yearStart: Day
  halfStart: Day
  historyStart: Day
  years: number
  collectionYear: number
  scale: number
  population: number
  profiles: Profiles
  targets: Targets
  counts: Record<GroupKind, number>
  /** Quotas inside the closed group and the assessment group. */
  closed: { nfa: number; withoutAssessment: number; notInNeed: number; reReferrals: number; cpEnded: number }
  assess: { awaiting: number }
  contact: { awaiting: number }
  workers: { assessment: SimWorker[]; safeguarding: SimWorker[]; cic: SimWorker[]; leaving: SimWorker[] }
}

export interface PlanOptions {
  seed: string
  asAt: string
  years: number
  scale: number
  profiles: Profiles
}

const fig = (t: Targets, m: string, fallback: number) => t.figures[m]?.value ?? fallback
const pct = (t: Targets, m: string, fallback: number) => (t.figures[m]?.value ?? fallback) / 100

/** Splits the children at the as-at date into the stage groups, from the scaled targets. */
function stageCounts(t: Targets, s: number) {
  const cla = Math.round(fig(t, 'cla_at_31_march', t.population * 0.0067) * s)
  const cp = Math.round(fig(t, 'cpp_at_31_march', t.population * 0.0042) * s)
  const cinAt = Math.round(fig(t, 'cin_at_31_march', t.population * 0.034) * s)
  const rest = Math.max(0, cinAt - cla - cp)
  const awaiting = fig(t, 'awaiting_assessment', rest * 0.12) * s
  const assess = Math.round(Math.min(Math.max(awaiting, rest * 0.05), rest * 0.4))
  // at least one child in need, so that even the smallest LA at a small --scale has a CIN census to write
  return { cla, cp, cin: Math.max(1, rest - assess), assess }
}

function workerPool(prefix: string, team: string, teams: number, n: number, agencyShare: number): SimWorker[] {
  const out: SimWorker[] = []
  const agency = Math.round(n * agencyShare)
  for (let i = 0; i < n; i++)
    out.push({
      id: `${prefix}${String(i + 1).padStart(5, '0')}`,
      team: `${team} ${(i % Math.max(1, teams)) + 1}`,
      // agency workers spread through the pool by a fixed stride
      agency: (i * 7) % n < agency,
    })
  return out
}

export function makePlan(
  t: Targets,
  o: PlanOptions,
): Omit<LaPlan, 'counts' | 'closed'> & { stage: ReturnType<typeof stageCounts> } {
  const asAt = dayOf(o.asAt)
  const s = o.scale
  const stage = stageCounts(t, s)
  const churn = o.profiles['workforce-churn']
  const caseload = churn?.caseload ?? fig(t, 'caseload_per_fte', 16)
  const agencyShare = churn?.agencyShare ?? pct(t, 'agency_rate_pct', 15)
  const workersNeeded = (n: number) => Math.max(1, Math.ceil(n / caseload))
  const per10k = (x: number) => Math.round((x * t.population * s) / 10_000)
  const backlog = o.profiles['front-door-backlog']
  const la = t.laCode
  return {
    laCode: la,
    laName: t.laName,
    seed: o.seed,
    asAt,
    yearStart: addMonthsDay(asAt, -12),
    halfStart: addMonthsDay(asAt, -6),
    historyStart: addMonthsDay(asAt, -12 * o.years),
    years: o.years,
    collectionYear: t.year,
    scale: s,
    population: Math.round(t.population * s),
    profiles: o.profiles,
    targets: t,
    stage,
    assess: { awaiting: Math.min(stage.assess, backlog ? per10k(backlog.referralsPer10k) : 0) },
    contact: { awaiting: backlog ? per10k(backlog.contactsPer10k) : 0 },
    workers: {
      assessment: workerPool(`SW${la}A`, 'Assessment Team', 4, workersNeeded(stage.assess * 3), agencyShare),
      safeguarding: workerPool(`SW${la}S`, 'Safeguarding Team', 6, workersNeeded(stage.cp + stage.cin), agencyShare),
      cic: workerPool(`SW${la}C`, 'Children in Care Team', 4, workersNeeded(stage.cla), agencyShare),
      leaving: workerPool(`PA${la}L`, 'Leaving Care Team', 2, workersNeeded(stage.cla * 0.4), agencyShare * 0.5),
    },
  }
}

/** Completes the plan once the pre-pass knows how many of the stage children were referred in the year. */
export function finishPlan(
  base: ReturnType<typeof makePlan>,
  stageReferralsInYear: number,
  stageCpStartsInYear: number,
): LaPlan {
  const t = base.targets
  const s = base.scale
  const referrals = Math.round(fig(t, 'referrals', t.population * 0.055) * s)
  const closedCount = Math.max(0, referrals - stageReferralsInYear)
  const hi = base.profiles['high-thresholds']
  const nfa = Math.min(closedCount, Math.round(referrals * (pct(t, 'nfa_pct', 10) + (hi?.extraNfa ?? 0))))
  const withoutAssessment = Math.min(closedCount - nfa, Math.round(referrals * (hi?.closedWithoutAssessment ?? 0)))
  const notInNeed = Math.min(
    closedCount - nfa - withoutAssessment,
    Math.round(referrals * pct(t, 'not_in_need_pct', 25)),
  )
  const reReferrals = Math.min(closedCount, Math.round(referrals * pct(t, 're_referrals_pct', 22)))
  const cpStarts = Math.round(fig(t, 'cpp_starts', t.population * 0.0058) * s)
  const cpEnded = Math.max(
    0,
    Math.min(closedCount - nfa - withoutAssessment - notInNeed, cpStarts - stageCpStartsInYear),
  )
  const cla = base.stage.cla
  const { stage, ...rest } = base
  return {
    ...rest,
    counts: {
      ...stage,
      closed: closedCount,
      contact: Math.round(referrals * 1.1) + base.contact.awaiting,
      leaver: Math.round(cla * 0.45),
      // plans of 2 years or more that ended in the year (about 4% of plan starts, as nationally)
      longPlan: Math.round(cpStarts * 0.04),
      // each earlier year of --years history: as many children referred and closed as this year
      past: closedCount * (base.years - 1),
    },
    closed: { nfa, withoutAssessment, notInNeed, reReferrals, cpEnded },
  }
}

/** One multiplier per salt (distinct primes, so two quotas drawn with different salts are not aligned). */
const MULTIPLIERS = [
  7919, 104729, 1299709, 15485863, 179424673, 32452843, 49979687, 67867967, 86028121, 122949829, 141650939, 160481183,
  198491317, 217645177, 236887691, 256203161,
]

/**
 * Position of member k of a group of n in a fixed pseudo-random order: an affine permutation (k * p + offset) mod n
 * with p coprime to n, one p and offset per salt. "slot(k, n, salt) < quota" picks exactly `quota` members.
 */
export function slot(k: number, n: number, salt: number): number {
  if (n <= 1) return 0
  let p = MULTIPLIERS[salt % MULTIPLIERS.length] % n || 1
  while (gcd(p, n) !== 1) p++
  const offset = (salt * 2654435761) % n
  return Number((BigInt(k) * BigInt(p) + BigInt(offset)) % BigInt(n))
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a
}
