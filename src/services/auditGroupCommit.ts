import { desc, sql } from 'drizzle-orm'
import { auditEvent } from '../data/schema/core.ts'
import type { DbOrTx, Store } from '../data/store.ts'
import { auditHash, GENESIS_HASH, type AuditFields } from '../engine/audit/hashChain.ts'
import type { AuditInput } from './auditService.ts'

// Serialises writers so the chain never forks: a transaction-scoped advisory lock (PGlite has one connection anyway).
const AUDIT_LOCK = 7_300_521

/** At most this many events go into one transaction (one INSERT); a longer queue is written in turns. */
export const MAX_BATCH = 200

const toJson = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)))

/**
 * Appends events, in order, to the hash-chained audit trail: one lock, one read of the chain's head and one INSERT
 * whatever their number. Call it inside the transaction that makes the change.
 */
export async function appendAuditEvents(db: DbOrTx, inputs: AuditInput[]): Promise<void> {
  if (!inputs.length) return
  await db.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`)
  const [last] = await db.select({ hash: auditEvent.hash }).from(auditEvent).orderBy(desc(auditEvent.id)).limit(1)
  let prevHash = last?.hash ?? GENESIS_HASH
  // Stamped once the lock is held, as one event was: times never go backwards along the chain.
  const at = new Date().toISOString()
  const rows = inputs.map((input) => {
    const fields: AuditFields = {
      at,
      actorId: input.actor.id,
      actorName: input.actor.name,
      role: input.actor.role,
      action: input.action,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId === undefined ? null : String(input.subjectId),
      laCode: input.laCode ?? null,
      before: toJson(input.before),
      after: toJson(input.after),
      requestId: input.requestId ?? null,
    }
    const hash = auditHash(prevHash, fields)
    const row = { ...fields, at: new Date(at), prevHash, hash }
    prevHash = hash
    return row
  })
  // One multi-row INSERT gives the ids in the order of its rows, the order the hashes were chained in.
  await db.insert(auditEvent).values(rows)
}

/**
 * Group commit for events recorded on their own (page views, sign-outs): each call resolves once its event is stored,
 * and calls arriving while a write runs are written together in the next transaction, so fifty people opening LA pages
 * at once cost a few transactions rather than fifty that queue on the chain's lock. Order of arrival is kept; a failed
 * write fails every call in it (nothing is reported stored that was not).
 */
export function auditGroupCommit(store: Store) {
  let queue: { input: AuditInput; resolve: () => void; reject: (err: unknown) => void }[] = []
  let writing = false

  async function drain() {
    writing = true
    try {
      while (queue.length) {
        const batch = queue.slice(0, MAX_BATCH)
        queue = queue.slice(MAX_BATCH)
        try {
          await store.db.transaction((tx) =>
            appendAuditEvents(
              tx,
              batch.map((b) => b.input),
            ),
          )
          for (const b of batch) b.resolve()
        } catch (err) {
          for (const b of batch) b.reject(err)
        }
      }
    } finally {
      writing = false
    }
  }

  return (input: AuditInput): Promise<void> =>
    new Promise((resolve, reject) => {
      // An event that cannot be stored as JSON is refused on its own, not with the others it would be written with.
      let stored: AuditInput
      try {
        stored = { ...input, before: toJson(input.before), after: toJson(input.after) }
      } catch (err) {
        return reject(err)
      }
      queue.push({ input: stored, resolve, reject })
      if (!writing) void drain()
    })
}
