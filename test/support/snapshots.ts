import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { openStore, pgliteDirFor, type Store } from '../../src/data/store.ts'
import { migrate } from '../../src/data/migrate.ts'
import { loadPublicData, type LoadResult } from '../../src/services/registerService.ts'

/**
 * The full public data, loaded once per test run and cloned per test file.
 *
 * Loading about 400,000 published figures takes 13-40 s on these machines; restoring a PGlite snapshot of the loaded
 * store takes about 3 s, and a PostgreSQL `CREATE DATABASE ... TEMPLATE` well under one. scripts/run-tests.mjs gives
 * every run its own cache directory (SIGHTLINE_TEST_CACHE) and removes it at the end, so a snapshot never outlives the
 * code and data it was made from. A test file run on its own (no cache directory) builds its snapshot in memory.
 */

let inProcess: Promise<Snapshot<PublicDataMeta>> | undefined
let schemaInProcess: Promise<Snapshot<object>> | undefined

/**
 * A PGlite store holding just the migrated schema. Restoring this snapshot costs about 1 CPU second; a new PGlite
 * store runs initdb inside WebAssembly first, about 2-3 s, and every store test opens several.
 */
export async function schemaPglite(options: { inline?: boolean } = {}): Promise<Store> {
  return openStore({ loadDataDir: await schemaSnapshot(), ...options })
}

/**
 * A Sightline data directory (what DATA_DIR names) whose PGlite store holds the migrated schema, restored from the
 * run's snapshot: opened, so a test can add its rows, then closes it before the CLI or an app opens the directory.
 */
export async function schemaPgliteDir(dataDir: string): Promise<Store> {
  return openStore({ pgliteDir: pgliteDirFor(dataDir), loadDataDir: await schemaSnapshot() })
}

/** The snapshot behind `schemaPglite`: a `dumpDataDir` tarball of the migrated, empty schema. */
export function schemaSnapshot(): Promise<Blob> {
  return (schemaInProcess ??= cached('schema', async () => {
    const store = await openStore({})
    try {
      await migrate(store)
      return { blob: await store.dumpDataDir!(), meta: {} }
    } finally {
      await store.close()
    }
  })).then((s) => s.blob)
}

/** A PGlite store holding the migrated schema and the full public data, independent of every other clone. */
export async function publicDataPglite(): Promise<Store> {
  const blob = await pgliteSnapshot()
  return openStore({ loadDataDir: blob })
}

/** What the snapshot's one `loadPublicData` call returned, so a test of the load itself need not load again. */
interface PublicDataMeta {
  load?: LoadResult[]
}

async function buildPgliteSnapshot(): Promise<Snapshot<PublicDataMeta>> {
  // From the migrated schema's snapshot: restoring it costs about 1.5 CPU s, a new store's initdb and migrations 4-5.
  const store = await openStore({ loadDataDir: await schemaSnapshot() })
  try {
    const load = await loadPublicData(store)
    return { blob: await store.dumpDataDir!(), meta: { load } }
  } finally {
    await store.close()
  }
}

function publicDataSnapshot(): Promise<Snapshot<PublicDataMeta>> {
  return (inProcess ??= cached('public-data', buildPgliteSnapshot))
}

/** The PGlite snapshot itself (a `dumpDataDir` tarball): the migrated schema and the full public data. */
export function pgliteSnapshot(): Promise<Blob> {
  return publicDataSnapshot().then((s) => s.blob)
}

/**
 * The results of the `loadPublicData` call that filled the PGlite snapshot: a fresh, migrated store loaded with the
 * shipped files, exactly what a test of the first load would do itself (registerService.test.ts).
 */
export async function pgliteSnapshotLoad(): Promise<LoadResult[]> {
  const { load } = (await publicDataSnapshot()).meta
  if (!load) throw new Error('the public-data snapshot does not record its load')
  return load
}

interface Snapshot<M> {
  blob: Blob
  meta: M
}

/** A snapshot shared by the run's test processes when the runner gave a cache directory; else built in process. */
export function cached<M>(name: string, build: () => Promise<Snapshot<M>>): Promise<Snapshot<M>> {
  const cacheDir = process.env.SIGHTLINE_TEST_CACHE
  if (!cacheDir) return build()
  return sharedFile(path.join(cacheDir, `${name}.pglite.tar.gz`), build)
}

/**
 * One builder across the run's test processes: the first to take the lock file builds and renames the snapshot into
 * place; the others wait for it. A builder that fails removes its lock, so the next process tries again.
 */
async function sharedFile<M>(file: string, build: () => Promise<Snapshot<M>>): Promise<Snapshot<M>> {
  const lock = `${file}.lock`
  const deadline = Date.now() + 10 * 60_000
  while (!fs.existsSync(file)) {
    let fd: number | undefined
    try {
      fd = fs.openSync(lock, 'wx')
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for another test process to build ${file}`)
      await new Promise((r) => setTimeout(r, 250))
      continue
    }
    try {
      const snapshot = await build()
      const tmp = `${file}.${process.pid}.tmp`
      fs.writeFileSync(`${file}.json`, JSON.stringify(snapshot.meta))
      fs.writeFileSync(tmp, Buffer.from(await snapshot.blob.arrayBuffer()))
      // The tarball's rename is the signal that the snapshot (and its metadata, written first) is complete.
      fs.renameSync(tmp, file)
      return snapshot
    } finally {
      fs.closeSync(fd)
      fs.rmSync(lock, { force: true })
    }
  }
  return { blob: new Blob([fs.readFileSync(file)]), meta: JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as M }
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
