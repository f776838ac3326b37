import type { Services } from './services/index.ts'
import { ensureDemoAccounts } from './services/demoService.ts'
import { loadPublicData } from './services/registerService.ts'
import { seedDemoPlan } from './services/demo/seedDemoPlan.ts'
import { seedBirmingham2014 } from './services/demo/seedBirmingham2014.ts'

/**
 * Work done at every start, in order: load public data that is missing or changed (checksums make this quick on a
 * second start), then, in demo mode, demo accounts and demo seeds. Each feature adds its step here.
 * Returns the demo accounts (with passwords) when in demo mode.
 */
export async function startupTasks(
  services: Services,
  options: { demo: boolean; dataDir: string; log: (m: string) => void },
) {
  await services.users.sessions.purgeExpired()
  const loaded = await loadPublicData(services.store)
  const changed = loaded.filter((r) => r.status === 'loaded')
  if (changed.length)
    options.log(`Loaded public data: ${changed.map((r) => `${r.dataset} (${r.rows} rows)`).join(', ')}`)
  if (!options.demo) return undefined
  const accounts = await ensureDemoAccounts(services, options.dataDir)
  // Only a story just seeded (or still untouched) is shown as at its own date: see demoStoryService.
  await services.demoStory.register(await seedDemoPlan(services))
  if (await seedBirmingham2014(services.store, services.interventionRegister))
    options.log('Seeded the Birmingham 2014 intervention story')
  // The demo plan gives its cast access to Coventry as well: show each account's scope as it now is.
  const users = await services.users.list()
  return accounts.map((a) => {
    const laCodes = users.find((u) => u.username === a.username)?.laCodes
    return laCodes?.length ? { ...a, laCodes } : a
  })
}
