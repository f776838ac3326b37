import type { ChainBreak } from './hashChain.ts'

/**
 * An anchor: the audit chain's head as it stood at a moment, written to an append-only file outside the store. The
 * hash chain alone cannot show that its newest events were deleted, or that an event was edited and every later hash
 * recomputed; an anchor written before the tampering can.
 */
export interface AuditAnchor {
  at: string
  /** Events in the trail when anchored. */
  count: number
  /** The newest event's id and hash. */
  lastId: number
  head: string
}

export function formatAnchor(anchor: AuditAnchor): string {
  return `${JSON.stringify(anchor)}\n`
}

/** Reads the anchor file's lines; a line that is not an anchor is reported by its number, never skipped silently. */
export function parseAnchors(text: string): { anchors: AuditAnchor[]; badLines: number[] } {
  const anchors: AuditAnchor[] = []
  const badLines: number[] = []
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return
    try {
      const a = JSON.parse(line) as Partial<AuditAnchor>
      const ok =
        typeof a.at === 'string' &&
        Number.isInteger(a.count) &&
        Number.isInteger(a.lastId) &&
        typeof a.head === 'string' &&
        /^[0-9a-f]{64}$/.test(a.head)
      if (ok) anchors.push(a as AuditAnchor)
      else badLines.push(i + 1)
    } catch {
      badLines.push(i + 1)
    }
  })
  return { anchors, badLines }
}

/** Compares the trail (events in id order) with every anchor; returns the first disagreement. */
export function checkAnchors(
  anchors: AuditAnchor[],
  events: Array<{ id: number; hash: string }>,
): ChainBreak | undefined {
  const position = new Map(events.map((e, i) => [e.id, i]))
  for (const a of anchors) {
    const i = position.get(a.lastId)
    const when = `anchored at ${a.at} with ${a.count} events`
    if (i === undefined)
      return { id: a.lastId, reason: `it is missing: the trail was ${when} ending with it (events deleted)` }
    if (events[i].hash !== a.head)
      return { id: a.lastId, reason: `its hash differs from the one ${when} (the trail was rewritten)` }
    if (i + 1 !== a.count)
      return { id: a.lastId, reason: `${i + 1} events lead up to it, but the trail was ${when} (events deleted)` }
  }
  return undefined
}
