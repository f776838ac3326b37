import { formatDate } from '../dates.ts'
/**
 * RAG ratings for improvement plans (domain.md §4). There is no national standard, so the rules are declared here once,
 * each with an id and a plain-English description, and every rating says which rule produced it.
 * Delivery (is the work being done?) and impact (is it making a difference?) are rated separately: an action can be
 * complete and still have no impact.
 */

export type Rag = 'red' | 'amber' | 'green' | 'blue' | 'grey'
export const RAG_LABELS: Record<Rag, string> = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  blue: 'Complete',
  grey: 'Not rated',
}

export const ACTION_STATUSES = ['not started', 'on track', 'at risk', 'off track', 'complete', 'blocked'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

export interface RagConfig {
  /** A milestone missed by more than this many days makes the action red rather than amber. */
  milestoneRedAfterDays: number
  /** An action not started this many days after its start date is amber. */
  lateStartDays: number
  /** Default amber band for KPIs, in the KPI's unit (e.g. 5 percentage points) [L]. */
  kpiAmberTolerance: number
  /** Rule ids switched off locally. */
  disabledRules: string[]
}

export const DEFAULT_RAG_CONFIG: RagConfig = {
  milestoneRedAfterDays: 28,
  lateStartDays: 0,
  kpiAmberTolerance: 5,
  disabledRules: [],
}

export interface RagResult {
  rag: Rag
  rule: string
  reason: string
  /** Present when a person set the colour: what the rules would have said, and why it was overridden. */
  override?: { computed: Rag; computedRule: string; reason: string }
}

export interface ActionForRag {
  status: ActionStatus
  ownerId: number | null
  startDate: string | null
  dueDate: string | null
  completedOn?: string | null
  ragOverride?: Exclude<Rag, 'grey'> | null
  ragOverrideReason?: string | null
  milestones: Array<{ title: string; dueDate: string; completedOn: string | null }>
}

/** Whole days from a to b (ISO dates); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}

/** '1 day', '8 days'. */
const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`

interface DeliveryRule {
  id: string
  rag: Rag
  description: string
  /** Returns the reason when the rule applies, else undefined. */
  test(a: ActionForRag, asAt: string, cfg: RagConfig): string | undefined
}

const missedMilestones = (a: ActionForRag, asAt: string) =>
  a.milestones.filter((m) => m.dueDate < asAt && (!m.completedOn || m.completedOn > asAt))

/** Delivery rules, first match wins. Dates are compared as at the report date, so a past report can be reproduced. */
export const DELIVERY_RULES: readonly DeliveryRule[] = [
  {
    id: 'complete',
    rag: 'blue',
    description: 'The action is marked complete.',
    test: (a) => (a.status === 'complete' ? 'Marked complete' : undefined),
  },
  {
    id: 'blocked',
    rag: 'red',
    description: 'The action is blocked.',
    test: (a) => (a.status === 'blocked' ? 'Blocked' : undefined),
  },
  {
    id: 'past-due',
    rag: 'red',
    description: 'The due date has passed and the action is not complete.',
    test: (a, asAt) =>
      a.dueDate && a.dueDate < asAt
        ? `Due ${formatDate(a.dueDate)}, ${days(daysBetween(a.dueDate, asAt))} overdue`
        : undefined,
  },
  {
    id: 'off-track',
    rag: 'red',
    description: 'The owner reports the action off track.',
    test: (a) => (a.status === 'off track' ? 'Reported off track' : undefined),
  },
  {
    id: 'milestone-missed-long',
    rag: 'red',
    description: 'A milestone was missed by more than the configured number of days (default 28).',
    test: (a, asAt, cfg) => {
      const late = missedMilestones(a, asAt).filter((m) => daysBetween(m.dueDate, asAt) > cfg.milestoneRedAfterDays)
      return late.length
        ? `Milestone "${late[0].title}" due ${formatDate(late[0].dueDate)} missed by ${days(daysBetween(late[0].dueDate, asAt))}`
        : undefined
    },
  },
  {
    id: 'milestone-missed',
    rag: 'amber',
    description: 'A milestone date has passed without the milestone being met.',
    test: (a, asAt) => {
      const late = missedMilestones(a, asAt)
      return late.length ? `Milestone "${late[0].title}" due ${formatDate(late[0].dueDate)} not met` : undefined
    },
  },
  {
    id: 'at-risk',
    rag: 'amber',
    description: 'The owner reports the action at risk.',
    test: (a) => (a.status === 'at risk' ? 'Reported at risk' : undefined),
  },
  {
    id: 'late-start',
    rag: 'amber',
    description: 'The start date has passed (plus any configured grace days) and the action has not started.',
    test: (a, asAt, cfg) =>
      a.status === 'not started' && a.startDate && daysBetween(a.startDate, asAt) > cfg.lateStartDays
        ? `Should have started on ${formatDate(a.startDate)}`
        : undefined,
  },
  {
    id: 'incomplete-row',
    rag: 'amber',
    description: 'The action has no named owner, no due date or no milestone (Ofsted expects all three).',
    test: (a) => {
      const missing = [
        !a.ownerId && 'owner',
        !a.dueDate && 'due date',
        a.milestones.length === 0 && 'milestone',
      ].filter(Boolean)
      return missing.length ? `No ${missing.join(', no ')}` : undefined
    },
  },
  {
    id: 'on-track',
    rag: 'green',
    description: 'None of the rules above applies.',
    test: () => 'On track',
  },
]

/**
 * Delivery RAG for one action as at a date.
 * @example deliveryRag({ status: 'on track', ownerId: 1, startDate: '2014-06-01', dueDate: '2014-07-01', milestones: [] }, '2014-07-02')
 * // { rag: 'red', rule: 'past-due', reason: 'Due 2014-07-01, 1 days overdue' }
 */
export function deliveryRag(action: ActionForRag, asAt: string, cfg: RagConfig = DEFAULT_RAG_CONFIG): RagResult {
  const computed = computeDelivery(action, asAt, cfg)
  if (action.ragOverride) {
    return {
      rag: action.ragOverride,
      rule: 'override',
      reason: action.ragOverrideReason ?? '',
      override: { computed: computed.rag, computedRule: computed.rule, reason: action.ragOverrideReason ?? '' },
    }
  }
  return computed
}

function computeDelivery(action: ActionForRag, asAt: string, cfg: RagConfig): RagResult {
  for (const rule of DELIVERY_RULES) {
    if (cfg.disabledRules.includes(rule.id)) continue
    const reason = rule.test(action, asAt, cfg)
    if (reason) return { rag: rule.rag, rule: rule.id, reason }
  }
  return { rag: 'grey', rule: 'none', reason: 'Every rule is switched off' }
}

const SEVERITY: Record<Rag, number> = { red: 4, amber: 3, green: 2, blue: 1, grey: 0 }

/**
 * The worst of several ratings (red > amber > green > complete), keeping the rule that produced it; grey when none is rated.
 * @example worstRag([green, redPastDue], 'No actions yet', 'worst-action') // { rag: 'red', rule: 'past-due', reason: '1 of 2 rated red: Due ...' }
 */
export function worstRag(results: RagResult[], emptyReason: string, rule: string): RagResult {
  const rated = results.filter((r) => r.rag !== 'grey')
  if (!rated.length) return { rag: 'grey', rule: `${rule}-none`, reason: emptyReason }
  const worst = rated.reduce((w, r) => (SEVERITY[r.rag] > SEVERITY[w.rag] ? r : w))
  const n = rated.filter((r) => r.rag === worst.rag).length
  const reason =
    rated.length === 1
      ? worst.reason
      : `${n} of ${rated.length} rated ${RAG_LABELS[worst.rag].toLowerCase()}: ${worst.reason}`
  return { rag: worst.rag, rule: worst.rule, reason }
}

export type Polarity = 'higher' | 'lower' | 'context'

export interface KpiForRag {
  polarity: Polarity
  targetValue: number | null
  amberTolerance: number | null
  /** Expected value by month ('YYYY-MM-01'). */
  trajectory: Array<{ month: string; value: number }>
  values: Array<{ month: string; value: number }>
}

/**
 * Impact RAG for one KPI as at a date: the latest value on or before it, against the trajectory's target for that
 * month (the latest target on or before it; the final target only when there is no trajectory), within an amber band.
 * Context-only measures are not rated.
 * @example kpiRag({ polarity: 'higher', targetValue: 80, amberTolerance: 5, trajectory: [], values: [{ month: '2014-06-01', value: 76 }] }, '2014-06-30')
 * // { rag: 'amber', rule: 'kpi-within-tolerance', ... }
 */
export function kpiRag(
  k: KpiForRag,
  asAt: string,
  cfg: RagConfig = DEFAULT_RAG_CONFIG,
): RagResult & { value?: number; expected?: number } {
  if (k.polarity === 'context') return { rag: 'grey', rule: 'kpi-context', reason: 'Context measure: not rated' }
  const latest = [...k.values]
    .filter((v) => v.month <= asAt)
    .sort((a, b) => a.month.localeCompare(b.month))
    .at(-1)
  if (!latest) return { rag: 'grey', rule: 'kpi-no-value', reason: `No value on or before ${formatDate(asAt)}` }
  // The trajectory steps: each target holds until the next one. Before it starts nothing is expected yet, so a value
  // then is not judged against the final target (which would read red from the first month).
  const steps = [...k.trajectory].sort((a, b) => a.month.localeCompare(b.month))
  const point = steps.filter((t) => t.month <= latest.month).at(-1)
  const before = `No target yet for ${latest.month.slice(0, 7)}: the trajectory starts in ${steps[0]?.month.slice(0, 7)}`
  if (!point && steps.length) return { rag: 'grey', rule: 'kpi-before-trajectory', reason: before, value: latest.value }
  const expected = point?.value ?? k.targetValue
  if (expected === null || expected === undefined)
    return { rag: 'grey', rule: 'kpi-no-target', reason: 'No target or trajectory', value: latest.value }
  const tolerance = k.amberTolerance ?? cfg.kpiAmberTolerance
  const shortfall = k.polarity === 'higher' ? expected - latest.value : latest.value - expected
  const against = point ? `trajectory ${expected} for ${latest.month.slice(0, 7)}` : `target ${expected}`
  const base = { value: latest.value, expected }
  if (shortfall <= 0)
    return { ...base, rag: 'green', rule: 'kpi-on-target', reason: `${latest.value} meets ${against}` }
  if (shortfall <= tolerance)
    return {
      ...base,
      rag: 'amber',
      rule: 'kpi-within-tolerance',
      reason: `${latest.value} misses ${against} by ${round(shortfall)}, within ${tolerance}`,
    }
  return {
    ...base,
    rag: 'red',
    rule: 'kpi-off-target',
    reason: `${latest.value} misses ${against} by ${round(shortfall)}, beyond ${tolerance}`,
  }
}

function round(n: number) {
  return Math.round(n * 100) / 100
}

/** Rule descriptions for the "how RAG is worked out" page and the report appendix. */
export function ragRulesDocumentation(cfg: RagConfig = DEFAULT_RAG_CONFIG) {
  return {
    delivery: DELIVERY_RULES.map((r) => ({
      id: r.id,
      rag: r.rag,
      description: r.description,
      enabled: !cfg.disabledRules.includes(r.id),
    })),
    impact: [
      {
        id: 'kpi-on-target',
        rag: 'green' as Rag,
        description:
          'Latest value meets the trajectory’s target for its month (the latest monthly target on or before it; the final target only when there is no trajectory).',
      },
      {
        id: 'kpi-within-tolerance',
        rag: 'amber' as Rag,
        description: `Misses it by no more than the amber tolerance (default ${cfg.kpiAmberTolerance}).`,
      },
      { id: 'kpi-off-target', rag: 'red' as Rag, description: 'Misses it by more than the amber tolerance.' },
      { id: 'kpi-no-value', rag: 'grey' as Rag, description: 'No value yet: not rated.' },
      { id: 'kpi-before-trajectory', rag: 'grey' as Rag, description: 'A month before the trajectory: not rated.' },
      { id: 'kpi-context', rag: 'grey' as Rag, description: 'Context measures are not rated.' },
    ],
    override: 'A person may set any colour with a reason; it shows as overridden, with the computed colour beside it.',
  }
}
