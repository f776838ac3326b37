import fs from 'node:fs'
import path from 'node:path'
import type { Config } from './config.ts'
import { dataAccess } from './dataAccess.ts'
import { pgliteDirFor } from './data/store.ts'
import { faultPoint, setUpState, unfinishedFirstStart } from './services/setupProgress.ts'

export type OpenedForStart = Awaited<ReturnType<typeof openForStart>>

/** Copies the prepared store into a new data directory (its module, with the public data's loader, only when needed). */
async function copyPrepared(dir: string, holder: { holder: string }) {
  const { copyPreparedStore } = await import('./services/register/preparedStore.ts')
  return copyPreparedStore(dir, holder)
}

/**
 * Opens the store for `npm start`. A first start that was stopped during set-up (see setupProgress.ts) left a data
 * directory nobody has used: on PGlite it is discarded and set up again from nothing; on PostgreSQL every step is run
 * again (each is idempotent) and the start says so.
 */
export async function openForStart(config: Config) {
  const holder = { holder: 'the Sightline server' }
  let fresh = !config.databaseUrl && !fs.existsSync(pgliteDirFor(config.dataDir))
  let prepared = fresh && (await copyPrepared(pgliteDirFor(config.dataDir), holder))
  if (prepared) faultPoint('set-up:prepared-store-copied')
  let da = await dataAccess(config, holder)
  const state = await setUpState(da.store)
  // A prepared store just copied in holds an unfinished set-up row of its own (see preparedStore.ts): it is this start's.
  if (prepared || !unfinishedFirstStart(state)) return { da, fresh, prepared, resumedDemo: false }
  console.log('The first start did not finish (it was stopped during set-up): setting up again from the beginning.')
  if (!config.databaseUrl) {
    await da.store.close()
    fs.rmSync(pgliteDirFor(config.dataDir), { recursive: true, force: true })
    fs.rmSync(path.join(config.dataDir, 'demo-accounts.json'), { force: true })
    prepared = await copyPrepared(pgliteDirFor(config.dataDir), holder)
    da = await dataAccess(config, holder)
    fresh = true
  }
  return { da, fresh, prepared, resumedDemo: state!.demo }
}
