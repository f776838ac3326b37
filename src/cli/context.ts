import type { Services } from '../services/index.ts'
import { SetUpUnfinishedError } from './errors.ts'

/**
 * Opens the store and services for one CLI command and always closes them. The store, the services and what they bring
 * in (the report reader, DuckDB, Chromium's driver) are loaded here, when a command runs, not when the CLI starts, so
 * `sightline --help` stays quick.
 */
export async function withServices<T>(fn: (s: Services) => Promise<T>): Promise<T> {
  const [{ loadConfig }, { dataAccess }, { services }, { closePdfBrowser }, { setUpState, unfinishedFirstStart }] =
    await Promise.all([
      import('../config.ts'),
      import('../dataAccess.ts'),
      import('../services/index.ts'),
      import('../services/pdf.ts'),
      import('../services/setupProgress.ts'),
    ])
  const config = loadConfig()
  const da = await dataAccess(config, { holder: commandLabel() })
  if (unfinishedFirstStart(await setUpState(da.store))) {
    await da.store.close()
    throw new SetUpUnfinishedError()
  }
  try {
    return await fn(services(da))
  } finally {
    await closePdfBrowser()
    await da.store.close()
  }
}

/** "the command sightline users add", from the command words only (never its values, which may be secrets). */
export function commandLabel(argv = process.argv.slice(2)) {
  const words: string[] = []
  for (const a of argv) {
    if (!/^[a-z][a-z-]*$/.test(a) || words.length === 2) break
    words.push(a)
  }
  return `the command "sightline ${words.join(' ')}"`
}

export function printJson(value: unknown) {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}
