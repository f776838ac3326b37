import { loadConfig } from './config.ts'
import { DataDirInUseError } from './data/dataDirLock.ts'
import { openForStart } from './startStore.ts'
import { startTimer } from './startTimer.ts'

/**
 * `npm start`: opens the store (migrating it), then serve.ts loads the public data, seeds demo data on an empty data
 * directory and serves. This entry imports only what opening the store needs: the store starts opening (PGlite's
 * worker thread: its WebAssembly, the data directory) and the rest of the app's modules load meanwhile, with
 * `import()`, so on two cores the two overlap instead of running one after the other.
 */
async function main() {
  const time = startTimer()
  await time('modules', () => undefined)
  const config = loadConfig()
  const opening = time('open-store', () => openForStart(config))
  const loading = time('app-modules', () => import('./serve.ts'))
  void loading.catch(() => undefined) // awaited below; a failed open is the error to report if both fail
  const opened = await opening
  const { serve } = await loading
  await serve(config, opened, time)
}

main().catch((err) => {
  console.error(`Sightline could not start: ${err.message}`)
  process.exit(err instanceof DataDirInUseError ? 2 : 1)
})
