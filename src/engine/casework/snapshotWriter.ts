import type { DuckDBConnection } from '@duckdb/node-api'
import type { DataIssue } from '../publicData/issues.ts'
import { BulkLoader } from './bulkLoader.ts'
import type { RowSink } from './csvRows.ts'
import type { CrossCheck } from './crossChecks.ts'
import { ENTITY_NAMES, tableName, type CaseworkRecord, type RecordCounts } from './model.ts'

export interface SnapshotSummary {
  snapshotId: number
  status: 'complete' | 'rejected' | 'abandoned'
  records: RecordCounts
  issues: { errors: number; warnings: number }
}

/** The data-quality issues of a snapshot: kept in order in memory and written in batches through an appender. */
class IssueAppender {
  errors = 0
  warnings = 0
  private buffer: DataIssue[] = []
  constructor(
    private connection: DuckDBConnection,
    private snapshotId: number,
  ) {}

  add(i: DataIssue) {
    if (i.severity === 'error') this.errors++
    else this.warnings++
    this.buffer.push(i)
  }

  get pending() {
    return this.buffer.length
  }

  async flush() {
    if (!this.buffer.length) return
    const issues = this.buffer
    this.buffer = []
    const a = await this.connection.createAppender('data_issue')
    try {
      for (const i of issues) {
        a.appendInteger(this.snapshotId)
        a.appendVarchar(i.severity)
        a.appendVarchar(i.source)
        for (const v of [i.sheet, i.row, i.column, i.value])
          if (v === undefined || v === null) a.appendNull()
          else if (typeof v === 'number') a.appendInteger(v)
          else a.appendVarchar(v)
        a.appendVarchar(i.message)
        a.endRow()
      }
      a.flushSync()
    } finally {
      // Never left open: the connection is closed soon after, and an appender outliving it is not safe.
      a.closeSync()
    }
  }
}

/** Removes every entity row of a snapshot (a rejected or abandoned one: nothing of it stays readable). */
export async function deleteSnapshotRows(connection: DuckDBConnection, snapshotId: number) {
  for (const e of ENTITY_NAMES) await connection.run(`DELETE FROM ${tableName(e)} WHERE snapshot_id = ${snapshotId}`)
}

/**
 * One upload being written: append records and issues, then `commit()` (the snapshot becomes current, in one
 * transaction), `reject(message)` (rows removed, issues and message kept so the status page can say why) or
 * `abandon()`. Until commit nothing of it is visible: every read names a complete snapshot.
 */
export class SnapshotWriter {
  private records: BulkLoader
  private issueAppender: IssueAppender
  private finished = false

  constructor(
    private connection: DuckDBConnection,
    readonly snapshotId: number,
    keepDayOfBirth: boolean,
    loadDir: string,
  ) {
    this.records = new BulkLoader(connection, snapshotId, keepDayOfBirth, loadDir)
    this.issueAppender = new IssueAppender(connection, snapshotId)
  }

  get counts(): RecordCounts {
    return this.records.counts
  }

  get issueCounts() {
    return { errors: this.issueAppender.errors, warnings: this.issueAppender.warnings }
  }

  /** Appends records; `source` is the return format they were read from (`cin`, `annexA`, `ssda903`). */
  async append(records: CaseworkRecord[], source: string): Promise<void> {
    if (this.issueAppender.pending >= 10_000) await this.issueAppender.flush()
    for (const r of records) this.records.append(r, source)
    await this.records.ready()
  }

  /** Where a reader writes rows of `source` (a format id) without an object per row (csvRows.ts). */
  rows(source: string): RowSink {
    return this.records.rows(source)
  }

  /** Records an issue (written in batches; synchronous so readers can report from parser callbacks). */
  addIssue(issue: DataIssue): void {
    this.issueAppender.add(issue)
  }

  /** Records how many rows a source file gave, and whether it was rejected whole. */
  async sourceOutcome(fileName: string, records: number, rejected: boolean) {
    await this.connection.run(
      'UPDATE snapshot_source SET records = $records, rejected = $rejected WHERE snapshot_id = $id AND file_name = $name',
      { records, rejected, id: this.snapshotId, name: fileName },
    )
  }

  /**
   * Runs the cross-source checks (crossChecks.ts) whose sources this snapshot holds, adding one issue per problem.
   * The rows appended so far are flushed first so the checks see them.
   */
  async runCrossChecks(asAt: string, checks: CrossCheck[]): Promise<void> {
    await this.records.close()
    const present = await this.connection.runAndReadAll(
      `SELECT DISTINCT source_format AS f FROM child WHERE snapshot_id = $s
       UNION SELECT DISTINCT source_format FROM lac_episode WHERE snapshot_id = $s
       UNION SELECT DISTINCT source_format FROM cp_plan WHERE snapshot_id = $s`,
      { s: this.snapshotId },
    )
    const sources = new Set(present.getRowObjectsJson().map((r) => String(r.f)))
    for (const check of checks) {
      if (!check.needs.every((n) => sources.has(n))) continue
      const params = { s: this.snapshotId, ...(check.sql.includes('$asAt') ? { asAt } : {}) }
      const found = await this.connection.runAndReadAll(check.sql, params)
      for (const row of found.getRowObjectsJson() as Array<Record<string, string | null>>)
        this.addIssue({
          severity: check.severity,
          source: check.source,
          column: check.column,
          ...(row.value ? { value: row.value } : {}),
          message: `Child ${row.child_id} ${check.message({ detail: row.detail })}`,
        })
    }
  }

  private async flush() {
    if (this.finished) throw new Error(`Snapshot ${this.snapshotId} is already finished`)
    this.finished = true
    try {
      await this.records.close()
    } finally {
      await this.issueAppender.flush()
    }
  }

  private summary(status: SnapshotSummary['status']): SnapshotSummary {
    return { snapshotId: this.snapshotId, status, records: { ...this.counts }, issues: this.issueCounts }
  }

  async commit(): Promise<SnapshotSummary> {
    await this.flush()
    const c = this.connection
    await c.run('BEGIN TRANSACTION')
    try {
      await c.run(
        `UPDATE snapshot SET status = 'complete', completed_at = now()::TIMESTAMP, records_json = $records,
           errors = $errors, warnings = $warnings WHERE snapshot_id = $id`,
        { records: JSON.stringify(this.counts), ...this.issueCounts, id: this.snapshotId },
      )
      await c.run('INSERT OR REPLACE INTO current_snapshot VALUES (1, $id)', { id: this.snapshotId })
      await c.run('COMMIT')
    } catch (err) {
      await c.run('ROLLBACK')
      throw err
    } finally {
      c.closeSync()
    }
    return this.summary('complete')
  }

  private async finishWithout(status: 'rejected' | 'abandoned', message: string | null) {
    await this.flush()
    await deleteSnapshotRows(this.connection, this.snapshotId)
    await this.connection.run(
      `UPDATE snapshot SET status = $status, completed_at = now()::TIMESTAMP, message = $message,
         errors = $errors, warnings = $warnings WHERE snapshot_id = $id`,
      { status, message: message ?? '', ...this.issueCounts, id: this.snapshotId },
    )
    this.connection.closeSync()
    return this.summary(status)
  }

  /** The upload cannot be used: its rows go, its issues and the message stay; the previous snapshot stays current. */
  reject(message: string): Promise<SnapshotSummary> {
    return this.finishWithout('rejected', message)
  }

  abandon(): Promise<SnapshotSummary> {
    return this.finishWithout('abandoned', null)
  }
}
