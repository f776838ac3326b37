import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import type { PGlite } from '@electric-sql/pglite'
import type pg from 'pg'
import * as schema from '../../src/data/schema/index.ts'
import type { Db, Store } from '../../src/data/store.ts'
import { auditHash, GENESIS_HASH, type AuditFields } from '../../src/engine/audit/hashChain.ts'

/**
 * A long audit trail and a long plan history, made fast (COPY), for the growth test and `npm run bench:audit`: the
 * events are chained with the same hash as recordAudit (engine/audit/hashChain.ts), continuing from the trail's head.
 */

/**
 * The LA an event is about, by the id it will get: one in ten is Birmingham (330, the LA the growth test filters by),
 * the rest spread over 150 other codes, as a national trail spreads over 153 councils. (With three LAs a third each, a
 * planner with statistics rightly walks the id index and skips two in three rows; no real trail is shaped like that.)
 */
function laFor(id: number) {
  return id % 10 === 0 ? '330' : String(800 + (id % 150))
}
const BASE = Date.parse('2025-01-01T00:00:00.000Z')

const csvText = (v: string | null) => (v === null ? '' : `"${v.replace(/"/g, '""')}"`)

/** Appends `n` chained events after the current head; returns the new head, the last id and the number of events. */
export async function appendSyntheticAudit(store: Store, n: number) {
  const [last] = await store.query<{ id: number; hash: string }>(
    'SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1',
  )
  let prev = last?.hash ?? GENESIS_HASH
  const lines: string[] = []
  for (let i = 0; i < n; i++) {
    const fields: AuditFields = {
      at: new Date(BASE + ((last?.id ?? 0) + i) * 60_000).toISOString(),
      actorId: null,
      actorName: 'growth',
      role: null,
      action: 'growth.event',
      subjectType: 'thing',
      subjectId: String(i),
      // By the id the event will get, so the newest events' LAs fall the same way whatever the trail's length.
      laCode: laFor((last?.id ?? 0) + 1 + i),
      before: null,
      after: null,
      requestId: null,
    }
    const hash = auditHash(prev, fields)
    lines.push(
      [fields.at, '', 'growth', '', fields.action, 'thing', fields.subjectId, fields.laCode, '', '', '', prev, hash]
        .map((v) => (v === '' ? '' : csvText(v)))
        .join(','),
    )
    prev = hash
  }
  const columns = 'at actor_id actor_name role action subject_type subject_id la_code before after request_id'
  await store.copyCsv('audit_event', [...columns.split(' '), 'prev_hash', 'hash'], lines.join('\n') + '\n')
  const [head] = await store.query<{ id: number; hash: string; n: number }>(
    'SELECT id, hash, (SELECT count(*) FROM audit_event) AS n FROM audit_event ORDER BY id DESC LIMIT 1',
  )
  return { lastId: head.id, head: head.hash, count: Number(head.n) }
}

/** A plan (in LA 331, Coventry, added to the register if the store has none) with no history yet; its id. */
export async function addPlan(store: Store): Promise<number> {
  await store.query(
    `INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current)
     VALUES ('331', 'E08000026', 'Coventry', 'West Midlands', 'Metropolitan district', true) ON CONFLICT DO NOTHING`,
  )
  const [row] = await store.query<{ id: number }>(
    `INSERT INTO plan (la_code, title) VALUES ('331', 'Growth plan') RETURNING id`,
  )
  return row.id
}

/** Appends `n` history rows to the plan: each an action's title changed, a minute apart, so none merge. */
export async function appendPlanHistory(store: Store, planId: number, n: number) {
  const [{ count }] = await store.query<{ count: number }>('SELECT count(*) AS count FROM plan_history')
  const lines: string[] = []
  for (let i = 0; i < n; i++) {
    const k = Number(count) + i
    const at = new Date(BASE + k * 60_000).toISOString()
    const before = JSON.stringify({ id: 1, title: `Action title ${k}` })
    const after = JSON.stringify({ id: 1, title: `Action title ${k + 1}` })
    lines.push(
      [planId, '331', 'action', 1, k + 2, 'update', 'growth', at, before, after]
        .map((v) => csvText(String(v)))
        .join(','),
    )
  }
  const columns = 'plan_id la_code subject_type subject_id version action actor_name at before after'.split(' ')
  await store.copyCsv('plan_history', columns, lines.join('\n') + '\n')
}

/** The store with a second Drizzle instance over the same connection that logs every statement it sends. */
export function loggedStore(store: Store) {
  const log: Array<{ sql: string; params: unknown[] }> = []
  const logger = { logQuery: (sql: string, params: unknown[]) => void log.push({ sql, params }) }
  const client = (store.db as unknown as { $client: unknown }).$client
  const db = (store.kind === 'pglite'
    ? drizzlePglite(client as PGlite, { schema, logger })
    : drizzlePg(client as pg.Pool, { schema, logger })) as unknown as Db
  return { store: { ...store, db } as Store, log }
}

interface PlanNode {
  'Relation Name'?: string
  'Actual Rows'?: number
  'Actual Loops'?: number
  'Rows Removed by Filter'?: number
  Plans?: PlanNode[]
}

/**
 * Rows the database read from each table to answer the logged SELECTs (EXPLAIN ANALYZE: rows each scan returned plus
 * rows its filter removed, times its loops). Run right after the request, on the same data and planner settings.
 */
export async function rowsRead(store: Store, log: Array<{ sql: string; params: unknown[] }>) {
  const byTable: Record<string, number> = {}
  const walk = (node: PlanNode) => {
    const loops = node['Actual Loops'] ?? 1
    if (node['Relation Name'])
      byTable[node['Relation Name']] =
        (byTable[node['Relation Name']] ?? 0) +
        ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * loops
    for (const child of node.Plans ?? []) walk(child)
  }
  // A `SET LOCAL` the code sent before a statement (a planner setting for its transaction) is sent again before its EXPLAIN.
  let settings: string[] = []
  for (const { sql, params } of log) {
    if (/^\s*set local /i.test(sql)) settings.push(sql)
    if (!/^\s*select/i.test(sql)) continue
    const [row] = await store.rawTransaction(async (q) => {
      for (const setting of settings) await q.query(setting)
      return q.query<Record<string, unknown>>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params)
    })
    settings = []
    const raw = Object.values(row)[0]
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>
    walk(plan[0].Plan)
  }
  return byTable
}
