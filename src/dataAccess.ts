import type { Config } from './config.ts'
import { migrate } from './data/migrate.ts'
import { openStore, pgliteDirFor, type Store } from './data/store.ts'

export interface DataAccess {
  config: Config
  store: Store
}

/** Composition root, first step: builds the stores and clients from config and applies pending migrations. */
export async function dataAccess(config: Config, options: { migrate?: boolean } = {}): Promise<DataAccess> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.databaseUrl ? undefined : pgliteDirFor(config.dataDir),
  })
  if (options.migrate !== false) await migrate(store)
  return { config, store }
}
