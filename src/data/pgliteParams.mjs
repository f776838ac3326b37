// @ts-check
import { PGlite } from '@electric-sql/pglite'

/**
 * PGlite's start parameters with a smaller buffer cache: 32 MB (PostgreSQL's own default before 9.3) instead of 128 MB,
 * which PGlite allocates in WebAssembly memory at every open. The store is about 100 MB, so pages it does not hold come
 * from the operating system's file cache; the process is about 100 MB smaller from its start on. Used by pgliteWorkerThread.mjs and, for a store on this thread, store.ts.
 */
export const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB']
