import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { lockDataDir } from '../../data/dataDirLock.ts'
import { migrate, readMigrations } from '../../data/migrate.ts'
import { openStore } from '../../data/store.ts'
import { pgliteTemplatePath } from '../../../scripts/build/pgliteTemplate.mjs'
import { beginSetUp } from '../setupProgress.ts'
import { loadPublicData, PUBLIC_DATA_DIR, type LoadResult } from '../registerService.ts'
import { fileLabel, hashFiles } from './loadHelpers.ts'
import { loadSteps } from './loadSteps.ts'

/**
 * The prepared store: a PGlite data directory with every migration applied and the repository's public data loaded (by
 * the same loader, `loadPublicData`, so the `dataset` table and the audit trail record each file's checksum as a load at
 * start would), made once by `npm install` (scripts/build/preparedStore.mjs) into node_modules/.cache/sightline. A first
 * `npm start` on a new data directory copies it in (well under a second) instead of loading the public data itself
 * (about 12 CPU seconds and hundreds of MB of WebAssembly memory PGlite never gives back). The start then runs the
 * migrations and the public data load as always: both find nothing to do.
 *
 * Its name carries a key of everything it was made from: PGlite's version, each migration and its checksum, and each
 * dataset's files, checksum and reader version. A new migration, changed data file or PGlite upgrade makes a different
 * key, so a start never copies a stale one: it sets up from PGlite's empty cluster as before.
 *
 * It holds one set-up progress row ("set-up" begun, not finished: see setupProgress.ts), so a first start killed after
 * copying it in and before its own set-up is recorded is still seen as unfinished and set up again from the beginning.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
export const PREPARED_STORE_CACHE = path.join(ROOT, 'node_modules', '.cache', 'sightline')
const PREFIX = 'pglite-prepared-'

const sha256 = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex')

/** The key of a prepared store for the installed PGlite, the current migrations and the public data in `publicDir`. */
export function preparedStoreKey(publicDir = PUBLIC_DATA_DIR): string {
  const parts = [path.basename(pgliteTemplatePath())]
  for (const m of readMigrations()) parts.push(`migration ${m.id} ${m.checksum}`)
  for (const step of loadSteps(publicDir)) {
    parts.push(`dataset ${step.name} ${fileLabel(step.files)} ${hashFiles(publicDir, step.files).sha256}`)
  }
  return sha256(parts.join('\n')).slice(0, 24)
}

export function preparedStorePath(key: string, cacheDir = PREPARED_STORE_CACHE) {
  return path.join(cacheDir, `${PREFIX}${key}`)
}

/** Beside each prepared store: what its `loadPublicData` call returned (datasets, rows, warnings, time), as JSON. */
const LOAD_PREFIX = 'prepared-load-'
const loadFileOf = (preparedDir: string) =>
  path.join(path.dirname(preparedDir), `${LOAD_PREFIX}${path.basename(preparedDir).slice(PREFIX.length)}.json`)

/**
 * What the load that filled a prepared store returned, or undefined when it was not recorded (a store prepared by an
 * older version). The test suite checks a first load of the public data against it instead of loading again.
 */
export function preparedLoadResults(preparedDir: string): LoadResult[] | undefined {
  try {
    return JSON.parse(fs.readFileSync(loadFileOf(preparedDir), 'utf8')) as LoadResult[]
  } catch {
    return undefined
  }
}

/**
 * Makes the prepared store for the current key (nothing when it exists) and removes prepared stores of other keys.
 * Written under a temporary name and renamed, so a copy never sees half of one. Returns its directory.
 */
export async function makePreparedStore(
  options: { cacheDir?: string; publicDir?: string; log?: (m: string) => void } = {},
): Promise<string> {
  const cacheDir = options.cacheDir ?? PREPARED_STORE_CACHE
  const publicDir = options.publicDir ?? PUBLIC_DATA_DIR
  const final = preparedStorePath(preparedStoreKey(publicDir), cacheDir)
  if (!fs.existsSync(final)) {
    const startedAt = Date.now()
    fs.mkdirSync(cacheDir, { recursive: true })
    const tmp = `${final}.partial-${process.pid}`
    fs.rmSync(tmp, { recursive: true, force: true })
    const template = pgliteTemplatePath()
    const store = await openStore({
      pgliteDir: tmp,
      holder: 'npm install (preparing the public data)',
      loadDataDir: fs.existsSync(template) ? new Blob([fs.readFileSync(template)]) : undefined,
    })
    try {
      await migrate(store)
      fs.writeFileSync(loadFileOf(final), JSON.stringify(await loadPublicData(store, { dir: publicDir })))
      // A first start killed before recording its own set-up must still find an unfinished one (see above).
      await beginSetUp(store, { fresh: true, demo: false })
    } finally {
      await store.close()
    }
    fs.renameSync(tmp, final)
    options.log?.(`Prepared the public data for a first start in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)
  }
  for (const name of fs.readdirSync(cacheDir)) {
    // Other keys' stores, and what a preparation that was stopped left (its process no longer runs).
    const partOf = /\.partial-(\d+)$/.exec(name)?.[1]
    const stale = partOf ? !running(Number(partOf)) : ![final, loadFileOf(final)].includes(path.join(cacheDir, name))
    if ((name.startsWith(PREFIX) || name.startsWith(LOAD_PREFIX)) && stale)
      fs.rmSync(path.join(cacheDir, name), { recursive: true, force: true })
  }
  return final
}

function running(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * For a first start: copies the prepared store matching the current key into `pgliteDir` (which must not exist), under
 * a temporary name renamed at the end. Returns false, changing nothing, when there is no matching prepared store.
 */
export function copyPreparedStore(
  pgliteDir: string,
  options: { cacheDir?: string; publicDir?: string; holder?: string } = {},
): boolean {
  const source = preparedStorePath(preparedStoreKey(options.publicDir), options.cacheDir)
  if (!fs.existsSync(source)) return false
  const parent = path.dirname(pgliteDir)
  fs.mkdirSync(parent, { recursive: true })
  // Under the data directory's lock: a second process starting on it meanwhile is refused, as when it is open.
  const release = lockDataDir(path.resolve(pgliteDir), options.holder ?? 'the Sightline server')
  try {
    if (fs.existsSync(pgliteDir)) return false
    for (const f of fs.readdirSync(parent))
      if (f.startsWith(`${path.basename(pgliteDir)}.partial-`)) fs.rmSync(path.join(parent, f), { recursive: true })
    const tmp = `${pgliteDir}.partial-${process.pid}`
    fs.cpSync(source, tmp, { recursive: true, mode: fs.constants.COPYFILE_FICLONE })
    fs.renameSync(tmp, pgliteDir)
    return true
  } finally {
    release()
  }
}
