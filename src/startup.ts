import fs from 'node:fs'
import path from 'node:path'
import type { Services } from './services/index.ts'
import { ensureDemoAccounts } from './services/demoService.ts'
import { faultPoint } from './services/setupProgress.ts'
import { Worker } from 'node:worker_threads'
import type { SimulateStats } from './engine/simulate/run.ts'
import { simulatedFiles } from './services/casework/demoCasework.ts'
import { SYSTEM_ACTOR } from './services/auditService.ts'
import { startTimer, type StartTimer } from './startTimer.ts'
import { workerBoot } from './workerBoot.ts'

/**
 * Work done at every start, in order: load public data that is missing or changed (checksums make this quick on a
 * second start), then, in demo mode, demo accounts and demo seeds. Each feature adds its step here.
 * Returns the demo accounts (with passwords) when in demo mode, and `background`: the demo casework being written (in
 * a worker thread, beside the rest of the set-up) and then read into Birmingham's casework store, which the server
 * does not wait for (the insight pages say the upload is being read meanwhile). Resolves when the reading is done;
 * never rejects: a failure is logged.
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
    /** Called once the set-up is finished: the services to use from then on (main.ts reopens the store). */
    reopen?: () => Promise<Services>
  },
) {
  const time = options.time ?? startTimer(false)
  await options.setUp?.begin()
  const simulated = options.demo ? simulateDemoCasework(options.dataDir) : undefined
  // Handled below; a failure must not count as unhandled while the set-up steps run.
  simulated?.catch(() => undefined)
  const accounts = await setUpSteps(services, { ...options, time })
  await options.setUp?.finish()
  const serving = (await options.reopen?.()) ?? services
  const background = simulated ? readDemoCasework(serving, options, simulated) : Promise.resolve()
  return { accounts, background }
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
  // The demo plan gives its cast access to Coventry as well: show each account's scope as it now is.
  const users = await services.users.list()
  return accounts.map((a) => {
    const laCodes = users.find((u) => u.username === a.username)?.laCodes
    return laCodes?.length ? { ...a, laCodes } : a
  })
}

/**
 * The simulated Birmingham 2014 returns, written once in a worker thread (demoCaseworkThread.ts) into a temporary
 * directory renamed at the end, so a start stopped half way leaves nothing half-written (its temporary directory is
 * removed at the next start). Resolves with the simulation's figures, or null when they were written before.
 */
async function simulateDemoCasework(dataDir: string): Promise<SimulateStats | null> {
  const casework = demoCaseworkDir(dataDir)
  if (fs.existsSync(casework)) return null
  const parent = path.dirname(casework)
  fs.mkdirSync(parent, { recursive: true })
  for (const f of fs.readdirSync(parent))
    if (f.startsWith(`${path.basename(casework)}.partial-`)) fs.rmSync(path.join(parent, f), { recursive: true })
  const worker = new Worker(workerBoot(new URL('./demoCaseworkThread.ts', import.meta.url)), {
    eval: true,
    workerData: { dir: casework },
  })
  return new Promise((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`the simulation stopped (exit code ${code})`)))
  })
}

/** After the set-up: the simulated returns read into Birmingham's casework store once (insight pages), in the background. */
async function readDemoCasework(
  services: Services,
  options: { dataDir: string; log: (m: string) => void },
  simulated: Promise<SimulateStats | null>,
) {
  try {
    const stats = await simulated
    if (stats)
      options.log(
        `Simulated Birmingham's casework as at 31 March 2014 (birmingham-2014 profile): ${stats.children} children, ${stats.referrals} referrals`,
      )
    const casework = demoCaseworkDir(options.dataDir)
    const current = await (await services.casework.storeFor('330')).currentSnapshotId()
    if (current === null) {
      services.casework.uploads.start('330', simulatedFiles(casework), { asAt: '2014-03-31', actor: SYSTEM_ACTOR })
      await services.casework.uploads.idle()
    } else {
      // A store read before indicators were recorded on upload: record them now (nothing is done when they are stored).
      await services.insight.recordSnapshot('330', current)
    }
  } catch (err) {
    console.error(`The demo casework for Birmingham could not be prepared: ${(err as Error).message}`)
  }
}

/** Where demo mode keeps the simulated Birmingham 2014 returns (Annex A, CIN census, SSDA903, DfE API bodies). */
export function demoCaseworkDir(dataDir: string): string {
  return path.join(dataDir, 'demo-casework', 'birmingham-2014')
}
