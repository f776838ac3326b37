/**
 * PGlite in a worker thread (pgliteWorkerThread.mjs), seen from the main thread through the part of PGlite's API that
 * drizzle-orm/pglite and store.ts use: query (rowMode, parsers, blob), exec, transaction, dumpDataDir, close. A slow
 * query then blocks the worker, not the web server's event loop.
 *
 * - Parsers are functions and cannot cross threads: the worker returns the types a query brings its own parsers for as
 *   PostgreSQL's text, and they are applied here, as PGlite itself would.
 * - A transaction is a sequence of messages under a transaction id; PGlite (one connection) makes other work wait.
 * - Errors keep PostgreSQL's fields (code, detail, constraint, ...) and the caller's stack.
 * - The worker keeps the process alive only while a request is waiting for it.
 */
import { Worker } from 'node:worker_threads'
import type { QueryOptions, Results } from '@electric-sql/pglite'

const INT8 = 20
const DATE = 1082
const NUMERIC = 1700
/** The store's parsers (the same on pg, set in store.ts, and in pgliteWorkerThread.mjs): counts and numerics as numbers, dates as 'YYYY-MM-DD' text. */
export const STORE_PARSERS = {
  [INT8]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
  [NUMERIC]: (v: string) => Number(v),
}

/** The worker's workerData. */
export interface WorkerStart {
  dataDir?: string
  loadDataDir?: ArrayBuffer
}

type Op =
  | { op: 'query'; tx?: number; sql: string; params: unknown[]; rowMode?: 'array' | 'object'; raw?: number[] }
  | { op: 'exec'; tx?: number; sql: string }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'dump' }
  | { op: 'close' }
  | { op: 'memory' }
/** What pgliteWorkerThread.mjs is sent. */
export type WorkerRequest = Op & { id: number; blob?: ArrayBuffer }

interface WorkerAnswer {
  id: number
  ok: boolean
  value?: unknown
  error?: { name: string; message: string; fields: Record<string, unknown> }
}

/** What a transaction callback is given: PGlite's Transaction, as far as drizzle and store.ts use it. */
export interface PgliteTx {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>
  exec(sql: string): Promise<Results[]>
  rollback(): Promise<void>
  readonly closed: boolean
}

/** The PGlite methods store.ts and drizzle use; PGlite itself and PgliteWorker both provide them. */
export interface PgliteLike {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>
  exec(sql: string): Promise<Results[]>
  transaction<T>(fn: (tx: PgliteTx) => Promise<T>): Promise<T>
  dumpDataDir(compression?: 'gzip'): Promise<Blob>
  close(): Promise<void>
}

/** The worker's module: plain JavaScript beside this file, so the thread needs no TypeScript loader. */
const THREAD = new URL('./pgliteWorkerThread.mjs', import.meta.url)

interface Pending {
  resolve: (v: unknown) => void
  reject: (e: Error) => void
  trace: Error
}

export class PgliteWorker implements PgliteLike {
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private stopped: Error | null = null
  private closing: Promise<void> | null = null

  private constructor(private readonly worker: Worker) {}

  /** Starts the worker and opens the database in it (a directory, a snapshot from `dumpDataDir`, or in memory). */
  static async open(options: { dataDir?: string; loadDataDir?: Blob }): Promise<PgliteWorker> {
    const loadDataDir = options.loadDataDir ? await options.loadDataDir.arrayBuffer() : undefined
    const start: WorkerStart = { dataDir: options.dataDir, loadDataDir }
    const worker = new Worker(THREAD, {
      workerData: start,
      transferList: loadDataDir ? [loadDataDir] : [],
    })
    const client = new PgliteWorker(worker)
    try {
      await client.started()
    } catch (err) {
      await worker.terminate()
      throw err
    }
    return client
  }

  private started(): Promise<void> {
    const trace = new Error()
    const ready = new Promise<unknown>((resolve, reject) => this.pending.set(0, { resolve, reject, trace }))
    this.worker.on('message', (m: WorkerAnswer) => this.answer(m))
    this.worker.on('error', (err) => this.fail(err))
    this.worker.on('exit', () => this.fail(new Error('The embedded database stopped unexpectedly')))
    return ready.then(() => void this.worker.unref())
  }

  private answer(m: WorkerAnswer) {
    const p = this.pending.get(m.id)
    if (!p) return
    this.pending.delete(m.id)
    if (this.pending.size === 0) this.worker.unref()
    if (m.ok) return p.resolve(m.value)
    const { name, message, fields } = m.error!
    const err = Object.assign(new Error(message), fields)
    err.name = name
    // The caller's stack, made when read: an error a caller expects and handles (a unique key already taken) then
    // costs nothing, where formatting it (through source maps in the compiled build) cost tens of milliseconds.
    let stack: string | undefined
    Object.defineProperty(err, 'stack', {
      configurable: true,
      get: () => (stack ??= `${name}: ${message}${p.trace.stack?.slice(p.trace.stack.indexOf('\n')) ?? ''}`),
      set: (v: string) => (stack = v),
    })
    p.reject(err)
  }

  /** The worker died (a crash, or terminated): everything waiting, and everything asked later, is refused. */
  private fail(err: Error) {
    this.stopped ??= err
    for (const p of this.pending.values()) p.reject(this.stopped)
    this.pending.clear()
  }

  private call<T>(op: Op, blob?: ArrayBuffer): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped)
    const id = this.nextId++
    if (this.pending.size === 0) this.worker.ref()
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, trace: new Error() })
      const request: WorkerRequest = { ...op, id, blob }
      this.worker.postMessage(request, blob ? [blob] : [])
    })
  }

  private async run<T>(tx: number | undefined, sql: string, params: unknown[] = [], options: QueryOptions = {}) {
    const parsers = options.parsers
    const raw = parsers ? Object.keys(parsers).map(Number) : undefined
    const blob = options.blob ? await options.blob.arrayBuffer() : undefined
    const rowMode = options.rowMode
    const result = await this.call<Results<T>>({ op: 'query', tx, sql, params, rowMode, raw }, blob)
    if (parsers) applyParsers(result, parsers, rowMode === 'array')
    return result
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.run<T>(undefined, sql, params, options)
  }

  exec(sql: string): Promise<Results[]> {
    return this.call<Results[]>({ op: 'exec', sql })
  }

  async transaction<T>(fn: (tx: PgliteTx) => Promise<T>): Promise<T> {
    const id = await this.call<number>({ op: 'begin' })
    let closed = false
    const open = () => {
      if (closed) throw new Error('Transaction is closed')
    }
    const tx: PgliteTx = {
      query: async <R>(sql: string, params?: unknown[], options?: QueryOptions) => {
        open()
        return this.run<R>(id, sql, params, options)
      },
      exec: async (sql: string) => {
        open()
        return this.call<Results[]>({ op: 'exec', tx: id, sql })
      },
      rollback: async () => {
        open()
        closed = true
        await this.call({ op: 'end', tx: id, commit: false })
      },
      get closed() {
        return closed
      },
    }
    let result: T
    try {
      result = await fn(tx)
    } catch (err) {
      if (!closed) {
        closed = true
        await this.call({ op: 'end', tx: id, commit: false }).catch(() => undefined)
      }
      throw err
    }
    if (!closed) {
      closed = true
      await this.call({ op: 'end', tx: id, commit: true })
    }
    return result
  }

  async dumpDataDir(): Promise<Blob> {
    return new Blob([await this.call<ArrayBuffer>({ op: 'dump' })])
  }

  /** The worker's memory: PostgreSQL's WebAssembly memory and the thread's JavaScript heap, in bytes. */
  memory(): Promise<{ wasmBytes: number; heapUsed: number }> {
    return this.call({ op: 'memory' })
  }

  /** Closes the database (PGlite writes what it holds) and ends the worker. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (!this.stopped) await this.call({ op: 'close' })
      } finally {
        this.stopped ??= new Error('The embedded database is closed')
        await this.worker.terminate()
      }
    })()
    return this.closing
  }
}

/** Applies the caller's parsers to the text the worker left unparsed (PGlite's own rule: nulls are not parsed). */
function applyParsers(result: Results<unknown>, parsers: NonNullable<QueryOptions['parsers']>, arrays: boolean) {
  // In object mode a later column of the same name replaces an earlier one, as in PGlite's rows.
  const byKey = new Map<string | number, (v: string) => unknown>()
  result.fields.forEach((f, i) => {
    const key = arrays ? i : f.name
    const parse = parsers[f.dataTypeID]
    if (parse) byKey.set(key, parse)
    else byKey.delete(key)
  })
  if (!byKey.size) return
  const cols = [...byKey]
  for (const row of result.rows as Record<string | number, unknown>[]) {
    for (const [key, parse] of cols) {
      const v = row[key]
      if (v !== null && v !== undefined) row[key] = parse(v as string)
    }
  }
}
