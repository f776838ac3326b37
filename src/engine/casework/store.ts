import fs from 'node:fs'
import path from 'node:path'
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api'
import { loadDuckDb } from './duckdb.ts'
import { ApiSubmission } from './apiSubmission.ts'
import { schemaDdl, SCHEMA_VERSION } from './schema.ts'
import { deleteSnapshotRows, type SnapshotWriter } from './snapshotWriter.ts'
import { TrackedWriter } from './trackedWriter.ts'
import { activityOf, type FileActivity } from './fileActivity.ts'
import { snapshotInfoOf, type SnapshotInfo } from './snapshotInfo.ts'

export interface SourceFile {
  fileName: string
  sha256: string
  bytes: number
  format?: string
  readerVersion?: string
}

export type { SnapshotInfo } from './snapshotInfo.ts'

export interface OpenStoreOptions {
  /** The data directory; the store is `<dataDir>/casework/<laCode>.duckdb`. */
  dataDir: string
  laCode: string
  /** Keep full dates of birth (an indicator needs the day); otherwise only month and year are stored. */
  keepDayOfBirth?: boolean
}

/** A casework store refused its input (a bad LA code). */
export class CaseworkStoreError extends Error {}
export const caseworkFile = (dataDir: string, laCode: string) => {
  if (!/^[0-9]{3}$/.test(laCode)) throw new CaseworkStoreError(`"${laCode}" is not a 3-digit LA code`)
  return path.join(dataDir, 'casework', `${laCode}.duckdb`)
}
type Params = Record<string, DuckDBValue>

/**
 * One LA's casework store: a DuckDB file of immutable snapshots. See README.md in this folder.
 *
 * @example
 *   const store = await openCaseworkStore({ dataDir: './var', laCode: '330' })
 *   const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [{ fileName: 'cin.xml', sha256, bytes }] })
 *   await w.append({ entity: 'child', row: { childId: 'C1', sex: 'F', birthMonth: '2010-04' } })
 *   await w.commit() // now current
 */
export class CaseworkStore {
  /**
   * What was read from the file at a change stamp (the current snapshot id, the snapshot list), by name. Only a writer
   * changes what they are read from, so each is read again once a writer has opened or closed on the file, and every
   * read goes to the file while one is open (a writer never finished never leaves a stale answer).
   */
  private readonly kept = new Map<string, { stamp: number; value: unknown }>()
  private readonly activity: FileActivity
  /** Writers this store began that have not finished: when it closes, they count as interrupted. */
  private own = 0
  private closed = false
  private writerOpened() {
    this.own++
    this.activity.writers++
    this.activity.writes++
  }
  private writerClosed = () => {
    if (this.closed) return
    this.own--
    this.activity.writers--
    this.activity.writes++
  }
  private constructor(
    readonly laCode: string,
    readonly file: string,
    private instance: DuckDBInstance,
    private connection: DuckDBConnection,
    private keepDayOfBirth: boolean,
  ) {
    this.activity = activityOf(file)
  }

  static async open(o: OpenStoreOptions): Promise<CaseworkStore> {
    const file = caseworkFile(o.dataDir, o.laCode)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const instance = await (await loadDuckDb()).DuckDBInstance.fromCache(file)
    const connection = await instance.connect()
    for (const ddl of schemaDdl()) await connection.run(ddl)
    await connection.run(`INSERT OR IGNORE INTO store_meta VALUES ('schema_version', '${SCHEMA_VERSION}')`)
    const store = new CaseworkStore(o.laCode, file, instance, connection, o.keepDayOfBirth ?? false)
    await store.abandonInterrupted()
    return store
  }

  /**
   * Snapshots left `building` by a process that stopped part-way: their rows go. Not while a writer of this process is
   * open on the file (its snapshot is building, not interrupted): a leftover then goes at the next open.
   */
  private async abandonInterrupted() {
    if (this.activity.writers) return
    const left = await this.rows<{ id: number }>(`SELECT snapshot_id AS id FROM snapshot WHERE status = 'building'`)
    for (const { id } of left) {
      await deleteSnapshotRows(this.connection, id)
      await this.connection.run(
        `UPDATE snapshot SET status = 'abandoned', message = 'Interrupted before it finished' WHERE snapshot_id = ${id}`,
      )
    }
  }

  /** Rows as plain objects (dates as ISO strings; cast counts to INTEGER in SQL to get numbers). */
  async rows<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params)
    return reader.getRowObjectsJson() as T[]
  }

  private async newSnapshot(kind: 'upload' | 'api', asAt: string, createdBy: string | undefined): Promise<number> {
    const [{ id }] = await this.rows<{ id: number }>(
      `INSERT INTO snapshot (la_code, as_at, kind, status, created_at, created_by)
       VALUES ($la, $asAt::DATE, $kind, 'building', now()::TIMESTAMP, $by) RETURNING snapshot_id AS id`,
      { la: this.laCode, asAt, kind, by: createdBy ?? '' },
    )
    return id
  }

  private async addSources(snapshotId: number, sources: SourceFile[]) {
    for (const s of sources)
      await this.connection.run(
        `INSERT INTO snapshot_source (snapshot_id, file_name, sha256, bytes, format, reader_version)
         VALUES ($id, $name, $sha, $bytes, $format, $version)`,
        {
          id: snapshotId,
          name: s.fileName,
          sha: s.sha256,
          bytes: s.bytes,
          format: s.format ?? '',
          version: s.readerVersion ?? '',
        },
      )
  }

  /** Starts an upload snapshot (invisible until its writer commits). */
  async beginSnapshot(o: { asAt: string; sources: SourceFile[]; createdBy?: string }): Promise<SnapshotWriter> {
    // Open before the snapshot's row is written: a list read meanwhile is not kept (changeStamp is null).
    this.writerOpened()
    try {
      const id = await this.newSnapshot('upload', o.asAt, o.createdBy)
      await this.addSources(id, o.sources)
      const loadDir = path.join(path.dirname(this.file), `${this.laCode}.loading`)
      const connection = await this.instance.connect()
      return new TrackedWriter(connection, id, this.keepDayOfBirth, loadDir, this.writerClosed)
    } catch (err) {
      this.writerClosed()
      throw err
    }
  }

  /**
   * One DfE CSC API request: joins the day's rolling snapshot (made on the day's first request as a copy of the
   * current snapshot), replaces or purges whole children, and on commit the day's snapshot is current.
   */
  async beginApiSubmission(o: { day: string; source: SourceFile; createdBy?: string }): Promise<ApiSubmission> {
    const previous = this.activity.apiQueue
    let release = () => {}
    this.activity.apiQueue = new Promise<void>((resolve) => (release = resolve))
    await previous
    try {
      return await this.startApiSubmission(o, release)
    } catch (err) {
      release()
      throw err
    }
  }

  private async startApiSubmission(o: { day: string; source: SourceFile; createdBy?: string }, release: () => void) {
    const [today] = await this.rows<{ id: number }>(
      `SELECT snapshot_id AS id FROM snapshot WHERE kind = 'api' AND status = 'complete' AND as_at = $day::DATE`,
      { day: o.day },
    )
    const current = await this.currentSnapshotId()
    // Open before the day's snapshot row or its source is written: a list read meanwhile is not kept.
    this.writerOpened()
    let closed = false
    const onFinish = () => {
      if (!closed) this.writerClosed()
      closed = true
      release()
    }
    try {
      const id = today?.id ?? (await this.newSnapshot('api', o.day, o.createdBy))
      await this.addSources(id, [o.source])
      const connection = await this.instance.connect()
      return await ApiSubmission.start(connection, {
        snapshotId: id,
        isNew: !today,
        copyFrom: today ? null : current,
        keepDayOfBirth: this.keepDayOfBirth,
        onFinish,
      })
    } catch (err) {
      if (!closed) this.writerClosed()
      closed = true
      throw err
    }
  }

  /**
   * Changes when a writer (upload, API request) opens or closes on the file, through this store or another of this
   * process; null while one is open. What to key kept work on.
   */
  changeStamp = (): number | null => (this.activity.writers ? null : this.activity.writes)

  /** `read()`, or what it gave at the current change stamp; kept only if no writer came or went while it read. */
  private async readKept<T>(name: string, read: () => Promise<T>): Promise<T> {
    const stamp = this.changeStamp()
    const hit = this.kept.get(name)
    if (stamp !== null && hit?.stamp === stamp) return hit.value as T
    const value = await read()
    if (stamp !== null && this.changeStamp() === stamp) this.kept.set(name, { stamp, value })
    return value
  }

  currentSnapshotId(): Promise<number | null> {
    return this.readKept('current', async () => {
      const [row] = await this.rows<{ id: number }>('SELECT snapshot_id AS id FROM current_snapshot WHERE one = 1')
      return row?.id ?? null
    })
  }

  /**
   * Every snapshot, newest first (each a copy: the caller may change it). Every change to the snapshot table happens
   * while a writer is open (a writer opens before its snapshot's row is written), so the list is kept between writers.
   */
  async snapshots(): Promise<SnapshotInfo[]> {
    const list = await this.readKept('list', () => this.readSnapshots())
    return list.map((s) => ({ ...s, records: { ...s.records } }))
  }

  private async readSnapshots(): Promise<SnapshotInfo[]> {
    const current = await this.currentSnapshotId()
    const rows = await this.rows<Record<string, string | number | null>>(
      `SELECT snapshot_id, la_code, as_at, kind, status, strftime(created_at, '%Y-%m-%dT%H:%M:%S') AS created_at,
         strftime(completed_at, '%Y-%m-%dT%H:%M:%S') AS completed_at, created_by, records_json, errors, warnings, message
       FROM snapshot ORDER BY snapshot_id DESC`,
    )
    return rows.map((r) => snapshotInfoOf(r, current))
  }

  async snapshot(snapshotId: number): Promise<SnapshotInfo | undefined> {
    return (await this.snapshots()).find((s) => s.snapshotId === snapshotId)
  }

  async sources(snapshotId: number): Promise<Array<SourceFile & { records: number; rejected: boolean }>> {
    return this.rows(
      `SELECT file_name AS "fileName", sha256, bytes::INTEGER AS bytes, format, reader_version AS "readerVersion",
         records, rejected FROM snapshot_source WHERE snapshot_id = $id ORDER BY file_name`,
      { id: snapshotId },
    )
  }

  /**
   * Writes what the write-ahead log holds into the database file. Until then DuckDB keeps an upload's rows in memory as
   * well (about 50 MB after the first upload of a process, then more with each, until the log reaches 16 MB): after an
   * upload that memory is given back. A checkpoint that cannot run now (another write under way) is left to DuckDB's own.
   */
  async checkpoint(): Promise<void> {
    await this.connection.run('CHECKPOINT')
  }

  /** What DuckDB holds in memory for this store (its buffer pool, indexes and working memory), in bytes. */
  async memoryBytes(): Promise<number> {
    const [r] = await this.rows<{ bytes: number }>(
      `SELECT sum(memory_usage_bytes)::DOUBLE AS bytes FROM duckdb_memory()`,
    )
    return r?.bytes ?? 0
  }

  close(): void {
    if (!this.closed) {
      this.closed = true
      this.activity.writers -= this.own
      this.activity.writes++
    }
    this.connection.closeSync()
  }
}

export const openCaseworkStore = (o: OpenStoreOptions) => CaseworkStore.open(o)
