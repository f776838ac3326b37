import { ENTITIES, type CaseworkRecord, type ColumnKind, type EntityName, type RecordCounts } from './model.ts'

/**
 * Where a reader writes rows without making an object per row: `begin(entity)`, then one call per column of the
 * entity in the model's order (model.ts), then `end()`. A blank is `null` (or `''` for text). A call of the wrong
 * kind for its column, or a row with too few or too many columns, throws: a reader bug, never bad input.
 *
 * @example sink.begin('cpReview'); sink.text(childId); sink.text(planId); sink.date('2014-01-06'); sink.end()
 */
export interface RowSink {
  begin(entity: EntityName): void
  text(value: string | null | undefined): void
  date(value: string | null | undefined): void
  int(value: number | null | undefined): void
  bool(value: boolean | null | undefined): void
  end(): void
  /** How a reader on another thread writes rows into the same store (only when the sink can take them). */
  offThread?(): OffThreadRows
}

/**
 * What a reader on a worker thread needs to write the rows a RowSink would (cinThread.ts): it writes the same CSV
 * (csvRows.ts, with `prefix` first) into chunk files named `<stem>-<table>-<n>.csv` in `dir`, and hands each back to
 * `load`; `count` adds its rows to the sink's counts.
 */
export interface OffThreadRows {
  spec: { prefix: string; keepDayOfBirth: boolean; dir: string; stem: string }
  load(entity: EntityName, file: string): void
  count(counts: RecordCounts): void
}

/** One entity's CSV bytes on their way to a chunk file (bulkLoader.ts). */
export interface EntityChunk {
  entity: EntityName
  buffer: Buffer
  used: number
  files: number
  kinds: ColumnKind[]
  /** The column written blank whatever its value (`birthDate` when the day of birth is not kept), or -1. */
  blankAt: number
}

const COMMA = 44
const QUOTE = 34
const NEWLINE = 10
const TRUE = Buffer.from(',true')
const FALSE = Buffer.from(',false')

/**
 * Writes rows as CSV bytes straight into the entity's chunk buffer: the snapshot id and source first, then the
 * columns. Text is quoted (quotes doubled) and blank text left unquoted, so DuckDB reads it as NULL; dates and
 * numbers are written bare. ASCII is copied byte by byte; other text goes through the UTF-8 encoder.
 */
export class CsvRows implements RowSink {
  private chunk: EntityChunk | undefined
  private column = 0
  private prefix: Buffer
  /** Set by the bulk loader: rows written by a reader on another thread (RowSink.offThread). */
  offThread?: () => OffThreadRows

  constructor(
    private chunks: { chunk(entity: EntityName): EntityChunk },
    prefix: string,
    private ended: (c: EntityChunk) => void,
  ) {
    this.prefix = Buffer.from(prefix)
  }

  begin(entity: EntityName) {
    if (this.chunk) throw new Error(`A ${this.chunk.entity} row was not ended before a ${entity} row began`)
    const c = (this.chunk = this.chunks.chunk(entity))
    this.room(c, this.prefix.length)
    c.used += this.prefix.copy(c.buffer, c.used)
    this.column = 0
  }

  /** The next column must be of this kind; returns the chunk with a comma written. */
  private next(kind: ColumnKind): EntityChunk {
    const c = this.chunk
    if (!c) throw new Error(`A ${kind} value was written outside a row`)
    if (c.kinds[this.column] !== kind)
      throw new Error(`Column ${this.column + 1} of ${c.entity} is ${c.kinds[this.column] ?? 'not there'}, not ${kind}`)
    this.column++
    return c
  }

  private room(c: EntityChunk, bytes: number) {
    if (c.used + bytes <= c.buffer.length) return
    const bigger = Buffer.allocUnsafe(Math.max(c.buffer.length * 2, c.used + bytes))
    c.buffer.copy(bigger, 0, 0, c.used)
    c.buffer = bigger
  }

  text(value: string | null | undefined) {
    const c = this.next('text')
    const blank = value === null || value === undefined || value === '' || this.column - 1 === c.blankAt
    this.room(c, blank ? 1 : value.length * 3 + 3)
    const b = c.buffer
    let u = c.used
    b[u++] = COMMA
    if (!blank) {
      const start = u
      b[u++] = QUOTE
      for (let i = 0; i < value.length; i++) {
        const ch = value.charCodeAt(i)
        if (ch >= 128) {
          u = start + b.write(`"${value.replace(/"/g, '""')}`, start)
          break
        }
        if (ch === QUOTE) b[u++] = QUOTE
        b[u++] = ch
      }
      b[u++] = QUOTE
    }
    c.used = u
  }

  /** A value written bare (a date, a number): it is ASCII with no comma, quote or newline by construction. */
  private bare(c: EntityChunk, value: string | null | undefined) {
    const blank = value === null || value === undefined || value === '' || this.column - 1 === c.blankAt
    this.room(c, blank ? 1 : value.length + 1)
    const b = c.buffer
    let u = c.used
    b[u++] = COMMA
    if (!blank) for (let i = 0; i < value.length; i++) b[u++] = value.charCodeAt(i)
    c.used = u
  }

  date(value: string | null | undefined) {
    const c = this.next('date')
    if (value && !/^\d{4}-\d\d-\d\d$/.test(value)) throw new Error(`${value} is not an ISO date`)
    this.bare(c, value)
  }

  int(value: number | null | undefined) {
    const c = this.next('int')
    if (value !== null && value !== undefined && !Number.isInteger(value)) throw new Error(`${value} is not an integer`)
    this.bare(c, value === null || value === undefined ? null : String(value))
  }

  bool(value: boolean | null | undefined) {
    const c = this.next('bool')
    const bytes = value === null || value === undefined || this.column - 1 === c.blankAt ? null : value ? TRUE : FALSE
    this.room(c, bytes ? bytes.length : 1)
    if (bytes) c.used += bytes.copy(c.buffer, c.used)
    else c.buffer[c.used++] = COMMA
  }

  end() {
    const c = this.chunk
    if (!c) throw new Error('A row was ended that had not begun')
    if (this.column !== c.kinds.length)
      throw new Error(`A ${c.entity} row has ${this.column} columns, not ${c.kinds.length}`)
    this.room(c, 1)
    c.buffer[c.used++] = NEWLINE
    this.chunk = undefined
    this.ended(c)
  }
}

/** A row sink that keeps rows as records (for a reader read outside a store, as in a reader's own tests). */
export class RecordRows implements RowSink {
  readonly records: CaseworkRecord[] = []
  private row: Record<string, unknown> | undefined
  private names: string[] = []

  begin(entity: EntityName) {
    this.row = {}
    this.names = Object.keys(ENTITIES[entity])
    this.records.push({ entity, row: this.row } as CaseworkRecord)
  }

  private put(value: unknown) {
    if (!this.row) throw new Error('A value was written outside a row')
    this.row[this.names[Object.keys(this.row).length]] = value === undefined || value === '' ? null : value
  }

  text = (v: string | null | undefined) => this.put(v)
  date = (v: string | null | undefined) => this.put(v)
  int = (v: number | null | undefined) => this.put(v)
  bool = (v: boolean | null | undefined) => this.put(v)
  end() {
    this.row = undefined
  }
}
