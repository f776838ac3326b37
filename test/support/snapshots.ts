import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openStore, pgliteDirFor, type Store } from '../../src/data/store.ts'
import { migrate } from '../../src/data/migrate.ts'
import {
  makePreparedStore,
  preparedLoadResults,
  preparedStoreKey,
  preparedStorePath,
} from '../../src/services/register/preparedStore.ts'
import { buildOnce } from './buildOnce.ts'
import { loadPublicData, type LoadResult } from '../../src/services/registerService.ts'

/**
 * The full public data, loaded once and cloned per test file.
 *
 * Loading about 400,000 published figures takes 13-40 s on these machines. On PGlite the suite copies the prepared store
 * `npm install` made (the loaded public data as a PGlite data directory: publicDataDir) and opens the copy in place,
 * about 1 CPU s; on PostgreSQL a `CREATE DATABASE ... TEMPLATE` of a template loaded once per run, well under one.
 * scripts/run-tests.mjs gives every run its own cache directory (SIGHTLINE_TEST_CACHE) and removes it at the end, so a
 * snapshot never outlives the code and data it was made from. A test file run on its own (no cache directory) builds
 * what it needs in process.
 */

let inProcess: Promise<Blob> | undefined
let schemaInProcess: Promise<Blob> | undefined

/**
 * A PGlite store holding just the migrated schema: a copy of the run's schema directory opened in place, about 0.9 CPU s
 * (restoring the schema's tarball took 1.6; a new PGlite store runs initdb inside WebAssembly first, 2-3 s), and every
 * store test opens several. The copy is removed when the store is closed.
 */
export async function schemaPglite(options: { inline?: boolean } = {}): Promise<Store> {
  return openPgliteCopy(await schemaDir(), options)
}

/**
 * A Sightline data directory (what DATA_DIR names) whose PGlite store holds the migrated schema, copied from the run's
 * schema directory: opened, so a test can add its rows, then closes it before the CLI or an app opens the directory.
 */
export async function schemaPgliteDir(dataDir: string): Promise<Store> {
  copyDir(await schemaDir(), pgliteDirFor(dataDir))
  return openStore({ pgliteDir: pgliteDirFor(dataDir) })
}

/** The migrated, empty schema as a PGlite data directory, never opened: made once per run from schemaSnapshot(). */
function schemaDir(): Promise<string> {
  return (schemaDirInProcess ??= (async () => {
    const dir = path.join(process.env.SIGHTLINE_TEST_CACHE ?? scratchDir(), 'schema-dir')
    return buildOnce(dir, async (tmp) => {
      const store = await openStore({ pgliteDir: tmp, loadDataDir: await schemaSnapshot() })
      await store.close()
    })
  })())
}
let schemaDirInProcess: Promise<string> | undefined

/** Opens a copy of a PGlite data directory (not open) as a store of its own; the copy is removed when it is closed. */
export async function openPgliteCopy(from: string, options: { inline?: boolean } = {}): Promise<Store> {
  const dir = path.join(
    process.env.SIGHTLINE_TEST_CACHE ?? scratchDir(),
    `store-${crypto.randomBytes(6).toString('hex')}`,
  )
  copyDir(from, dir)
  try {
    const store = await openStore({ pgliteDir: dir, ...options })
    return { ...store, close: () => store.close().finally(() => fs.rmSync(dir, { recursive: true, force: true })) }
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw err
  }
}

/** The snapshot behind `schemaPglite`: a `dumpDataDir` tarball of the migrated, empty schema. */
export function schemaSnapshot(): Promise<Blob> {
  return (schemaInProcess ??= cached('schema', async () => {
    const store = await openStore({})
    try {
      await migrate(store)
      return await store.dumpDataDir!()
    } finally {
      await store.close()
    }
  }))
}

/**
 * A PGlite data directory holding the migrated schema and the full public data, never opened: the prepared store that
 * `npm install` made (src/services/register/preparedStore.ts: the same migrations and `loadPublicData` call, keyed by
 * the migrations, the data files and PGlite's version), or, when there is none for the current key or it does not
 * record its load (made by an older version), one prepared the same way once per run into the run's cache directory.
 */
export function publicDataDir(): Promise<string> {
  return (publicDirInProcess ??= (async () => {
    const installed = preparedStorePath(preparedStoreKey())
    if (fs.existsSync(installed) && preparedLoadResults(installed)) return installed
    const cacheDir = path.join(process.env.SIGHTLINE_TEST_CACHE ?? scratchDir(), 'prepared')
    await buildOnce(cacheDir, (tmp) => makePreparedStore({ cacheDir: tmp }))
    return preparedStorePath(preparedStoreKey(), cacheDir)
  })())
}
let publicDirInProcess: Promise<string> | undefined

/**
 * A PGlite store holding the migrated schema and the full public data, independent of every other clone: a copy of
 * publicDataDir() opened in place (PGlite reads the pages it needs from the files), about 1 CPU s where restoring a
 * `dumpDataDir` tarball of the same store took 3.5-4. The copy is removed when the store is closed (and with the
 * process's scratch directory, or the run's cache directory, whatever happens).
 */
export async function publicDataPglite(): Promise<Store> {
  const store = await openPgliteCopy(await publicDataDir())
  await forgetPreparedSetUp(store)
  return store
}

/**
 * A copy of the prepared store holds a first start's set-up progress row (npm install's set-up, begun). Without it the
 * copy is the loaded public data and nothing else, as a first load into a migrated store leaves it, and a server
 * starting on it treats it as a data directory already set up (a first start would discard a copy it did not make).
 */
export async function forgetPreparedSetUp(store: Store) {
  await store.query('DELETE FROM setup_progress')
}

/** Copies a PGlite data directory (not open) to `to`, which must not exist. */
export function copyDir(from: string, to: string) {
  fs.mkdirSync(path.dirname(to), { recursive: true })
  try {
    // The kernel's copy: about a third of the CPU of fs.cpSync for the public data's 240 MB.
    execFileSync('cp', ['-R', from, to], { stdio: 'pipe' })
  } catch {
    fs.rmSync(to, { recursive: true, force: true })
    fs.cpSync(from, to, { recursive: true })
  }
}

let scratch: string | undefined
/** This process's own temporary directory (a test file run on its own has no run cache), removed when it exits. */
export function scratchDir() {
  if (!scratch) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-test-stores-'))
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }))
    scratch = dir
  }
  return scratch
}

/** The public data as a `dumpDataDir` tarball (for what restores a blob: the faults harness, a CLI data directory). */
async function buildPgliteSnapshot(): Promise<Blob> {
  const store = await publicDataPglite()
  try {
    return await store.dumpDataDir!()
  } finally {
    await store.close()
  }
}

/** The PGlite snapshot itself (a `dumpDataDir` tarball): the migrated schema and the full public data. */
export function pgliteSnapshot(): Promise<Blob> {
  return (inProcess ??= cached('public-data', buildPgliteSnapshot))
}

/**
 * The results of the `loadPublicData` call that filled publicDataDir(): a fresh, migrated store loaded with the shipped
 * files, exactly what a test of the first load would do itself (registerService.test.ts).
 */
export async function pgliteSnapshotLoad(): Promise<LoadResult[]> {
  const load = preparedLoadResults(await publicDataDir())
  if (!load) throw new Error('the prepared public data does not record its load')
  return load
}

/**
 * A `dumpDataDir` tarball shared by the run's test processes when the runner gave a cache directory (made once by
 * buildOnce); else built in process.
 */
async function cached(name: string, build: () => Promise<Blob>): Promise<Blob> {
  const cacheDir = process.env.SIGHTLINE_TEST_CACHE
  if (!cacheDir) return build()
  const dir = await buildOnce(path.join(cacheDir, `${name}.pglite`), async (tmp) => {
    const blob = await build()
    fs.mkdirSync(tmp)
    fs.writeFileSync(path.join(tmp, 'data.tar.gz'), Buffer.from(await blob.arrayBuffer()))
  })
  return new Blob([fs.readFileSync(path.join(dir, 'data.tar.gz'))])
}

const TEMPLATE_DB = 'sightline_public_template'
const SCHEMA_TEMPLATE_DB = 'sightline_schema_template'

/**
 * A new PostgreSQL database on the test cluster (TEST_DATABASE_URL) cloned from a template that holds the schema and
 * the full public data; the template is built by the first caller of the run, under an advisory lock.
 */
export function publicDataPostgres(adminUrl: string): Promise<Store> {
  return fromTemplate(adminUrl, TEMPLATE_DB, loadPublicData)
}

/**
 * The results of the `loadPublicData` call that filled the PostgreSQL public-data template (kept as the template
 * database's comment, which its clones do not copy), building the template first if need be.
 */
export async function postgresTemplateLoad(adminUrl: string): Promise<LoadResult[]> {
  await (await publicDataPostgres(adminUrl)).close()
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    const { rows } = await admin.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [TEMPLATE_DB],
    )
    if (!rows[0]?.comment) throw new Error(`the template ${TEMPLATE_DB} does not record its load`)
    return JSON.parse(rows[0].comment) as LoadResult[]
  } finally {
    await admin.end()
  }
}

/** A new PostgreSQL database holding just the migrated schema, cloned from a template built once per run. */
export function schemaPostgres(adminUrl: string): Promise<Store> {
  return fromTemplate(adminUrl, SCHEMA_TEMPLATE_DB, async () => {})
}

async function fromTemplate(adminUrl: string, template: string, fill: (store: Store) => Promise<unknown>) {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`SELECT pg_advisory_lock(hashtext($1))`, [template])
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template])
    if (!exists.rowCount) await buildTemplate(admin, adminUrl, template, fill)
    await admin.query(`SELECT pg_advisory_unlock(hashtext($1))`, [template])
    const dbName = `t_${crypto.randomBytes(6).toString('hex')}`
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${template}`)
    return await openStore({ databaseUrl: withDatabase(adminUrl, dbName) })
  } finally {
    await admin.end()
  }
}

async function buildTemplate(
  admin: pg.Client,
  adminUrl: string,
  template: string,
  fill: (store: Store) => Promise<unknown>,
) {
  const building = `${template}_building_${process.pid}`
  await admin.query(`CREATE DATABASE ${building}`)
  const store = await openStore({ databaseUrl: withDatabase(adminUrl, building) })
  let filled: unknown
  try {
    await migrate(store)
    filled = await fill(store)
  } finally {
    await store.close()
  }
  // What the fill returned (loadPublicData's results), for postgresTemplateLoad.
  if (filled !== undefined) await admin.query(`COMMENT ON DATABASE ${building} IS ${literal(JSON.stringify(filled))}`)
  // Renamed only when complete, so a failed build never leaves a half-loaded template behind.
  await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`)
}

/** A SQL string literal (COMMENT takes no parameters). */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`
}

function withDatabase(adminUrl: string, dbName: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${dbName}`
  return url.toString()
}
