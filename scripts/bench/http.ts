/**
 * Web throughput: signs in and requests the national overview and Birmingham's page with a fixed number of
 * concurrent clients for a bounded number of requests, against a server on this machine only.
 * Prints requests per second and latency percentiles, and the ratio to the design's reference (~900 req/s for a
 * plain GOV.UK page on this machine; these pages query the store and render 153-row tables or several charts).
 * Usage: npm run bench:http [-- --requests 400 --concurrency 8]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../src/config.ts'
import { dataAccess } from '../../src/dataAccess.ts'
import { createApp } from '../../src/server/app.ts'
import { services as buildServices } from '../../src/services/index.ts'
import { loadPublicData } from '../../src/services/registerService.ts'
import { Client } from '../../test/support/app.ts'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const REQUESTS = arg('requests', 400)
const CONCURRENCY = arg('concurrency', 8)
const REFERENCE_RPS = 900

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-bench-'))
const config = loadConfig({ NODE_ENV: 'production' }, { dataDir, logLevel: 'silent', databaseUrl: undefined })
const da = await dataAccess(config)
const services = buildServices(da)
await loadPublicData(da.store)
await services.users.add({
  username: 'bench',
  displayName: 'Bench',
  role: 'national',
  title: 'bench',
  password: 'benchmark-password-1',
})
const server = createApp(services).listen(0, '127.0.0.1')
await new Promise((r) => server.once('listening', r))
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`

async function run(label: string, pagePath: string) {
  const clients = await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const c = new Client(url)
      // Production cookies are Secure; over plain http on loopback we pass the cookie by hand, so that is fine.
      await c.signIn('bench', 'benchmark-password-1')
      return c
    }),
  )
  const latencies: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    clients.map(async (c) => {
      while (next < REQUESTS) {
        next++
        const t = performance.now()
        const res = await c.request('GET', pagePath)
        if (res.status !== 200) throw new Error(`${pagePath} answered ${res.status}`)
        latencies.push(performance.now() - t)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1)
  const rps = latencies.length / seconds
  console.log(
    `${label.padEnd(22)} ${latencies.length} requests, ${CONCURRENCY} clients: ${rps.toFixed(0)} req/s (ratio to ${REFERENCE_RPS} req/s reference: ${(rps / REFERENCE_RPS).toFixed(2)}); latency p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms`,
  )
}

try {
  await run('national overview', '/')
  await run('LA page (Birmingham)', '/la/330')
  await run('health', '/health')
  console.log(`rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`)
} finally {
  server.close()
  await da.store.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
}
