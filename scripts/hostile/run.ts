/**
 * npm run test:hostile: the whole hostile corpus against a real Sightline HTTP server on 127.0.0.1 (in this process,
 * so the checks can read the store), over the demo plan (Coventry) with the demo accounts.
 * Prints `hostile: N inputs, N crashes, N stored`; exits 1 if anything crashed, was stored or a control was refused.
 * Usage: npm run test:hostile [-- --fast] [-- --verbose]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ensureDemoAccounts } from '../../src/services/demoService.ts'
import { startTestApp } from '../../test/support/app.ts'
import { storesUnderTest } from '../../test/support/stores.ts'
import { runHostile } from './harness.ts'

const fast = process.argv.includes('--fast')
const verbose = process.argv.includes('--verbose')
const started = Date.now()
const store = await storesUnderTest()[0].open()
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-hostile-'))
await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
  ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan district', true),
  ('331', 'E08000026', 'Coventry', 'West Midlands', 'Metropolitan district', true)`)
const app = await startTestApp(store)
const passwords: Record<string, string> = {}
for (const a of await ensureDemoAccounts(app.services, dataDir)) passwords[a.username] = a.password!
const planId = await app.services.demo.seedPlan()
const rssStart = process.memoryUsage().rss
let peakRss = rssStart
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100)
try {
  const tally = await runHostile(
    { url: app.url, store, services: app.services, planId, passwords },
    { fast, log: verbose ? (l) => console.log(`  ${l}`) : undefined },
  )
  for (const f of tally.findings) console.log(`  ${f}`)
  for (const b of tally.brokenControls) console.log(`  control refused (harness not measuring): ${b}`)
  console.log(
    `# ${fast ? 'fast subset' : 'full corpus'} in ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
      `server RSS ${(rssStart / 2 ** 20).toFixed(0)} MB at start, peak ${(peakRss / 2 ** 20).toFixed(0)} MB`,
  )
  console.log(`hostile: ${tally.inputs} inputs, ${tally.crashes} crashes, ${tally.stored} stored`)
  process.exitCode = tally.crashes || tally.stored || tally.brokenControls.length ? 1 : 0
} finally {
  clearInterval(sampler)
  await app.close()
  await store.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
}
