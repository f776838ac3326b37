import { and, asc, desc, eq, getTableColumns, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import * as t from '../schema/plans.ts'
import { appUser } from '../schema/core.ts'
import type { DbOrTx } from '../store.ts'

/**
 * Versioned plan records: every editable table has `version` and the archive columns. Writes go through here so that
 * optimistic concurrency and the version history (plan_history) work the same way for every record type.
 */
export const VERSIONED_TABLES = {
  report: t.importedReport,
  plan: t.plan,
  item: t.planItem,
  analysis: t.issueAnalysis,
  objective: t.objective,
  action: t.planAction,
  milestone: t.milestone,
  evidence: t.evidence,
  kpi: t.kpi,
  kpiValue: t.kpiValue,
  commitment: t.commitment,
  submission: t.submission,
  comment: t.planComment,
} as const
export type SubjectType = keyof typeof VERSIONED_TABLES

/** Human names for subject types, for timelines and messages. */
export const SUBJECT_LABELS: Record<SubjectType, string> = {
  report: 'Ofsted report',
  plan: 'plan',
  item: 'plan item',
  analysis: 'underlying issues',
  objective: 'objective',
  action: 'action',
  milestone: 'milestone',
  evidence: 'evidence',
  kpi: 'KPI',
  kpiValue: 'KPI value',
  commitment: 'commitment',
  submission: 'submission',
  comment: 'comment',
}

export type Row = Record<string, unknown> & { id: number; version: number; archivedAt?: Date | null }

export interface HistoryEntry {
  planId: number | null
  laCode: string
  subjectType: SubjectType
  subjectId: number
  version: number
  action: string
  actorId: number | null
  actorName: string
  at?: Date
  before: unknown
  after: unknown
}

// Drizzle's table generics do not survive a lookup by key; the casts stay inside this file.
/* eslint-disable @typescript-eslint/no-explicit-any */
const table = (type: SubjectType) => VERSIONED_TABLES[type] as unknown as PgTable & { id: any; version: any }

/** The row as plain JSON for history and audit: dates as ISO strings, no file bytes. */
export function plain(row: Record<string, unknown> | undefined | null): Record<string, unknown> | null {
  if (!row) return null
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(row)) {
    if (k === 'bytes') continue
    out[k] = v instanceof Date ? v.toISOString() : v
  }
  return out
}

export async function findRow(db: DbOrTx, type: SubjectType, id: number, lock = false): Promise<Row | undefined> {
  const tb = table(type)
  const q = (db as any).select().from(tb).where(eq(tb.id, id))
  const [row] = await (lock ? q.for('update') : q)
  return row as Row | undefined
}

export async function insertRow(db: DbOrTx, type: SubjectType, values: Record<string, unknown>): Promise<Row> {
  const [row] = await (db as any).insert(table(type)).values(values).returning()
  return row as Row
}

/** Updates only when the stored version is still `version`; returns undefined when someone else saved first. */
export async function updateRowIfVersion(
  db: DbOrTx,
  type: SubjectType,
  id: number,
  version: number,
  patch: Record<string, unknown>,
): Promise<Row | undefined> {
  const tb = table(type)
  const [row] = await (db as any)
    .update(tb)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(tb.id, id), eq(tb.version, version)))
    .returning()
  return row as Row | undefined
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export async function insertHistory(db: DbOrTx, e: HistoryEntry) {
  await db.insert(t.planHistory).values({ ...e, before: e.before ?? null, after: e.after ?? null })
}

/** History rows name the person who acted (their display name), not their username. */
const historyColumns = {
  ...getTableColumns(t.planHistory),
  actorName: sql<string>`coalesce(${appUser.displayName}, ${t.planHistory.actorName})`,
}

export async function historyOf(db: DbOrTx, type: SubjectType, id: number) {
  return db
    .select(historyColumns)
    .from(t.planHistory)
    .leftJoin(appUser, eq(appUser.id, t.planHistory.actorId))
    .where(and(eq(t.planHistory.subjectType, type), eq(t.planHistory.subjectId, id)))
    .orderBy(asc(t.planHistory.id))
}

export async function planTimeline(db: DbOrTx, planId: number) {
  return db
    .select(historyColumns)
    .from(t.planHistory)
    .leftJoin(appUser, eq(appUser.id, t.planHistory.actorId))
    .where(eq(t.planHistory.planId, planId))
    .orderBy(asc(t.planHistory.at), asc(t.planHistory.id))
}

/** Where a page of a plan's history starts: rows older than `before`, or newer than `after` (history ids). */
export interface HistoryCursor {
  before?: number
  after?: number
}

/**
 * One page of a plan's history, newest first by (at, id), and the history ids the newer and older pages start from.
 * Keyset on (at, id) with the `plan_id, at, id` index (migration 0051): at most `size + 1` rows, however long the history.
 */
export async function planTimelinePage(db: DbOrTx, planId: number, cursor: HistoryCursor, size: number) {
  const { at, id } = t.planHistory
  const towardsNewer = cursor.after !== undefined && cursor.before === undefined
  const from = (ref: number) => sql`(SELECT h.at, h.id FROM plan_history h WHERE h.id = ${ref})`
  const where = [eq(t.planHistory.planId, planId)]
  if (cursor.before !== undefined) where.push(sql`(${at}, ${id}) < ${from(cursor.before)}`)
  else if (towardsNewer) where.push(sql`(${at}, ${id}) > ${from(cursor.after!)}`)
  // PGlite never runs ANALYZE: without statistics its planner guesses a plan has a handful of history rows, reads them
  // all and sorts them. Forbidding the sort (for this transaction only) makes it walk the index and stop after a page.
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_sort = off`)
    return tx
      .select(historyColumns)
      .from(t.planHistory)
      .leftJoin(appUser, eq(appUser.id, t.planHistory.actorId))
      .where(and(...where))
      .orderBy(...(towardsNewer ? [asc(at), asc(id)] : [desc(at), desc(id)]))
      .limit(size + 1)
  })
  const more = rows.length > size
  const page = rows.slice(0, size)
  if (towardsNewer) page.reverse()
  return {
    rows: page,
    newerFrom: towardsNewer ? (more ? page[0]?.id : undefined) : cursor.before !== undefined ? page[0]?.id : undefined,
    olderFrom: towardsNewer || more ? page.at(-1)?.id : undefined,
  }
}

/** The plan and LA a record belongs to, for scope checks and history. */
export async function scopeOf(
  db: DbOrTx,
  type: SubjectType,
  id: number,
): Promise<{ planId: number | null; laCode: string } | undefined> {
  const q = (text: string) => db.execute(sql`${sql.raw(text.replace(' $ID', ''))} ${id}`)
  const viaItem = (from: string) =>
    `SELECT p.id AS plan_id, p.la_code FROM ${from} JOIN plan_item i ON i.id = x.item_id JOIN plan p ON p.id = i.plan_id WHERE x.id = $ID`
  const sqlByType: Record<SubjectType, string> = {
    report: 'SELECT NULL::integer AS plan_id, la_code FROM imported_report WHERE id = $ID',
    plan: 'SELECT id AS plan_id, la_code FROM plan WHERE id = $ID',
    item: 'SELECT p.id AS plan_id, p.la_code FROM plan_item x JOIN plan p ON p.id = x.plan_id WHERE x.id = $ID',
    analysis: viaItem('issue_analysis x'),
    objective: viaItem('objective x'),
    action: viaItem('plan_action x'),
    milestone:
      'SELECT p.id AS plan_id, p.la_code FROM milestone m JOIN plan_action x ON x.id = m.action_id JOIN plan_item i ON i.id = x.item_id JOIN plan p ON p.id = i.plan_id WHERE m.id = $ID',
    evidence: viaItem('evidence x'),
    kpi: 'SELECT p.id AS plan_id, p.la_code FROM kpi x JOIN plan p ON p.id = x.plan_id WHERE x.id = $ID',
    kpiValue:
      'SELECT p.id AS plan_id, p.la_code FROM kpi_value v JOIN kpi x ON x.id = v.kpi_id JOIN plan p ON p.id = x.plan_id WHERE v.id = $ID',
    commitment: 'SELECT p.id AS plan_id, p.la_code FROM commitment x JOIN plan p ON p.id = x.plan_id WHERE x.id = $ID',
    submission: 'SELECT p.id AS plan_id, p.la_code FROM submission x JOIN plan p ON p.id = x.plan_id WHERE x.id = $ID',
    comment: 'SELECT p.id AS plan_id, p.la_code FROM plan_comment x JOIN plan p ON p.id = x.plan_id WHERE x.id = $ID',
  }
  const result = (await q(sqlByType[type])) as unknown as
    { rows?: Array<{ plan_id: number | null; la_code: string }> } | Array<{ plan_id: number | null; la_code: string }>
  const rows = Array.isArray(result) ? result : (result.rows ?? [])
  return rows[0] ? { planId: rows[0].plan_id, laCode: rows[0].la_code } : undefined
}
