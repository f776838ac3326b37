import { loadConfig } from '../config.ts'
import { dataAccess } from '../dataAccess.ts'
import { services, type Services } from '../services/index.ts'

/** Opens the store and services for one CLI command and always closes them. */
export async function withServices<T>(fn: (s: Services) => Promise<T>): Promise<T> {
  const config = loadConfig()
  const da = await dataAccess(config)
  try {
    return await fn(services(da))
  } finally {
    await da.store.close()
  }
}

export function printJson(value: unknown) {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}
