import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before } from 'node:test'
import type { Store } from '../../src/data/store.ts'
import { ensureDemoAccounts } from '../../src/services/demoService.ts'
import { Client, startTestApp } from './app.ts'
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
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-demo-plan-'))
  before(async () => {
    ctx.store = await storesUnderTest()[0].open()
    await ctx.store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
      ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan district', true),
      ('331', 'E08000026', 'Coventry', 'West Midlands', 'Metropolitan district', true)`)
    ctx.app = await startTestApp(ctx.store)
    for (const a of await ensureDemoAccounts(ctx.app.services, dataDir)) ctx.passwords[a.username] = a.password!
    ctx.planId = await ctx.app.services.demo.seedPlan()
  })
  after(async () => {
    await ctx.app?.close()
    await ctx.store?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })
  return ctx
}
