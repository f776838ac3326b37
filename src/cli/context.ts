import { loadConfig } from '../config.ts'
import { dataAccess } from '../dataAccess.ts'
import { services, type Services } from '../services/index.ts'

/** Opens the store and services for one CLI command and always closes them. */
export async function withServices<T>(fn: (s: Services) => Promise<T>): Promise<T> {
  const config = loadConfig()
  const da = await dataAccess(config, { holder: commandLabel() })
  try {
    return await fn(services(da))
  } finally {
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
