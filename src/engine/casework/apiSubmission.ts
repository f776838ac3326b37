import type { DuckDBConnection } from '@duckdb/node-api'
import { duckDb } from './duckdb.ts'
import { RecordAppender } from './appender.ts'
import { ENTITY_NAMES, tableName, type CaseworkRecord, type EntityName, type RecordCounts } from './model.ts'
import { entityColumns } from './schema.ts'

/** Entities keyed by child (every one but worker). */
const CHILD_ENTITIES = ENTITY_NAMES.filter((e) => e !== 'worker')

/**
 * One DfE CSC API request against the day's rolling snapshot, in one DuckDB transaction: `replaceChild` swaps a
 * child's whole record (the API always sends the whole child), `purgeChild` removes one; `commit()` makes the day's
 * snapshot current, `abandon()` rolls the request back (an earlier request of the same day stays as it was).
 */
export class ApiSubmission {
  private records: RecordAppender
  private finished = false
  /** Rows this request deleted, per entity: with the appended ones, the day's totals without counting them again. */
  private removed: RecordCounts = {}

  private constructor(
    private connection: DuckDBConnection,
    readonly snapshotId: number,
    keepDayOfBirth: boolean,
    private isNew: boolean,
    private onFinish: () => void,
  ) {
    this.records = new RecordAppender(connection, snapshotId, keepDayOfBirth)
  }

  static async start(
    c: DuckDBConnection,
    o: { snapshotId: number; isNew: boolean; copyFrom: number | null; keepDayOfBirth: boolean; onFinish: () => void },
  ) {
    const { snapshotId, copyFrom } = o
    await c.run('BEGIN TRANSACTION')
    if (copyFrom !== null)
      for (const e of ENTITY_NAMES) {
        const cols = entityColumns(e)
          .map((x) => x.column)
          .concat('source_format')
          .join(', ')
        await c.run(
          `INSERT INTO ${tableName(e)} (snapshot_id, ${cols}) SELECT ${snapshotId}, ${cols} FROM ${tableName(e)} WHERE snapshot_id = ${copyFrom}`,
        )
      }
    return new ApiSubmission(c, snapshotId, o.keepDayOfBirth, o.isNew, o.onFinish)
  }

  get counts(): RecordCounts {
    return this.records.counts
  }

  private async removeChild(childId: string): Promise<boolean> {
    const found = await this.connection.runAndReadAll(
      'SELECT count(*)::INTEGER AS n FROM child WHERE snapshot_id = $s AND child_id = $c',
      { s: this.snapshotId, c: childId },
    )
    for (const e of CHILD_ENTITIES) {
      const r = await this.connection.run(`DELETE FROM ${tableName(e)} WHERE snapshot_id = $s AND child_id = $c`, {
        s: this.snapshotId,
        c: childId,
      })
      this.noteRemoved(e, r.rowsChanged)
    }
    return Number(found.getRowObjectsJson()[0].n) > 0
  }

  /** Replaces everything held about the child with these records (each must carry the same childId). */
  async replaceChild(childId: string, records: CaseworkRecord[]): Promise<void> {
    await this.removeChild(childId)
    for (const r of records) {
      if (r.entity !== 'worker' && r.row.childId !== childId)
        throw new Error(`A ${r.entity} row for child ${r.row.childId} was sent with child ${childId}`)
      await this.records.append(r, 'dfeApi')
    }
  }

  /** Adds a worker row, unless the snapshot already holds that worker. */
  async upsertWorker(record: Extract<CaseworkRecord, { entity: 'worker' }>): Promise<void> {
    const r = await this.connection.run('DELETE FROM worker WHERE snapshot_id = $s AND worker_id = $w', {
      s: this.snapshotId,
      w: record.row.workerId,
    })
    this.noteRemoved('worker', r.rowsChanged)
    await this.records.append(record, 'dfeApi')
  }

  /** Removes the child; false when the snapshot held no such child (the caller reports the unknown purge). */
  purgeChild(childId: string): Promise<boolean> {
    return this.removeChild(childId)
  }

  /**
   * A whole API request at once (one statement per entity, not per child: a 100-child request in tens of
   * milliseconds): removes these children and returns those the snapshot held. Follow with `appendRecords`.
   */
  async removeChildren(childIds: string[]): Promise<Set<string>> {
    const ids = duckDb().listValue(childIds)
    const found = await this.connection.runAndReadAll(
      'SELECT DISTINCT child_id FROM child WHERE snapshot_id = $s AND list_contains($ids, child_id)',
      { s: this.snapshotId, ids },
    )
    for (const e of CHILD_ENTITIES) {
      const r = await this.connection.run(
        `DELETE FROM ${tableName(e)} WHERE snapshot_id = $s AND list_contains($ids, child_id)`,
        { s: this.snapshotId, ids },
      )
      this.noteRemoved(e, r.rowsChanged)
    }
    return new Set(found.getRowObjectsJson().map((r) => String(r.child_id)))
  }

  /** Appends records of children removed by `removeChildren`, and workers the snapshot does not hold yet. */
  async appendRecords(records: CaseworkRecord[]): Promise<void> {
    const workerIds = [...new Set(records.flatMap((r) => (r.entity === 'worker' ? [r.row.workerId] : [])))]
    const held = workerIds.length
      ? await this.connection.runAndReadAll(
          'SELECT worker_id FROM worker WHERE snapshot_id = $s AND list_contains($ids, worker_id)',
          { s: this.snapshotId, ids: duckDb().listValue(workerIds) },
        )
      : undefined
    const skip = new Set((held?.getRowObjectsJson() ?? []).map((r) => String(r.worker_id)))
    for (const r of records) {
      if (r.entity === 'worker') {
        if (skip.has(r.row.workerId)) continue
        skip.add(r.row.workerId)
      }
      await this.records.append(r, 'dfeApi')
    }
  }

  private noteRemoved(entity: EntityName, rows: number) {
    if (rows) this.removed[entity] = (this.removed[entity] ?? 0) + rows
  }

  async commit(): Promise<{ snapshotId: number; records: RecordCounts }> {
    const c = this.connection
    try {
      // In the try: rows refused when the appenders flush roll the request back, and the LA's queue moves on.
      this.finish()
      const counts = await this.totals()
      await c.run(
        `UPDATE snapshot SET status = 'complete', completed_at = now()::TIMESTAMP, records_json = $records
         WHERE snapshot_id = ${this.snapshotId}`,
        { records: JSON.stringify(counts) },
      )
      // Replacing the row costs more than reading it: most requests of a day find their snapshot current already.
      const [current] = (
        await c.runAndReadAll('SELECT snapshot_id FROM current_snapshot WHERE one = 1')
      ).getRowObjectsJson()
      if (Number(current?.snapshot_id) !== this.snapshotId)
        await c.run(`INSERT OR REPLACE INTO current_snapshot VALUES (1, ${this.snapshotId})`)
      await c.run('COMMIT')
    } catch (err) {
      await c.run('ROLLBACK')
      throw err
    } finally {
      c.closeSync()
      this.onFinish()
    }
    return { snapshotId: this.snapshotId, records: { ...this.counts } }
  }

  async abandon(): Promise<void> {
    // A commit that failed has rolled back and closed already.
    if (this.finished) return
    try {
      try {
        this.finish()
      } catch {
        // Rows refused at the flush: rolled back below whatever they were.
      }
      await this.connection.run('ROLLBACK')
      if (this.isNew)
        await this.connection.run(
          `UPDATE snapshot SET status = 'abandoned', completed_at = now()::TIMESTAMP WHERE snapshot_id = ${this.snapshotId}`,
        )
    } finally {
      this.connection.closeSync()
      this.onFinish()
    }
  }

  /**
   * Rows per entity now held in the day's snapshot (the whole snapshot, not just this request): the day's totals as
   * the previous request left them, less what this one deleted, plus what it appended; counted afresh on the day's
   * first request.
   */
  private async totals(): Promise<RecordCounts> {
    if (!this.isNew) {
      const sql = `SELECT records_json FROM snapshot WHERE snapshot_id = ${this.snapshotId}`
      const [row] = (await this.connection.runAndReadAll(sql)).getRowObjectsJson()
      if (row?.records_json) {
        const counts = JSON.parse(String(row.records_json)) as RecordCounts
        for (const e of ENTITY_NAMES) {
          const n = (counts[e] ?? 0) - (this.removed[e] ?? 0) + (this.records.counts[e] ?? 0)
          if (n) counts[e] = n
          else delete counts[e]
        }
        return counts
      }
    }
    return this.countAll()
  }

  private async countAll(): Promise<RecordCounts> {
    // One statement for every entity: a per-entity count costs a round trip each, on every API request.
    const sql = ENTITY_NAMES.map(
      (e) =>
        `SELECT '${e}' AS entity, count(*)::INTEGER AS n FROM ${tableName(e)} WHERE snapshot_id = ${this.snapshotId}`,
    ).join(' UNION ALL ')
    const r = await this.connection.runAndReadAll(sql)
    const counts: RecordCounts = {}
    for (const row of r.getRowObjectsJson()) if (Number(row.n)) counts[row.entity as keyof RecordCounts] = Number(row.n)
    return counts
  }

  private finish() {
    if (this.finished) throw new Error(`API submission to snapshot ${this.snapshotId} is already finished`)
    this.finished = true
    this.records.close()
  }
}
