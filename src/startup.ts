import fs from 'node:fs'
import path from 'node:path'
import type { Services } from './services/index.ts'
import { ensureDemoAccounts } from './services/demoService.ts'
import { faultPoint } from './services/setupProgress.ts'
import { writeDemoBirmingham } from './services/simulateService.ts'
import { simulatedFiles } from './services/casework/demoCasework.ts'
import { SYSTEM_ACTOR } from './services/auditService.ts'
import { startTimer, type StartTimer } from './startTimer.ts'

/**
 * Work done at every start, in order: load public data that is missing or changed (checksums make this quick on a
 * second start), then, in demo mode, demo accounts and demo seeds. Each feature adds its step here.
 * Returns the demo accounts (with passwords) when in demo mode.
 */
export async function startupTasks(
  services: Services,
  options: {
    demo: boolean
    dataDir: string
    log: (m: string) => void
    /** Records set-up progress in the store (see setupProgress.ts). */
    setUp?: { begin(): Promise<void>; finish(): Promise<void> }
    /** Times each step (see startTimer.ts). */
    time?: StartTimer
  },
) {
  const time = options.time ?? startTimer(false)
  await options.setUp?.begin()
  const accounts = await setUpSteps(services, { ...options, time })
  await options.setUp?.finish()
  return accounts
}

async function setUpSteps(
  services: Services,
  options: { demo: boolean; dataDir: string; log: (m: string) => void; time: StartTimer },
) {
  const { time } = options
  await time('purge-sessions', () => services.users.sessions.purgeExpired())
  const loaded = await time('public-data', () => services.publicData.load())
  faultPoint('set-up:public-data')
  const changed = loaded.filter((r) => r.status === 'loaded')
  if (changed.length)
    options.log(`Loaded public data: ${changed.map((r) => `${r.dataset} (${r.rows} rows)`).join(', ')}`)
  if (!options.demo) return undefined
  const accounts = await time('demo-accounts', () => ensureDemoAccounts(services, options.dataDir))
  faultPoint('set-up:demo-accounts')
  // Only a story just seeded (or still untouched) is shown as at its own date: see demoStoryService.
  await time('demo-plan', async () => services.demoStory.register(await services.demo.seedPlan()))
  faultPoint('set-up:demo-plan')
  if (await time('demo-birmingham-2014', () => services.demo.seedBirmingham2014()))
    options.log('Seeded the Birmingham 2014 intervention story')
  await time('demo-birmingham-plan', () => services.demo.seedBirminghamPlan())
  const casework = demoCaseworkDir(options.dataDir)
  if (!fs.existsSync(casework)) {
    // Written to a temporary directory and renamed at the end, so a crash leaves nothing half-written.
    fs.mkdirSync(path.dirname(casework), { recursive: true })
    const stats = await time('demo-casework-simulate', () => writeDemoBirmingham(casework))
    options.log(
      `Simulated Birmingham's casework as at 31 March 2014 (birmingham-2014 profile): ${stats.children} children, ${stats.referrals} referrals`,
    )
  }
  // The simulated returns are read into Birmingham's casework store once, in the background (insight pages).
  const current = await (await services.casework.storeFor('330')).currentSnapshotId()
  if (current === null)
    services.casework.uploads.start('330', simulatedFiles(casework), { asAt: '2014-03-31', actor: SYSTEM_ACTOR })
  // A store read before indicators were recorded on upload: record them now (nothing is done when they are stored).
  else await services.insight.recordSnapshot('330', current)
  // The demo plan gives its cast access to Coventry as well: show each account's scope as it now is.
  const users = await services.users.list()
  return accounts.map((a) => {
    const laCodes = users.find((u) => u.username === a.username)?.laCodes
    return laCodes?.length ? { ...a, laCodes } : a
  })
}

/** Where demo mode keeps the simulated Birmingham 2014 returns (Annex A, CIN census, SSDA903, DfE API bodies). */
export function demoCaseworkDir(dataDir: string): string {
  return path.join(dataDir, 'demo-casework', 'birmingham-2014')
}
