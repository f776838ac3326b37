import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before } from 'node:test'
import type { Store } from '../../src/data/store.ts'
import { ensureDemoAccounts } from '../../src/services/demoService.ts'
import { Client, startTestApp } from './app.ts'
import { buildOnce } from './buildOnce.ts'
import { openPgliteCopy, schemaPgliteDir, scratchDir } from './snapshots.ts'
import { addBirminghamAndCoventry } from './stores.ts'

/**
 * A web app over the demo plan (Coventry 2014) with the demo accounts, for route tests: call inside describe(); read
 * the fields in tests. `client(username)` is an HTTP client signed in as that demo account.
 */
export function demoPlanApp() {
  const ctx = {
    store: undefined as unknown as Store,
    app: undefined as unknown as Awaited<ReturnType<typeof startTestApp>>,
    planId: 0,
    passwords: {} as Record<string, string>,
    async client(username: string) {
      const c = new Client(ctx.app.url)
      await c.signIn(username, ctx.passwords[username])
      return c
    },
  }
  before(async () => {
    const { store, meta } = await openDemoPlanStore()
    ctx.store = store
    ctx.app = await startTestApp(ctx.store)
    ctx.passwords = meta.passwords
    ctx.planId = meta.planId
  })
  after(async () => {
    await ctx.app?.close()
    await ctx.store?.close()
  })
  return ctx
}

/** A store of its own holding the demo plan (a copy of the one seeded once per run), with the seed's meta. */
export async function openDemoPlanStore(): Promise<{ store: Store; meta: DemoPlanMeta }> {
  const dir = await demoPlanSnapshot()
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as DemoPlanMeta
  return { store: await openPgliteCopy(path.join(dir, 'pglite')), meta }
}

interface DemoPlanMeta {
  passwords: Record<string, string>
  planId: number
}

/**
 * The demo plan, seeded once per test run (in the run's cache directory, else once per process): a directory holding
 * the store's PGlite data directory (`pglite`, never opened: copy it) and `meta.json` (the demo accounts' passwords
 * and the plan's id).
 */
export function demoPlanSnapshot(): Promise<string> {
  return (demoPlanInProcess ??= buildOnce(
    path.join(process.env.SIGHTLINE_TEST_CACHE ?? scratchDir(), 'demo-plan'),
    seedInto,
  ))
}
let demoPlanInProcess: Promise<string> | undefined

async function seedInto(out: string) {
  fs.mkdirSync(out)
  const store = await schemaPgliteDir(out)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-demo-seed-'))
  try {
    await addBirminghamAndCoventry(store)
    // Coventry's 2014 inspection in the register, as the public data has it: the seed links the plan's imported report
    // to it by its publication date (boardReport.test.ts checks the link).
    await store.query(`INSERT INTO inspection (la_code, framework, start_date, end_date, published, overall_grade, source, source_key)
      VALUES ('331', 'SIF', NULL, NULL, '2014-03-21', 'Inadequate', 'test', 'history-331-2014-03-21')`)
    const app = await startTestApp(store)
    const passwords: Record<string, string> = {}
    for (const a of await ensureDemoAccounts(app.services, dataDir)) passwords[a.username] = a.password!
    const planId = await app.services.demo.seedPlan()
    await app.close()
    fs.writeFileSync(path.join(out, 'meta.json'), JSON.stringify({ passwords, planId } satisfies DemoPlanMeta))
  } finally {
    await store.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
