import type { Services } from './services/index.ts'
import { ensureDemoAccounts } from './services/demoService.ts'

/**
 * Work done at every start, in order: load public data that is missing or changed (checksums make this quick on a
 * second start), then, in demo mode, demo accounts and demo seeds. Each feature adds its step here.
 * Returns the demo accounts (with passwords) when in demo mode.
 */
export async function startupTasks(services: Services, options: { demo: boolean; dataDir: string; log: (m: string) => void }) {
  await services.users.sessions.purgeExpired()
  if (!options.demo) return undefined
  const accounts = await ensureDemoAccounts(services, options.dataDir)
  return accounts
}
