import fs from 'node:fs'
import path from 'node:path'
import type { DuckDBConnection } from '@duckdb/node-api'
import { ENTITY_NAMES, tableName, type CaseworkRecord, type EntityName, type RecordCounts } from './model.ts'
import { CsvRows, type EntityChunk, type OffThreadRows, type RowSink } from './csvRows.ts'
import { entityColumns } from './schema.ts'

export const CHUNK_BYTES = 8 * 1024 * 1024
/** A chunk buffer's full size: CHUNK_BYTES and room for the row that crosses it. */
const BUFFER_BYTES = CHUNK_BYTES + 64 * 1024
/**
 * A new chunk buffer's size: an upload's entities start small (most hold far less than a chunk) and grow by doubling
 * (csvRows.ts) to BUFFER_BYTES exactly, 7 doublings on. Each of the 20-odd entities taking a full buffer at once
 * (8 MB outside the JS heap) would start a full garbage collection of the heap on every upload, however small.
 */
export const FIRST_BUFFER_BYTES = BUFFER_BYTES / 128
/** Chunks written but not yet loaded before the reader waits (each is CHUNK_BYTES of memory). */
const MAX_PENDING = 4

/**
 * Loads canonical records in bulk for an upload: each entity's rows are written as CSV bytes into a buffer
 * (csvRows.ts), and each full buffer becomes a chunk file beside the store that DuckDB's COPY loads on its own threads
 * while the reader carries on. A reader can write rows straight into the buffers (`rows(source)`, no object per
 * row) or hand over records (`append`). `close()` loads what is left and waits for every load. `birthDate` is
 * blanked unless the day of birth is kept.
 */
export class BulkLoader {
  readonly counts: RecordCounts = {}
  private chunks = new Map<EntityName, EntityChunk>()
  private sinks = new Map<string, CsvRows>()
  private columns = new Map(ENTITY_NAMES.map((e) => [e, entityColumns(e)]))
  private loading: Promise<void> = Promise.resolve()
  private failure: unknown
  private pending = 0
  private spare: Buffer[] = []
  private threads = 0

  constructor(
    private connection: DuckDBConnection,
    private snapshotId: number,
    private keepDayOfBirth: boolean,
    private dir: string,
  ) {
    fs.mkdirSync(dir, { recursive: true })
  }

  /** The entity's chunk buffer, made on first use. */
  chunk(entity: EntityName): EntityChunk {
    let c = this.chunks.get(entity)
    if (!c) this.chunks.set(entity, (c = newChunk(entity, this.keepDayOfBirth)))
    return c
  }

  /** A writer of rows read from `source` (a format id), straight into the chunk buffers. */
  rows(source: string): RowSink {
    let sink = this.sinks.get(source)
    if (!sink) {
      sink = new CsvRows(this, rowPrefix(this.snapshotId, source), (c) => {
        this.counts[c.entity] = (this.counts[c.entity] ?? 0) + 1
        if (c.used >= CHUNK_BYTES) this.load(c)
      })
      sink.offThread = () => this.offThread(source)
      this.sinks.set(source, sink)
    }
    return sink
  }

  /** Rows of `source` written on another thread into chunk files of their own (csvRows.ts, OffThreadRows). */
  private offThread(source: string): OffThreadRows {
    return {
      spec: {
        prefix: rowPrefix(this.snapshotId, source),
        keepDayOfBirth: this.keepDayOfBirth,
        dir: this.dir,
        stem: `snapshot-${this.snapshotId}-thread-${++this.threads}`,
      },
      load: (entity, file) => this.loadFile(entity, file),
      count: (counts) => {
        for (const [e, n] of Object.entries(counts) as Array<[EntityName, number]>)
          this.counts[e] = (this.counts[e] ?? 0) + n
      },
    }
  }

  append(record: CaseworkRecord, source: string): void {
    const row = record.row as Record<string, unknown>
    const sink = this.rows(source)
    sink.begin(record.entity)
    for (const c of this.columns.get(record.entity)!) {
      const v = row[c.name]
      if (c.kind === 'text') sink.text(v === null || v === undefined ? null : String(v))
      else if (c.kind === 'date') sink.date(v as string | null)
      else if (c.kind === 'int') sink.int(v as number | null)
      else sink.bool(v === null || v === undefined ? null : Boolean(v))
    }
    sink.end()
  }

  private load(c: EntityChunk) {
    if (!c.used) return
    const file = path.join(this.dir, `snapshot-${this.snapshotId}-${tableName(c.entity)}-${c.files++}.csv`)
    // The full buffer is written and loaded off the main thread; the reader carries on in a fresh one.
    const full = c.buffer
    const data = full.subarray(0, c.used)
    c.buffer = this.spare.pop() ?? Buffer.allocUnsafe(BUFFER_BYTES)
    c.used = 0
    this.loadFile(c.entity, file, fs.promises.writeFile(file, data)).finally(() => {
      // Buffers are reused: left to the garbage collector, 8 MB each would pile up outside the JS heap.
      if (full.length === BUFFER_BYTES && this.spare.length <= MAX_PENDING) this.spare.push(full)
    })
  }

  /** Loads a chunk file (once `written`), after the loads before it, and removes it. */
  private loadFile(entity: EntityName, file: string, written: Promise<void> = Promise.resolve()): Promise<void> {
    const sql = `COPY ${tableName(entity)} FROM '${file.replace(/'/g, "''")}' (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '', ALLOW_QUOTED_NULLS false, AUTO_DETECT false)`
    this.pending++
    this.loading = Promise.all([this.loading, written])
      .then(() => this.connection.run(sql))
      .then(
        () => fs.rmSync(file, { force: true }),
        (err) => {
          this.failure ??= err
          fs.rmSync(file, { force: true })
        },
      )
      .finally(() => {
        this.pending--
      })
    return this.loading
  }

  /** Waits while more than a few chunks are waiting to load, so memory stays bounded when DuckDB is the slower. */
  async ready(): Promise<void> {
    while (this.pending > MAX_PENDING) await this.loading
  }

  /** Loads every remaining row and waits for all loads; throws the first load failure. */
  async close(): Promise<void> {
    for (const c of this.chunks.values()) this.load(c)
    this.chunks.clear()
    await this.loading
    if (this.failure) throw this.failure
  }
}

/** The snapshot id and source that begin every row of a chunk. */
const rowPrefix = (snapshotId: number, source: string) => `${snapshotId},"${source.replace(/"/g, '""')}"`

/** An empty chunk buffer for an entity's rows; `birthDate` is written blank unless the day of birth is kept. */
export function newChunk(entity: EntityName, keepDayOfBirth: boolean): EntityChunk {
  const columns = entityColumns(entity)
  return {
    entity,
    buffer: Buffer.allocUnsafe(FIRST_BUFFER_BYTES),
    used: 0,
    files: 0,
    kinds: columns.map((col) => col.kind),
    blankAt: keepDayOfBirth ? -1 : columns.findIndex((col) => col.name === 'birthDate'),
  }
}
