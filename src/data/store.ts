import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import * as schema from './schema/index.ts'
import { lockDataDir } from './dataDirLock.ts'
import { PgliteWorker, STORE_PARSERS, type PgliteLike } from './pgliteWorker.ts'
import { START_PARAMS } from './pgliteParams.mjs'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
/** A Drizzle transaction has the same query API as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

/** The operational store: Drizzle over embedded PGlite or a PostgreSQL server, with the same raw SQL helpers. */
export interface Store {
  kind: 'pglite' | 'postgres'
  db: Db
  /** Run one or more SQL statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>
  /** Run one parameterised statement and return its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
  /** Bulk-load CSV text into a table with COPY (fast path on both drivers). */
  copyCsv(table: string, columns: string[], csv: string): Promise<void>
  /** Runs fn in one transaction with raw SQL and bulk loading; rolls back if fn throws. */
  rawTransaction<T>(fn: (q: RawQueries) => Promise<T>): Promise<T>
  /** PGlite only: the whole data directory as a gzipped tarball (a consistent snapshot; reopen with `loadDataDir`). */
  dumpDataDir?(): Promise<Blob>
  /** PGlite on disk only: its data directory (absolute), which this process holds the lock of. */
  dir?: string
  /**
   * PGlite only: PostgreSQL's WebAssembly memory (it grows to its high-water mark and never shrinks) and the JavaScript
   * heap of the thread it runs in, in bytes (the memory probe, src/memoryProbe.ts).
   */
  memory?(): Promise<{ wasmBytes: number; heapUsed: number }>
  close(): Promise<void>
}

export interface RawQueries {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
  copyCsv(table: string, columns: string[], csv: string): Promise<void>
}

const INT8 = 20
const DATE = 1082
const NUMERIC = 1700

let pgParsersSet = false
function setPgParsers() {
  if (pgParsersSet) return
  // pg returns count(*) as a string and shifts DATE columns by the local time zone: make both drivers agree.
  pg.types.setTypeParser(INT8, (v) => Number(v))
  pg.types.setTypeParser(DATE, (v) => v)
  pg.types.setTypeParser(NUMERIC, (v) => Number(v))
  pgParsersSet = true
}

export interface StoreOptions {
  databaseUrl?: string
  /** Directory for the PGlite files; omit for an in-memory store (tests). */
  pgliteDir?: string
  /** PGlite only: start from a snapshot made by `dumpDataDir` (tests clone one loaded store this way). */
  loadDataDir?: Blob
  /** Who holds the data directory's lock, as a second process is told (for example "the Sightline server"). */
  holder?: string
  /**
   * PGlite only: run the database on this thread instead of in a worker thread. The worker (the default) keeps the
   * event loop free while a query runs; unset: `pgliteDefaults.inline`.
   */
  inline?: boolean
}

/**
 * Where PGlite runs when a caller does not say (`inline` unset): false, a worker thread. Tests that run the CLI in their
 * own process (test/support/cli.ts) set it for the call: a worker costs about 0.15-0.3 CPU s more to start than the
 * same store on this thread, and the CLI has no event loop to keep free. The worker is still what the server and a real
 * `sightline` process use, and what every other store test runs on.
 */
export const pgliteDefaults = { inline: false }

export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl)
  if (!options.pgliteDir) return openPglite(undefined, options.loadDataDir, options.inline ?? pgliteDefaults.inline)
  const release = lockDataDir(path.resolve(options.pgliteDir), options.holder ?? 'another Sightline process')
  try {
    const store = await openPglite(options.pgliteDir, options.loadDataDir, options.inline ?? pgliteDefaults.inline)
    const close = store.close
    return { ...store, dir: path.resolve(options.pgliteDir), close: () => close().finally(release) }
  } catch (err) {
    release()
    throw err
  }
}

async function openPglite(dir: string | undefined, loadDataDir: Blob | undefined, inline: boolean): Promise<Store> {
  if (dir) fs.mkdirSync(dir, { recursive: true })
  const client = inline ? await openInline(dir, loadDataDir) : await PgliteWorker.open({ dataDir: dir, loadDataDir })
  const db = drizzlePglite(client as unknown as PGlite, { schema }) as unknown as Db
  const copy = (q: Pick<PgliteLike, 'query'>, table: string, columns: string[], csv: string) =>
    q.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) })
  return {
    kind: 'pglite',
    db,
    exec: async (sql) => {
      await client.exec(sql)
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query<T>(sql, params)).rows,
    copyCsv: async (table, columns, csv) => {
      await copy(client, table, columns, csv)
    },
    rawTransaction: (fn) =>
      client.transaction((tx) =>
        fn({
          query: async <T>(sql: string, params: unknown[] = []) => (await tx.query<T>(sql, params)).rows,
          copyCsv: async (table, columns, csv) => {
            await copy(tx, table, columns, csv)
          },
        }),
      ),
    dumpDataDir: () => client.dumpDataDir('gzip'),
    memory: () => (client instanceof PgliteWorker ? client.memory() : inlineMemory(client)),
    close: () => client.close(),
  }
}

/** An in-process PGlite's WebAssembly memory (its heap is this thread's, reported by the probe itself). */
async function inlineMemory(client: PgliteLike) {
  const mod = (client as unknown as { Module?: { HEAPU8?: Uint8Array } }).Module
  return { wasmBytes: mod?.HEAPU8?.buffer.byteLength ?? 0, heapUsed: 0 }
}

/** PGlite on this thread (the store's parsers set once on the instance). */
async function openInline(dir?: string, loadDataDir?: Blob): Promise<PgliteLike> {
  // One options object: `new PGlite(undefined, options)` would drop the options (an in-memory store's parsers).
  const client = new PGlite({ dataDir: dir, parsers: STORE_PARSERS, loadDataDir, startParams: START_PARAMS })
  await client.waitReady
  return client as unknown as PgliteLike
}

async function openPostgres(url: string): Promise<Store> {
  setPgParsers()
  // Ten connections: the web server's handlers run a few queries each, PostgreSQL's default allows 100 connections, and
  // several processes (the server, CLI commands) may share it. A connection that drops while idle (a server restart)
  // is removed by the pool: without a listener its 'error' event would end the process.
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  pool.on('error', () => undefined)
  const db = drizzlePg(pool, { schema }) as unknown as Db
  return {
    kind: 'postgres',
    db,
    exec: async (sql) => {
      await pool.query(sql)
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
    copyCsv: (table, columns, csv) => copyFromStdin(pool, table, columns, csv),
    rawTransaction: async (fn) => {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await fn({
          query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
          copyCsv: (table, columns, csv) => copyFromStdin(client, table, columns, csv),
        })
        await client.query('COMMIT')
        return result
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw err
      } finally {
        client.release()
      }
    },
    close: async () => {
      await pool.end()
    },
  }
}

/**
 * COPY ... FROM STDIN on a PostgreSQL server: the same CSV, the same semantics as PGlite's COPY from a blob (an unquoted
 * empty field is NULL). On a pool, one connection is taken for the COPY and given back.
 */
async function copyFromStdin(db: pg.Pool | pg.PoolClient, table: string, columns: string[], csv: string) {
  const client = db instanceof pg.Pool ? await db.connect() : db
  try {
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`))
    await pipeline(Readable.from([Buffer.from(csv)]), stream)
  } finally {
    if (client !== db) (client as pg.PoolClient).release()
  }
}

export { pgliteDirFor } from './paths.ts'
