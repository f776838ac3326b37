import crypto from 'node:crypto'

/** The fields of an audit event that its hash covers. */
export interface AuditFields {
  at: string
  actorId: number | null
  actorName: string
  role: string | null
  action: string
  subjectType: string | null
  subjectId: string | null
  laCode: string | null
  before: unknown
  after: unknown
  requestId: string | null
}

export const GENESIS_HASH = '0'.repeat(64)

/** Deterministic JSON: object keys sorted at every depth, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * Hash of one audit event chained to the previous event's hash.
 * @example auditHash(GENESIS_HASH, event) // '3f1c…' (64 hex characters)
 */
export function auditHash(prevHash: string, fields: AuditFields): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex')
}

export interface ChainBreak {
  id: number
  reason: string
}

/**
 * Walks events in id order and returns the first break in the chain, if any. `start` is the hash the first event must
 * follow: the genesis hash for the whole trail, or a verified checkpoint's head to check only the events after it.
 */
export function verifyChain(
  events: Array<AuditFields & { id: number; prevHash: string; hash: string }>,
  start = GENESIS_HASH,
): ChainBreak | undefined {
  let prev = start
  for (const e of events) {
    if (e.prevHash !== prev) return { id: e.id, reason: 'its previous-hash does not match the event before it' }
    const { id: _id, prevHash: _p, hash, ...fields } = e
    if (auditHash(prev, fields) !== hash)
      return { id: e.id, reason: 'its content does not match its hash (changed after it was written)' }
    prev = hash
  }
  return undefined
}
