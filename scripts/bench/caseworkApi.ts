/**
 * DfE CSC API throughput: 100-child requests (the simulator's bodies for Birmingham) sent with autocannon over
 * loopback to a Sightline server on this machine, into a casework store in a temporary data directory, as a DfE
 * sender sends them (token from the token endpoint, Bearer and SupplierKey). Every answer must be 200.
 * Target (issue 14): 20 or more requests a second sustained. Prints `bench:caseworkApi {"apiRps":..}`.
 * Usage: node --import tsx scripts/bench/caseworkApi.ts [--seconds 10 --connections 4]
 * From bench:casework: `const { apiRps } = await benchCaseworkApi()`.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { loadConfig } from '../../src/config.ts'
import { dataAccess } from '../../src/dataAccess.ts'
import { memoryOutput } from '../../src/engine/simulate/output.ts'
import { parseProfiles } from '../../src/engine/simulate/profiles.ts'
import { simulate } from '../../src/engine/simulate/run.ts'
import { createApp } from '../../src/server/app.ts'
import { SYSTEM_ACTOR } from '../../src/services/auditService.ts'
import { services as buildServices } from '../../src/services/index.ts'
import { publicFigures } from '../../src/services/simulateService.ts'

export interface CaseworkApiFigures {
  apiRps: number
  requests: number
  children: number
  p50Ms: number
  p99Ms: number
  non200: number
  cpuMsPerRequest: number
}

/** The simulator's request bodies of exactly 100 children for LA 330 (a part-filled last body is left out). */
async function fullBodies(scale: number): Promise<string[]> {
  const out = memoryOutput()
  const o = { las: ['330'], asAt: '2014-03-31', years: 1, seed: 'bench', scale, formats: ['dfe-api-json' as const] }
  await simulate({ ...o, profiles: parseProfiles('birmingham-2014') }, publicFigures(), out)
  return [...out.files.keys()]
    .filter((k) => k.startsWith('dfe-api/'))
    .sort()
    .map((k) => out.files.get(k)!.toString())
    .filter((text) => JSON.parse(text).length === 100)
}

export async function benchCaseworkApi(o: { seconds?: number; connections?: number; scale?: number } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-bench-api-'))
  // A rate limit far above the load: this measures the endpoint, not the limiter.
  const api = { tokenSeconds: 3600, perMinute: 1_000_000, burst: 1_000_000, bodyLimitBytes: 5 * 1024 * 1024 }
  const config = loadConfig({ NODE_ENV: 'production' }, { dataDir, logLevel: 'silent', databaseUrl: undefined, api })
  const da = await dataAccess(config)
  const services = buildServices(da)
  const server = createApp(services).listen(0, '127.0.0.1')
  try {
    await new Promise((r) => server.once('listening', r))
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    await da.store.query(
      `INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current)
       VALUES ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan District', true)`,
    )
    const made = await services.apiClients.register({ laCode: '330', name: 'bench sender', actor: SYSTEM_ACTOR })
    const tokenRes = await fetch(`${url}/api/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: made.client.clientId,
        client_secret: made.clientSecret,
        scope: 'api://sightline/.default',
        grant_type: 'client_credentials',
      }).toString(),
    })
    const { access_token: token } = (await tokenRes.json()) as { access_token: string }
    const bodies = await fullBodies(o.scale ?? 0.15)
    const headers = {
      authorization: `Bearer ${token}`,
      supplierkey: made.supplierKey,
      'content-type': 'application/json',
    }
    // The day's first request copies the current snapshot: send one before measuring the steady state.
    const first = await fetch(`${url}/api/children_social_care_data/330/children`, {
      method: 'POST',
      headers,
      body: bodies[0],
    })
    if (first.status !== 200) throw new Error(`warm-up request answered ${first.status}: ${await first.text()}`)
    const cpu = process.cpuUsage()
    const result = await autocannon({
      url,
      connections: o.connections ?? 4,
      duration: o.seconds ?? 10,
      requests: bodies.map((body) => ({
        method: 'POST' as const,
        path: '/api/children_social_care_data/330/children',
        headers,
        body,
      })),
    })
    const used = process.cpuUsage(cpu)
    const requests = result.requests.total
    return {
      // CPU of this process (server, DuckDB threads and autocannon) per request: what the rate would be on a quiet
      // machine is about 1000 / cpuMsPerRequest times the cores free, whatever else runs now.
      cpuMsPerRequest: Math.round(((used.user + used.system) / 1000 / requests) * 10) / 10,
      apiRps: Math.round((requests / result.duration) * 10) / 10,
      requests,
      children: requests * 100,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      non200: result.non2xx + result.errors,
    } satisfies CaseworkApiFigures
  } finally {
    await new Promise((r) => server.close(r))
    await da.apiChildStore?.close?.()
    await da.store.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`)
    return i > 0 ? Number(process.argv[i + 1]) : undefined
  }
  const figures = await benchCaseworkApi({ seconds: arg('seconds'), connections: arg('connections') })
  if (figures.non200) console.error(`${figures.non200} answers were not 200`)
  console.log(
    `DfE CSC API: ${figures.requests} requests of 100 children in ${arg('seconds') ?? 10} s: ${figures.apiRps} req/s ` +
      `(target >= 20), latency p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms; ${figures.cpuMsPerRequest} ms CPU a ` +
      `request; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
  )
  console.log(`bench:caseworkApi ${JSON.stringify({ apiRps: figures.apiRps })}`)
  if (figures.non200) process.exitCode = 1
}
