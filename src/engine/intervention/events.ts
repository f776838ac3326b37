/** The kinds of event on an LA's interventions register (domain.md §3), declared once. */
export const EVENT_KINDS = {
  'adviser-appointed': { label: 'Improvement adviser appointed', rung: 'support' },
  'improvement-notice-issued': { label: 'Improvement notice issued', rung: 'improvement-notice' },
  'improvement-notice-lifted': { label: 'Improvement notice lifted', ends: 'improvement-notice-issued' },
  'direction-issued': { label: 'Statutory direction issued', rung: 'statutory-direction' },
  'direction-replaced': {
    label: 'Statutory direction replaced',
    ends: 'direction-issued',
    rung: 'statutory-direction',
  },
  'direction-revoked': { label: 'Statutory direction revoked', ends: 'direction-issued' },
  'commissioner-appointed': { label: 'Commissioner appointed' },
  'expert-panel-appointed': { label: 'Expert panel appointed' },
  'improvement-board-established': { label: 'Improvement board established' },
  'partner-council-assigned': { label: 'Partner council (sector-led improvement)' },
  'alternative-delivery-live': { label: 'Alternative delivery model or trust goes live', rung: 'alternative-delivery' },
  'monitoring-visit': { label: 'Ofsted monitoring visit' },
} as const satisfies Record<string, { label: string; rung?: string; ends?: string }>

export type EventKind = keyof typeof EVENT_KINDS

export interface RegisterEvent {
  id: number
  kind: EventKind
  date: string
}

/**
 * The LA's intervention status on a date, from its register: the highest rung whose event has happened and has not
 * been ended (a notice lifted, a direction revoked).
 * @example statusOn([{ id: 1, kind: 'direction-issued', date: '2014-03-27' }], '2014-05-23') // 'statutory-direction'
 */
export function statusOn(
  events: RegisterEvent[],
  date: string,
): 'none' | 'support' | 'improvement-notice' | 'statutory-direction' | 'alternative-delivery' {
  const past = events.filter((e) => e.date <= date).sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id)
  const active = new Set<string>()
  for (const e of past) {
    const def = EVENT_KINDS[e.kind] as { rung?: string; ends?: string }
    if (def.ends) active.delete(def.ends)
    if (def.rung) active.add(e.kind === 'direction-replaced' ? 'direction-issued' : e.kind)
  }
  const order = [
    'alternative-delivery-live',
    'direction-issued',
    'improvement-notice-issued',
    'adviser-appointed',
  ] as const
  const top = order.find((k) => active.has(k))
  return top ? (EVENT_KINDS[top].rung as ReturnType<typeof statusOn>) : 'none'
}

/** For an ending event (lifted, revoked, replaced): the message if nothing it could end was issued on or before its date. */
export function endingProblem(kind: EventKind, date: string, events: RegisterEvent[]): string | undefined {
  const def = EVENT_KINDS[kind] as { ends?: EventKind; label: string }
  if (!def.ends) return undefined
  const issued = events.filter(
    (e) => e.kind === def.ends || (def.ends === 'direction-issued' && e.kind === 'direction-replaced'),
  )
  if (!issued.length)
    return `${def.label}: no ${EVENT_KINDS[def.ends].label.toLowerCase()} is recorded for this local authority`
  const earliest = issued.map((e) => e.date).sort()[0]
  if (date < earliest)
    return `${def.label} on ${date} is before the ${EVENT_KINDS[def.ends].label.toLowerCase().replace(' issued', '')} was issued (${earliest})`
  return undefined
}
