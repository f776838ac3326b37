import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before } from 'node:test'
import { openStore, type Store } from '../../src/data/store.ts'
import { ensureDemoAccounts } from '../../src/services/demoService.ts'
import { Client, startTestApp } from './app.ts'
import { cached } from './snapshots.ts'
import { storesUnderTest } from './stores.ts'

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
    // Seeded once per test run (test/support/snapshots.ts); each test file gets its own copy.
    const { blob, meta } = await demoPlanSnapshot()
    ctx.store = await openStore({ loadDataDir: blob })
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

/** The demo plan's store as a snapshot (made once per test run), with the demo accounts' passwords and the plan's id. */
export function demoPlanSnapshot() {
  return cached('demo-plan', seedOnce)
}

async function seedOnce() {
  const store = await storesUnderTest()[0].open()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-demo-seed-'))
  try {
    await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
      ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan district', true),
      ('331', 'E08000026', 'Coventry', 'West Midlands', 'Metropolitan district', true)`)
    // Coventry's 2014 inspection in the register, as the public data has it: the seed links the plan's imported report
    // to it by its publication date (boardReport.test.ts checks the link).
    await store.query(`INSERT INTO inspection (la_code, framework, start_date, end_date, published, overall_grade, source, source_key)
      VALUES ('331', 'SIF', NULL, NULL, '2014-03-21', 'Inadequate', 'test', 'history-331-2014-03-21')`)
    const app = await startTestApp(store)
    const passwords: Record<string, string> = {}
    for (const a of await ensureDemoAccounts(app.services, dataDir)) passwords[a.username] = a.password!
    const planId = await app.services.demo.seedPlan()
    await app.close()
    return { blob: await store.dumpDataDir!(), meta: { passwords, planId } }
  } finally {
    await store.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
