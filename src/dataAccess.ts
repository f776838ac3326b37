import fs from 'node:fs'
import type { Config } from './config.ts'
import { migrate } from './data/migrate.ts'
import { openStore, pgliteDirFor, type Store } from './data/store.ts'
import { caseworkApiStore } from './engine/returns/dfeApi/caseworkApiStore.ts'
import type { ApiChildStore } from './engine/returns/dfeApi/submission.ts'
import { pgliteTemplatePath } from '../scripts/build/pgliteTemplate.mjs'

export interface DataAccess {
  config: Config
  store: Store
  /** Where DfE CSC API submissions go: the LA casework stores (tests may give an in-memory one). */
  apiChildStore?: ApiChildStore
}

/** Composition root, first step: builds the stores and clients from config and applies pending migrations. */
export async function dataAccess(
  config: Config,
  options: { migrate?: boolean; holder?: string } = {},
): Promise<DataAccess> {
  const pgliteDir = config.databaseUrl ? undefined : pgliteDirFor(config.dataDir)
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    pgliteDir,
    holder: options.holder,
    loadDataDir: pgliteDir && !fs.existsSync(pgliteDir) ? pgliteTemplate() : undefined,
  })
  if (options.migrate !== false) await migrate(store)
  return { config, store, apiChildStore: caseworkApiStore({ dataDir: config.dataDir }) }
}

/**
 * PGlite's empty cluster, made once by `npm install` (scripts/build/pgliteTemplate.mjs): a new data directory starts as
 * a copy of it (about 1.5 s and 370 MB) instead of running initdb (about 5 s, and 800 MB of WebAssembly memory that
 * PGlite never gives back). Without it, PGlite runs initdb as before.
 */
function pgliteTemplate(): Blob | undefined {
  const file = pgliteTemplatePath()
  return fs.existsSync(file) ? new Blob([fs.readFileSync(file)]) : undefined
}
