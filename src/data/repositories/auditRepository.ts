import { and, asc, desc, eq, gt, isNull, lt, sql, type SQL } from 'drizzle-orm'
import { auditCheckpoint } from '../schema/auditCheckpoint.ts'
import { auditEvent } from '../schema/core.ts'
import type { DbOrTx } from '../store.ts'
import type { AuditFields } from '../../engine/audit/hashChain.ts'

/**
 * Reads of the audit trail that stay the same size however long the trail grows: pages by keyset on the event id
 * (never OFFSET), and verification checkpoints (migration 0051) so a check reads only the events after the last one.
 */

export interface AuditRow extends AuditFields {
  id: number
  prevHash: string
  hash: string
}

export function toAuditRow(r: typeof auditEvent.$inferSelect): AuditRow {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    role: r.role,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    laCode: r.laCode,
    before: r.before,
    after: r.after,
    requestId: r.requestId,
    prevHash: r.prevHash,
    hash: r.hash,
  }
}

export interface AuditFilter {
  laCode?: string
  /** Actions starting with this text. */
  action?: string
}

/** Where a page starts: events older than `before`, or newer than `after` (ids); neither for the newest. */
export interface AuditCursor {
  before?: number
  after?: number
}

function filterSql(filter: AuditFilter): SQL[] {
  const where: SQL[] = []
  if (filter.laCode) where.push(eq(auditEvent.laCode, filter.laCode))
  if (filter.action) where.push(sql`${auditEvent.action} LIKE ${escapeLike(filter.action) + '%'}`)
  return where
}

/** `%` and `_` in a typed filter are the characters themselves, not wildcards. */
function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/**
 * One page of events, newest first, and the ids the next and previous pages start from (undefined when there is none).
 * Reads at most `size + 1` rows whatever the trail's length (the `la_code, id` index when filtered by LA).
 */
export async function auditEventsPage(db: DbOrTx, filter: AuditFilter, cursor: AuditCursor, size: number) {
  const where = filterSql(filter)
  const towardsNewer = cursor.after !== undefined && cursor.before === undefined
  if (cursor.before !== undefined) where.push(lt(auditEvent.id, cursor.before))
  else if (towardsNewer) where.push(gt(auditEvent.id, cursor.after!))
  const rows = await db
    .select()
    .from(auditEvent)
    .where(where.length ? and(...where) : undefined)
    .orderBy(towardsNewer ? asc(auditEvent.id) : desc(auditEvent.id))
    .limit(size + 1)
  const more = rows.length > size
  const page = rows.slice(0, size).map(toAuditRow)
  if (towardsNewer) page.reverse()
  const first = page[0]?.id
  const last = page.at(-1)?.id
  return {
    rows: page,
    // Going back towards newer events, there are newer ones if the page was full; going older, the cursor itself is newer.
    newerFrom: towardsNewer ? (more ? first : undefined) : cursor.before !== undefined ? first : undefined,
    olderFrom: towardsNewer ? last : more ? last : undefined,
  }
}

/** Up to `limit` events after the event `afterId` (0: from the first), oldest first, for checking the chain. */
export async function auditEventsAfter(db: DbOrTx, afterId: number, limit: number): Promise<AuditRow[]> {
  const rows = await db
    .select()
    .from(auditEvent)
    .where(gt(auditEvent.id, afterId))
    .orderBy(asc(auditEvent.id))
    .limit(limit)
  return rows.map(toAuditRow)
}

/** One event's hash, or undefined if there is no such event. */
export async function auditEventHash(db: DbOrTx, id: number): Promise<string | undefined> {
  const [row] = await db.select({ hash: auditEvent.hash }).from(auditEvent).where(eq(auditEvent.id, id))
  return row?.hash
}

export type AuditCheckpoint = typeof auditCheckpoint.$inferSelect
export type NewAuditCheckpoint = typeof auditCheckpoint.$inferInsert

/** The newest checkpoint of a good check (of either kind): where an incremental check starts. */
export async function latestGoodCheckpoint(db: DbOrTx): Promise<AuditCheckpoint | undefined> {
  const [row] = await db
    .select()
    .from(auditCheckpoint)
    .where(isNull(auditCheckpoint.breakId))
    .orderBy(desc(auditCheckpoint.id))
    .limit(1)
  return row
}

/** The newest full verification, good or not. */
export async function latestFullCheckpoint(db: DbOrTx): Promise<AuditCheckpoint | undefined> {
  const [row] = await db
    .select()
    .from(auditCheckpoint)
    .where(eq(auditCheckpoint.kind, 'full'))
    .orderBy(desc(auditCheckpoint.id))
    .limit(1)
  return row
}

export async function saveCheckpoint(db: DbOrTx, checkpoint: NewAuditCheckpoint): Promise<void> {
  await db.insert(auditCheckpoint).values(checkpoint)
}
