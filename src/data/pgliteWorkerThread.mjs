// @ts-check
/**
 * The worker thread that owns one embedded PGlite database (pgliteWorker.ts is its client in the main thread). PGlite
 * runs PostgreSQL compiled to WebAssembly synchronously: on the web server's event loop a slow query stalled every
 * other request. Here it stalls only this thread.
 *
 * Plain JavaScript, so the thread starts without the TypeScript loader (tsx costs a new thread about 0.2 CPU seconds
 * and a second of wall time on a loaded machine) and loads the same way from src/ and from a compiled build.
 *
 * Requests { id, op, ... } (WorkerRequest in pgliteWorker.ts) are answered { id, ok: true, value } or
 * { id, ok: false, error }. PGlite has one connection: while a transaction is open (op 'begin' .. 'end'), other
 * requests wait in PGlite's own transaction lock, exactly as they did in process. Parser functions cannot cross
 * threads: a query names the type OIDs its caller parses itself ('raw'), and those come back as PostgreSQL's text;
 * every other type uses the store's parsers below.
 */
import v8 from 'node:v8'
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { START_PARAMS } from './pgliteParams.mjs'

/** The store's parsers, as STORE_PARSERS in pgliteWorker.ts: counts and numerics as numbers, dates as text. */
const STORE_PARSERS = {
  20: (/** @type {string} */ v) => Number(v),
  1082: (/** @type {string} */ v) => v,
  1700: (/** @type {string} */ v) => Number(v),
}

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort)
/** @type {{ dataDir?: string, loadDataDir?: ArrayBuffer }} */
const start = workerData
const identity = (/** @type {string} */ v) => v

/** @type {Map<number, { tx: import('@electric-sql/pglite').Transaction, decide: (commit: boolean) => void, done: Promise<void> }>} */
const txs = new Map()
let nextTx = 1
/** @type {Map<string, Record<number, (v: string) => string>>} */
const rawParsers = new Map()

/** @param {number[]} raw */
function parsersFor(raw) {
  const key = raw.join(',')
  let p = rawParsers.get(key)
  if (!p) rawParsers.set(key, (p = Object.fromEntries(raw.map((oid) => [oid, identity]))))
  return p
}

/** The error's own fields (code, detail, constraint, ...) survive the trip; functions and options do not. */
function serialiseError(/** @type {unknown} */ err) {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fields: {} }
  /** @type {Record<string, unknown>} */
  const fields = {}
  for (const [k, v] of Object.entries(err)) {
    if (k === 'queryOptions' || k === 'params' || typeof v === 'function' || v === undefined) continue
    if (v === null || typeof v !== 'object') fields[k] = v
  }
  return { name: err.name, message: err.message, fields }
}

/** @param {import('@electric-sql/pglite').Results} r */
function plain(r) {
  return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows, command: r.command, rowCount: r.rowCount }
}

/** Opens a transaction that stays open until 'end' decides it. @param {PGlite} db */
async function begin(db) {
  const id = nextTx++
  /** @type {() => void} */
  let opened = () => {}
  const ready = new Promise((r) => (opened = () => r(undefined)))
  /** @type {(commit: boolean) => void} */
  let decide = () => {}
  const decided = new Promise((r) => (decide = r))
  const done = db.transaction(async (tx) => {
    txs.set(id, { tx, decide, done })
    opened()
    if (!(await decided)) await tx.rollback()
  })
  // BEGIN itself may fail (a closed database): then `done` rejects before the transaction opens.
  await Promise.race([ready, done])
  return id
}

/** @param {number} id @param {boolean} commit */
async function end(id, commit) {
  const open = txs.get(id)
  if (!open) throw new Error('Transaction is closed')
  txs.delete(id)
  open.decide(commit)
  await open.done
}

/** @param {PGlite} db @param {number | undefined} tx */
function target(db, tx) {
  const t = tx ? txs.get(tx)?.tx : db
  if (!t) throw new Error('Transaction is closed')
  return t
}

/** @param {PGlite} db @param {any} m a WorkerRequest */
async function handle(db, m) {
  switch (m.op) {
    case 'query': {
      /** @type {import('@electric-sql/pglite').QueryOptions} */
      const options = { rowMode: m.rowMode ?? 'object' }
      if (m.raw?.length) options.parsers = parsersFor(m.raw)
      if (m.blob) options.blob = new Blob([m.blob])
      return plain(await target(db, m.tx).query(m.sql, m.params, options))
    }
    case 'exec':
      return (await target(db, m.tx).exec(m.sql)).map(plain)
    case 'begin':
      return begin(db)
    case 'end':
      return end(m.tx, m.commit)
    case 'dump':
      return (await db.dumpDataDir('gzip')).arrayBuffer()
    case 'close':
      await db.close()
      return null
    case 'memory':
      return memory(db)
  }
  throw new Error(`unknown request ${m.op}`)
}

/**
 * This thread's memory (the memory probe, src/memoryProbe.ts): PostgreSQL's WebAssembly memory, which grows to its
 * high-water mark and never shrinks, and this thread's own JavaScript heap (after a collection when the process runs
 * with --expose-gc). @param {PGlite} db
 */
function memory(db) {
  const gc = /** @type {{ gc?: () => void }} */ (globalThis).gc
  if (gc) gc()
  const heap = v8.getHeapStatistics()
  return { wasmBytes: db.Module?.HEAPU8?.buffer?.byteLength ?? 0, heapUsed: heap.used_heap_size }
}

async function main() {
  // One options object: `new PGlite(undefined, options)` would drop the options (an in-memory store's parsers).
  const loadDataDir = start.loadDataDir ? new Blob([start.loadDataDir]) : undefined
  const db = new PGlite({ dataDir: start.dataDir, parsers: STORE_PARSERS, loadDataDir, startParams: START_PARAMS })
  try {
    await db.waitReady
  } catch (err) {
    port.postMessage({ id: 0, ok: false, error: serialiseError(err) })
    return
  }
  port.on('message', (/** @type {{ id: number }} */ m) => {
    handle(db, m).then(
      (value) => {
        try {
          port.postMessage({ id: m.id, ok: true, value }, value instanceof ArrayBuffer ? [value] : [])
        } catch (err) {
          port.postMessage({ id: m.id, ok: false, error: serialiseError(err) })
        }
      },
      (err) => port.postMessage({ id: m.id, ok: false, error: serialiseError(err) }),
    )
  })
  port.postMessage({ id: 0, ok: true, value: 'ready' })
}

void main()
