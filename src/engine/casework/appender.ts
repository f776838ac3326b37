import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api'
import { duckDb } from './duckdb.ts'
import { tableName, type CaseworkRecord, type EntityName, type RecordCounts } from './model.ts'
import { entityColumns } from './schema.ts'

/** Days since 1970-01-01 for an ISO date (`2014-03-31`). */
export function isoDays(iso: string): number {
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000
}

type Put = (a: DuckDBAppender, v: unknown) => void
const PUT: Record<string, Put> = {
  text: (a, v) => a.appendVarchar(String(v)),
  date: (a, v) => a.appendDate(new (duckDb().DuckDBDateValue)(isoDays(String(v)))),
  int: (a, v) => a.appendInteger(Number(v)),
  bool: (a, v) => a.appendBoolean(Boolean(v)),
}

/**
 * Appends canonical records to the entity tables through DuckDB appenders (one per table, opened on first use), every
 * row tagged with the snapshot id. `birthDate` is blanked unless the store keeps the day of birth.
 */
export class RecordAppender {
  private appenders = new Map<EntityName, { appender: DuckDBAppender; columns: Array<{ name: string; put: Put }> }>()
  readonly counts: RecordCounts = {}

  constructor(
    private connection: DuckDBConnection,
    private snapshotId: number,
    private keepDayOfBirth: boolean,
  ) {}

  private async open(entity: EntityName) {
    let entry = this.appenders.get(entity)
    if (!entry) {
      const appender = await this.connection.createAppender(tableName(entity))
      const columns = entityColumns(entity).map((c) => ({ name: c.name, put: PUT[c.kind] }))
      entry = { appender, columns }
      this.appenders.set(entity, entry)
    }
    return entry
  }

  async append(record: CaseworkRecord, source: string): Promise<void> {
    const { appender, columns } = this.appenders.get(record.entity) ?? (await this.open(record.entity))
    const row = record.row as Record<string, unknown>
    appender.appendInteger(this.snapshotId)
    appender.appendVarchar(source)
    for (const c of columns) {
      const v = c.name === 'birthDate' && !this.keepDayOfBirth ? null : row[c.name]
      if (v === null || v === undefined || v === '') appender.appendNull()
      else c.put(appender, v)
    }
    appender.endRow()
    this.counts[record.entity] = (this.counts[record.entity] ?? 0) + 1
  }

  /**
   * Flushes and closes every appender (their rows become part of the connection's transaction). Each is closed even
   * when a flush fails (a row refused by the table), so none is left open on a connection about to close; the first
   * failure is thrown after.
   */
  close(): void {
    let failure: unknown
    for (const { appender } of this.appenders.values())
      try {
        appender.flushSync()
      } catch (err) {
        failure ??= err
      } finally {
        try {
          appender.closeSync()
        } catch (err) {
          failure ??= err
        }
      }
    this.appenders.clear()
    if (failure) throw failure
  }
}
