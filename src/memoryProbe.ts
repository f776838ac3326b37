import type { Store } from './data/store.ts'
import type { Services } from './services/index.ts'
import { gaugeSizes } from './services/memoryGauges.ts'

/**
 * The server's memory, part by part, for `npm run bench:load` (which starts the server with an IPC channel and
 * --expose-gc and asks for these every 15 s). RSS alone mixes things that behave differently: the JavaScript heap (which
 * a leak grows), buffers outside it, PGlite's WebAssembly memory (grows to its high-water mark and never shrinks),
 * DuckDB's buffer pool (fills up to its memory limit with pages it may drop), and the allocator's free pages.
 * Nothing here is reachable over HTTP: only a parent process that started the server with an IPC channel can ask.
 */
export interface MemoryFigures {
  /** Whether a full collection ran just before (the server was started with --expose-gc). */
  gcForced: boolean
  rssMB: number
  heapUsedMB: number
  heapTotalMB: number
  /** C++ objects bound to JavaScript ones, and Buffers/ArrayBuffers (arrayBuffersMB is part of it). */
  externalMB: number
  arrayBuffersMB: number
  /** PGlite only: PostgreSQL's WebAssembly memory (its high-water mark) and its worker thread's JavaScript heap. */
  pgliteWasmMB: number | null
  pgliteHeapMB: number | null
  /** What DuckDB holds for the open casework stores. */
  duckdbMB: number
  duckdbStores: number
  /** Sessions in the store (ended ones are purged by housekeeping). */
  sessions: number
  /** Entries held by each in-memory cache (memoryGauges.ts). */
  caches: Record<string, number>
}

const MB = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10

/** Measures now (after a full collection when the process allows one). */
export async function memoryFigures(current: () => { services: Services; store: Store }): Promise<MemoryFigures> {
  const { services, store } = current()
  const pglite = store.memory ? await store.memory() : undefined
  const duck = await services.casework.memory()
  const sessions = await services.users.sessions.count()
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const m = process.memoryUsage()
  return {
    gcForced: Boolean(gc),
    rssMB: MB(m.rss),
    heapUsedMB: MB(m.heapUsed),
    heapTotalMB: MB(m.heapTotal),
    externalMB: MB(m.external),
    arrayBuffersMB: MB(m.arrayBuffers),
    pgliteWasmMB: pglite ? MB(pglite.wasmBytes) : null,
    pgliteHeapMB: pglite ? MB(pglite.heapUsed) : null,
    duckdbMB: MB(duck.bytes),
    duckdbStores: duck.stores,
    sessions,
    caches: gaugeSizes(),
  }
}

/** Answers { type: 'sightline:memory', id } on the IPC channel, when the server has one, with MemoryFigures. */
export function installMemoryProbe(current: () => { services: Services; store: Store }) {
  if (!process.send) return
  process.channel?.unref()
  process.on('message', (m: { type?: string; id?: number }) => {
    if (m?.type !== 'sightline:memory') return
    memoryFigures(current).then(
      (figures) => process.send?.({ type: 'sightline:memory', id: m.id, figures }),
      (err: Error) => process.send?.({ type: 'sightline:memory', id: m.id, error: err.message }),
    )
  })
}
