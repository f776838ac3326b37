/**
 * Casework ingest: an LA user uploads returns (Birmingham's simulated SSDA903 files) through the upload form, and the
 * status page says when its snapshot is current. An upload acknowledged as current must survive a kill; an upload
 * killed part-way must leave the previous snapshot current and nothing of itself visible.
 * The casework store is a DuckDB file per LA in the data directory (whichever operational store is used); it is read
 * here read-only, with its own SQL, between the kill and the next start.
 */
import fs from 'node:fs'
import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { ENTITY_NAMES, tableName } from '../../src/engine/casework/model.ts'
import { getText, log, sleep, submit, type Ack, type Scenario, type WriteContext } from './kit.ts'

const LA = '330'

function files(ctx: WriteContext) {
  const dir = path.join(ctx.dataDir, 'demo-casework', 'birmingham-2014', 'ssda903')
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => ({ field: 'files', name: f, bytes: fs.readFileSync(path.join(dir, f)), type: 'text/csv' }))
}

export const caseworkIngest: Scenario = {
  name: 'casework ingest',
  async warm(ctx) {
    await ctx.session('improvement.lead')
  },
  async write(ctx) {
    const s = await ctx.session('improvement.lead')
    const up = await submit(
      s,
      `/la/${LA}/casework/upload`,
      { 'asAt-day': '31', 'asAt-month': '3', 'asAt-year': '2014' },
      files(ctx),
    )
    const status = /\/casework\/uploads\/[^/?#]+$/.test(up.location) ? up.location : undefined
    log(ctx, `casework upload ${up.status} ${up.location}`)
    if (!status) return void (await sleep(1000))
    ctx.state.set('caseworkInFlight', true)
    for (;;) {
      if (ctx.stopped()) return
      const page = await getText(s, status)
      const state = /data-qa="upload-status" data-state="([a-z]+)"/.exec(page)?.[1]
      if (state === 'queued' || state === 'reading') {
        await sleep(500)
        continue
      }
      ctx.state.set('caseworkInFlight', false)
      const current = /Snapshot (\d+) is current/.exec(page)
      log(ctx, `casework upload ${state} ${current?.[0] ?? ''}`)
      if (state === 'complete' && current && !ctx.stopped())
        ctx.ack({ scenario: this.name, key: `snapshot ${current[1]}`, detail: { snapshotId: Number(current[1]) } })
      return
    }
  },
  async lost(_store, acks, dataDir) {
    if (!acks.length) return []
    const db = await readStore(dataDir)
    try {
      const out: string[] = []
      const newest = Math.max(...acks.map((a) => a.detail!.snapshotId as number))
      const current = db.current
      for (const a of acks) {
        const id = a.detail!.snapshotId as number
        const snap = db.snapshots.get(id)
        if (snap?.status !== 'complete') out.push(`${a.key} (cycle ${a.cycle}): ${snap?.status ?? 'missing'}`)
      }
      // The newest acknowledged upload is current, unless a later one completed (its answer not yet seen).
      if (current === null || current < newest)
        out.push(`the current snapshot is ${current ?? 'none'}, snapshot ${newest} was acknowledged as current`)
      else if (current > newest && db.snapshots.get(current)?.status !== 'complete')
        out.push(`the current snapshot ${current} is ${db.snapshots.get(current)?.status}`)
      return out
    } finally {
      db.close()
    }
  },
  async partial(_store, dataDir) {
    const db = await readStore(dataDir)
    try {
      const out: string[] = []
      for (const [id, s] of db.snapshots) {
        const rows = db.rows.get(id) ?? {}
        if (s.status === 'complete') {
          // Every record the snapshot says it holds, and no more.
          for (const e of ENTITY_NAMES)
            if ((rows[e] ?? 0) !== (s.records[e] ?? 0))
              out.push(`snapshot ${id}: ${rows[e] ?? 0} ${e} rows, its record count says ${s.records[e] ?? 0}`)
        } else if (s.status !== 'building' && Object.values(rows).some((n) => n > 0)) {
          // A snapshot left `building` by the kill is abandoned (its rows removed) when the store next opens.
          out.push(`snapshot ${id} is ${s.status} and still has rows`)
        }
        if (id === db.current && s.status !== 'complete') out.push(`the current snapshot ${id} is ${s.status}`)
      }
      return out
    } finally {
      db.close()
    }
  },
}

interface StoreView {
  current: number | null
  snapshots: Map<number, { status: string; records: Record<string, number> }>
  rows: Map<number, Record<string, number>>
  /** Snapshots left building: uploads the kill stopped part-way. */
  building: number[]
  close(): void
}

/** Opens the LA's casework file read-only (no server holds it between the kill and the next start). */
async function readStore(dataDir: string): Promise<StoreView> {
  const file = path.join(dataDir, 'casework', `${LA}.duckdb`)
  const empty = { current: null, snapshots: new Map(), rows: new Map(), building: [], close() {} }
  if (!fs.existsSync(file)) return empty
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' })
  const c = await instance.connect()
  const all = async <T>(sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJson() as T[]
  const [cur] = await all<{ id: number }>('SELECT snapshot_id AS id FROM current_snapshot WHERE one = 1')
  const snaps = await all<{ id: number; status: string; records: string | null }>(
    'SELECT snapshot_id AS id, status, records_json AS records FROM snapshot',
  )
  const rows = new Map<number, Record<string, number>>()
  for (const e of ENTITY_NAMES)
    for (const r of await all<{ id: number; n: number }>(
      `SELECT snapshot_id AS id, count(*)::INTEGER AS n FROM ${tableName(e)} GROUP BY snapshot_id`,
    ))
      rows.set(Number(r.id), { ...rows.get(Number(r.id)), [e]: Number(r.n) })
  const snapshots = new Map(
    snaps.map((s) => [
      Number(s.id),
      { status: s.status, records: (s.records ? JSON.parse(s.records) : {}) as Record<string, number> },
    ]),
  )
  return {
    current: cur ? Number(cur.id) : null,
    snapshots,
    rows,
    building: [...snapshots].filter(([, s]) => s.status === 'building').map(([id]) => id),
    close() {
      c.closeSync()
      instance.closeSync()
    },
  }
}

export { readStore as readCaseworkStore, type Ack }
