import { formatDate } from '../dates.ts'

/**
 * The kinds of event on an LA's interventions register (domain.md §3), declared once. Two facts run side by side and
 * each event moves at most one of them:
 * - `starts`/`ends` the **intervention** in force (adviser and support, improvement notice, statutory direction);
 * - `delivery` sets the **delivery arrangement** (in-house, a trust or other alternative delivery model, a partner
 *   council), which can outlive the intervention (Birmingham's trust still delivers after the direction was revoked).
 */
export const EVENT_KINDS = {
  'adviser-appointed': { label: 'Improvement adviser appointed', starts: 'support' },
  'adviser-withdrawn': { label: 'Improvement adviser withdrawn', ends: ['support'] },
  'improvement-notice-issued': { label: 'Improvement notice issued', starts: 'improvement-notice' },
  'improvement-notice-lifted': { label: 'Improvement notice lifted', ends: ['improvement-notice'] },
  'direction-issued': { label: 'Statutory direction issued', starts: 'statutory-direction' },
  'direction-replaced': { label: 'Statutory direction replaced', starts: 'statutory-direction' },
  'direction-revoked': { label: 'Statutory direction revoked', ends: ['statutory-direction'] },
  'intervention-lifted': {
    label: 'Decision: no intervention (everything in force lifted)',
    ends: ['support', 'improvement-notice', 'statutory-direction'],
  },
  'commissioner-appointed': { label: 'Commissioner appointed' },
  'commissioner-finds-no-capacity': { label: 'Commissioner reports the council lacks the capacity to improve' },
  'expert-panel-appointed': { label: 'Expert panel appointed' },
  'improvement-board-established': { label: 'Improvement board established' },
  'partner-council-assigned': { label: 'Improvement partner council (sector-led support)' },
  'alternative-delivery-decided': { label: 'Decision: services to move to an alternative delivery model' },
  'alternative-delivery-live': {
    label: 'Services move to a trust or other alternative delivery model',
    delivery: 'trust',
  },
  'partner-council-delivery-live': { label: 'Services delivered by a partner council', delivery: 'partner-council' },
  'delivery-returned-in-house': { label: 'Services return to the council (in-house)', delivery: 'in-house' },
  'monitoring-visit': { label: 'Ofsted monitoring visit' },
} as const satisfies Record<string, EventDefinition>

interface EventDefinition {
  label: string
  starts?: InterventionInForce
  ends?: readonly InterventionInForce[]
  delivery?: DeliveryArrangement
}

export type EventKind = keyof typeof EVENT_KINDS
export type InterventionInForce = 'none' | 'support' | 'improvement-notice' | 'statutory-direction'
export type DeliveryArrangement = 'in-house' | 'trust' | 'partner-council'

export const INTERVENTION_LABELS: Record<InterventionInForce, string> = {
  none: 'No intervention in force',
  support: 'Improvement adviser and support',
  'improvement-notice': 'Improvement notice',
  'statutory-direction': 'Statutory direction with a commissioner',
}
export const DELIVERY_LABELS: Record<DeliveryArrangement, string> = {
  'in-house': 'Services delivered by the council (in-house)',
  trust: 'Services delivered by a trust',
  'partner-council': 'Services delivered by a partner council',
}

export interface RegisterEvent {
  id: number
  kind: EventKind
  date: string
  title?: string
}

/** A person holding a role at the LA, from the directory (used to name the commissioner under a direction). */
export interface RoleHolder {
  name: string
  role: string
  startDate: string
  endDate: string | null
}

export interface Standing {
  date: string
  intervention: {
    kind: InterventionInForce
    /** The event that started it (or, for none, the one that ended the last; null if nothing was ever recorded). */
    since: string | null
    event: string | null
    commissioner: string | null
  }
  delivery: { kind: DeliveryArrangement; since: string | null; event: string | null }
}

const RANK: Record<InterventionInForce, number> = {
  none: 0,
  support: 1,
  'improvement-notice': 2,
  'statutory-direction': 3,
}

function definition(kind: EventKind): EventDefinition {
  return EVENT_KINDS[kind] as EventDefinition
}

/**
 * The two facts on a date, from the register: the intervention in force and the delivery arrangement. A stronger
 * intervention supersedes a weaker one (a direction supersedes the notice it follows); a weaker one issued while a
 * stronger is in force does not step it down; an ending event ends only what it names. Events on the same date apply
 * in the order recorded.
 * @example standingOn([{ id: 1, kind: 'direction-issued', date: '2014-03-27' }], '2014-05-23').intervention.kind // 'statutory-direction'
 */
export function standingOn(events: RegisterEvent[], date: string, people: RoleHolder[] = []): Standing {
  const past = events.filter((e) => e.date <= date).sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id)
  let intervention: Standing['intervention'] = { kind: 'none', since: null, event: null, commissioner: null }
  let delivery: Standing['delivery'] = { kind: 'in-house', since: null, event: null }
  for (const e of past) {
    const def = definition(e.kind)
    const title = e.title ?? def.label
    if (def.starts && (RANK[def.starts] >= RANK[intervention.kind] || intervention.kind === 'none'))
      intervention = { kind: def.starts, since: e.date, event: title, commissioner: null }
    else if (def.ends?.includes(intervention.kind))
      intervention = { kind: 'none', since: e.date, event: title, commissioner: null }
    if (def.delivery) delivery = { kind: def.delivery, since: e.date, event: title }
  }
  if (intervention.kind === 'statutory-direction')
    intervention.commissioner =
      people
        .filter((p) => /commissioner/i.test(p.role) && p.startDate <= date && (!p.endDate || p.endDate >= date))
        .sort((a, b) => b.startDate.localeCompare(a.startDate))[0]?.name ?? null
  return { date, intervention, delivery }
}

/** The old single status, for callers that need one word: the intervention in force. */
export function statusOn(events: RegisterEvent[], date: string): InterventionInForce {
  return standingOn(events, date).intervention.kind
}

/** For an ending event (lifted, revoked, withdrawn): the message if nothing it could end was issued on or before its date. */
export function endingProblem(kind: EventKind, date: string, events: RegisterEvent[]): string | undefined {
  const def = definition(kind)
  if (!def.ends || kind === 'intervention-lifted') return undefined
  const startsIt = (e: RegisterEvent) => def.ends!.includes(definition(e.kind).starts ?? 'none')
  const issued = events.filter(startsIt)
  const what = INTERVENTION_LABELS[def.ends[0]].toLowerCase()
  if (!issued.length) return `${def.label}: no ${what} is recorded for this local authority`
  const earliest = issued.map((e) => e.date).sort()[0]
  if (date < earliest)
    return `${def.label} on ${formatDate(date)} is before the ${what} started (${formatDate(earliest)})`
  return undefined
}

/**
 * The two facts in words, as every page shows them.
 * @example describeStanding(standing) // { intervention: 'No intervention in force (since 26 May 2023: ...)', delivery: 'Services delivered by a trust since 1 April 2018 (...)' }
 */
export function describeStanding(s: Standing) {
  const i = s.intervention
  const d = s.delivery
  const intervention =
    i.kind === 'none'
      ? i.since
        ? `${INTERVENTION_LABELS.none} (since ${formatDate(i.since)}: ${i.event})`
        : `${INTERVENTION_LABELS.none} (none recorded)`
      : `${INTERVENTION_LABELS[i.kind]}${i.commissioner ? ` (commissioner: ${i.commissioner})` : ''} since ${formatDate(i.since)} (${i.event})`
  const delivery = d.since
    ? `${DELIVERY_LABELS[d.kind]} since ${formatDate(d.since)} (${d.event})`
    : DELIVERY_LABELS[d.kind]
  return { intervention, delivery }
}
