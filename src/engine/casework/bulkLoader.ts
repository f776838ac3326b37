import fs from 'node:fs'
import path from 'node:path'
import type { DuckDBConnection } from '@duckdb/node-api'
import { ENTITY_NAMES, tableName, type CaseworkRecord, type EntityName, type RecordCounts } from './model.ts'
import { entityColumns } from './schema.ts'

const CHUNK_BYTES = 8 * 1024 * 1024

const quote = (s: string) => (s.includes('"') ? `"${s.replace(/"/g, '""')}"` : `"${s}"`)

/**
 * Loads canonical records in bulk for an upload: each entity's rows are written as CSV text into chunk files beside
 * the store, and each full chunk is loaded with DuckDB's COPY on DuckDB's own threads while the reader carries on
 * (the JavaScript side only builds text). `close()` loads what is left and waits for every load. Blank text is
 * written quoted and NULL unquoted, so the two stay apart. `birthDate` is blanked unless the day of birth is kept.
 */
export class BulkLoader {
  readonly counts: RecordCounts = {}
  private buffers = new Map<EntityName, { lines: string[]; bytes: number; chunk: number }>()
  private columns = new Map(ENTITY_NAMES.map((e) => [e, entityColumns(e)]))
  private loading: Promise<void> = Promise.resolve()
  private failure: unknown

  constructor(
    private connection: DuckDBConnection,
    private snapshotId: number,
    private keepDayOfBirth: boolean,
    private dir: string,
  ) {
    fs.mkdirSync(dir, { recursive: true })
  }

  append(record: CaseworkRecord, source: string): void {
    const row = record.row as Record<string, unknown>
    let line = `${this.snapshotId},${quote(source)}`
    for (const c of this.columns.get(record.entity)!) {
      const v = c.name === 'birthDate' && !this.keepDayOfBirth ? null : row[c.name]
      line +=
        v === null || v === undefined || v === '' ? ',' : c.kind === 'text' ? ',' + quote(String(v)) : ',' + String(v)
    }
    let b = this.buffers.get(record.entity)
    if (!b) this.buffers.set(record.entity, (b = { lines: [], bytes: 0, chunk: 0 }))
    b.lines.push(line)
    b.bytes += line.length + 1
    this.counts[record.entity] = (this.counts[record.entity] ?? 0) + 1
    if (b.bytes >= CHUNK_BYTES) this.load(record.entity, b)
  }

  private load(entity: EntityName, b: { lines: string[]; bytes: number; chunk: number }) {
    if (!b.lines.length) return
    const file = path.join(this.dir, `snapshot-${this.snapshotId}-${tableName(entity)}-${b.chunk++}.csv`)
    fs.writeFileSync(file, b.lines.join('\n') + '\n')
    b.lines = []
    b.bytes = 0
    const sql = `COPY ${tableName(entity)} FROM '${file.replace(/'/g, "''")}' (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '', ALLOW_QUOTED_NULLS false, AUTO_DETECT false)`
    this.loading = this.loading
      .then(() => this.connection.run(sql))
      .then(
        () => fs.rmSync(file, { force: true }),
        (err) => {
          this.failure ??= err
          fs.rmSync(file, { force: true })
        },
      )
  }

  /** Loads every remaining row and waits for all loads; throws the first load failure. */
  async close(): Promise<void> {
    for (const [entity, b] of this.buffers) this.load(entity, b)
    await this.loading
    if (this.failure) throw this.failure
  }
}
