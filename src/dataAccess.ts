import type { Config } from './config.ts'
import { migrate } from './data/migrate.ts'
import { openStore, pgliteDirFor, type Store } from './data/store.ts'
import { caseworkApiStore } from './engine/returns/dfeApi/caseworkApiStore.ts'
import type { ApiChildStore } from './engine/returns/dfeApi/submission.ts'

export interface DataAccess {
  config: Config
  store: Store
  /** Where DfE CSC API submissions go: the LA casework stores (tests may give an in-memory one). */
  apiChildStore?: ApiChildStore
}

/** Composition root, first step: builds the stores and clients from config and applies pending migrations. */
export async function dataAccess(
  config: Config,
  options: { migrate?: boolean; holder?: string; loadDataDir?: Blob } = {},
): Promise<DataAccess> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.databaseUrl ? undefined : pgliteDirFor(config.dataDir),
    holder: options.holder,
    loadDataDir: config.databaseUrl ? undefined : options.loadDataDir,
  })
  if (options.migrate !== false) await migrate(store)
  return { config, store, apiChildStore: caseworkApiStore({ dataDir: config.dataDir }) }
}
