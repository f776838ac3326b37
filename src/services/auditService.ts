import fs from 'node:fs'
import { desc, sql } from 'drizzle-orm'
import {
  auditEventsPage,
  toAuditRow,
  type AuditCursor,
  type AuditFilter,
  type AuditRow,
} from '../data/repositories/auditRepository.ts'
import { auditEvent } from '../data/schema/core.ts'
import type { DbOrTx, Store } from '../data/store.ts'
import { formatAnchor, parseAnchors, type AuditAnchor } from '../engine/audit/anchors.ts'
import { appendAuditEvents, auditGroupCommit } from './auditGroupCommit.ts'
import { checkSinceCheckpoint, verifyWholeTrail, type FullVerification, type RecentCheck } from './auditVerification.ts'

export type { AuditRow } from '../data/repositories/auditRepository.ts'

/** Who did something: a signed-in user, or the system (CLI, loader, seed). */
export interface Actor {
  id: number | null
  name: string
  role: string | null
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: null }

export interface AuditInput {
  actor: Actor
  action: string
  subjectType?: string
  subjectId?: string | number
  laCode?: string | null
  before?: unknown
  after?: unknown
  requestId?: string
}

/**
 * Appends one event to the hash-chained audit trail. Call it inside the transaction that makes the change.
 * @example await recordAudit(tx, { actor, action: 'plan.action.update', subjectType: 'action', subjectId: 12, laCode: '330', before, after })
 */
export async function recordAudit(db: DbOrTx, input: AuditInput): Promise<void> {
  await appendAuditEvents(db, [input])
}

/**
 * The audit trail. `anchorFile` (DATA_DIR/audit-anchors.jsonl) is an append-only file outside the store: `anchor()`
 * appends the chain's head to it (the server every few minutes and at shutdown, `sightline audit verify` after a good
 * check), and `verify()` compares the trail with every anchor, so deleted newest events or a rewritten chain show.
 * `checkRecent()` is the audit page's check: only the events since the last verified checkpoint, and the newest anchor.
 */
export function auditService(store: Store, options: { anchorFile?: string; recentCap?: number } = {}) {
  const readAnchors = (): { anchors: AuditAnchor[]; badLines: number[] } => {
    if (!options.anchorFile || !fs.existsSync(options.anchorFile)) return { anchors: [], badLines: [] }
    return parseAnchors(fs.readFileSync(options.anchorFile, 'utf8'))
  }
  return {
    /** Records an event on its own (a page view, a sign-out): written with others arriving together (group commit). */
    record: auditGroupCommit(store),
    list: (listOptions: ListOptions = {}) => listAudit(store, listOptions),
    /** One page of events, newest first, by keyset on the event id; the ids the newer and older pages start from. */
    page: (filter: AuditFilter, cursor: AuditCursor, size = 50) => auditEventsPage(store.db, filter, cursor, size),
    /**
     * Checks the whole chain from its first event and every anchor; returns the events and anchors checked and the first
     * break, if any, and records the outcome as a checkpoint.
     */
    verify: (): Promise<FullVerification> => verifyWholeTrail(store.db, readAnchors),
    /** Checks the events since the newest verified checkpoint (at most `recentCap`, default 2,000) and the newest anchor. */
    checkRecent: (): Promise<RecentCheck> =>
      checkSinceCheckpoint(store.db, {
        cap: options.recentCap ?? RECENT_CAP,
        newestAnchor: () => (options.anchorFile ? newestAnchor(options.anchorFile) : undefined),
      }),
    /** Appends the chain's head to the anchor file, unless it is already the newest anchor. Returns what it wrote. */
    async anchor(): Promise<AuditAnchor | null> {
      if (!options.anchorFile) return null
      const [head] = await store.db
        .select({
          lastId: auditEvent.id,
          hash: auditEvent.hash,
          count: sql<number>`(SELECT count(*) FROM audit_event)`,
        })
        .from(auditEvent)
        .orderBy(desc(auditEvent.id))
        .limit(1)
      if (!head) return null
      const last = newestAnchor(options.anchorFile)
      if (last && !('badLine' in last) && last.lastId === head.lastId && last.head === head.hash) return null
      const anchor = { at: new Date().toISOString(), count: Number(head.count), lastId: head.lastId, head: head.hash }
      fs.appendFileSync(options.anchorFile, formatAnchor(anchor), { mode: 0o600 })
      return anchor
    },
  }
}

/** Events one view of the audit page hashes at most: about 0.15 s; a longer backlog is caught up over later views. */
const RECENT_CAP = 2_000

/** The anchor file's newest anchor, read from its last few kilobytes (the file only grows), or its last line if bad. */
function newestAnchor(file: string): AuditAnchor | { badLine: true } | undefined {
  if (!fs.existsSync(file)) return undefined
  const fd = fs.openSync(file, 'r')
  try {
    const size = fs.fstatSync(fd).size
    const length = Math.min(size, 4096)
    const buffer = Buffer.alloc(length)
    fs.readSync(fd, buffer, 0, length, size - length)
    const lines = buffer.toString('utf8').split('\n')
    if (length < size) lines.shift() // the first line may be cut
    const last = lines.filter((l) => l.trim()).at(-1)
    if (last === undefined) return undefined
    const { anchors } = parseAnchors(last)
    return anchors[0] ?? { badLine: true }
  } finally {
    fs.closeSync(fd)
  }
}

interface ListOptions {
  limit?: number
  offset?: number
  laCode?: string
  action?: string
}

async function listAudit(store: Store, options: ListOptions): Promise<AuditRow[]> {
  const where = []
  if (options.laCode) where.push(sql`${auditEvent.laCode} = ${options.laCode}`)
  if (options.action) where.push(sql`${auditEvent.action} LIKE ${options.action + '%'}`)
  const rows = await store.db
    .select()
    .from(auditEvent)
    .where(where.length ? sql.join(where, sql` AND `) : undefined)
    .orderBy(desc(auditEvent.id))
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0)
  return rows.map(toAuditRow)
}
