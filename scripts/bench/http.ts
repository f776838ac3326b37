/**
 * Web throughput against a reference measured in the same run (issue 16). For each store (PGlite, and PostgreSQL when
 * its server binaries exist) a child process (httpServer.ts) serves Sightline, signed in, and a bare Express 5 +
 * Nunjucks reference app; this process loads each page with autocannon at 10 and 50 connections, right after loading
 * the reference page of the same size (or, for /health, a bare JSON route), and prints req/s, p50/p95/p99, errors,
 * timeouts and the ratio to the reference. The last line is `bench:http {json}`. Beside it, the server process's CPU
 * time per request (all its threads, PGlite's worker included) for the page and the reference, and their ratio: on a
 * shared machine, where the req/s of two loads a few seconds apart see different neighbours, it is the steadier figure.
 * Usage: npm run bench:http [-- --duration 20 --connections 10,50 --stores pglite,postgres --pages overview,la
 *   --env development --profile DIR]
 * `--profile DIR` writes a CPU profile of the server's thread during each page's load (DIR/<store>-<page>-c<n>.cpuprofile;
 * `node --import tsx scripts/bench/profileTop.ts FILE` prints where the time went).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { startPostgres } from './postgres.ts'
import { urls } from '../../src/server/urls.ts'

const root = path.resolve(import.meta.dirname, '..', '..')
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const DURATION = Number(arg('duration', '5'))
const CONNECTIONS = arg('connections', '10,50').split(',').map(Number)
const STORES = arg('stores', 'pglite,postgres').split(',')
/** Page ids (`dashboard` is the interventions dashboard's other name). */
const ONLY = arg('pages', '')
  .split(',')
  .filter(Boolean)
  .map((id) => (id === 'dashboard' ? 'interventions' : id))
const PROFILE_DIR = arg('profile', '')
/** The mode the server runs in: production by default; `--env development` is what `npm start` runs in. */
const NODE_ENV = arg('env', 'production')

interface Ready {
  app: number
  ref: number
  cookie: string
  /** Birmingham's own user (role local), for the casework pages. */
  localCookie: string
  planPath: string
  store: string
}

const PAGES = (planPath: string) => [
  { id: 'overview', title: 'national overview', path: '/' },
  { id: 'la', title: 'LA page (Birmingham)', path: '/la/330' },
  { id: 'risk', title: 'LA risk analysis', path: '/la/330/risk' },
  { id: 'ranking', title: 'risk ranking', path: '/risk' },
  { id: 'interventions', title: 'interventions dashboard', path: '/interventions' },
  { id: 'plan', title: 'plan overview', path: planPath },
  // The casework pages, over the simulated Birmingham 2014 returns the demo start-up reads in.
  { id: 'indicators', title: 'casework indicators', path: urls.laIndicators('330'), local: true },
  { id: 'unworked', title: 'children not being worked', path: urls.laUnworked('330'), local: true },
  { id: 'casework', title: 'casework snapshots', path: urls.caseworkSnapshots('330'), local: true },
  { id: 'health', title: '/health', path: '/health' },
]

function startServer(databaseUrl: string | undefined): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/httpServer.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl ?? '', NODE_ENV },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d
      const m = /^ready (.*)$/m.exec(out)
      if (m) resolve({ child, ready: JSON.parse(m[1]) })
    })
    child.once('exit', (code) => reject(new Error(`bench server exited ${code}:\n${out}`)))
  })
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN

/** The server process's CPU milliseconds so far (all threads). */
async function cpuMs(ready: Ready) {
  return ((await (await fetch(`http://127.0.0.1:${ready.ref}/cpu`)).json()) as { ms: number }).ms
}

async function load(ready: Ready, url: string, connections: number, headers: Record<string, string>) {
  const latencies: number[] = []
  const cpuBefore = await cpuMs(ready)
  const instance = autocannon({ url, connections, duration: DURATION, headers })
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms))
  const r = await instance
  // What answering the requests still in flight costs belongs to this load too.
  await drained(ready)
  const cpu = (await cpuMs(ready)) - cpuBefore
  latencies.sort((a, b) => a - b)
  return {
    cpuPerRequest: cpu / Math.max(1, r.requests.total),
    rps: r.requests.total / r.duration,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    errors: r.errors + r.non2xx,
    timeouts: r.timeouts,
  }
}

/** Waits until the server has answered every request of the last load (at most a minute). */
async function drained(ready: Ready) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const { inflight } = (await (await fetch(`http://127.0.0.1:${ready.ref}/inflight`)).json()) as { inflight: number }
    if (inflight === 0) return
    await new Promise((r) => setTimeout(r, 200))
  }
}

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '-')

async function benchStore(store: string, databaseUrl: string | undefined) {
  const { child, ready } = await startServer(databaseUrl)
  const results: Array<Record<string, unknown>> = []
  try {
    const base = `http://127.0.0.1:${ready.app}`
    for (const page of PAGES(ready.planPath).filter((p) => !ONLY.length || ONLY.includes(p.id))) {
      const headers = { cookie: 'local' in page ? ready.localCookie : ready.cookie, accept: 'text/html' }
      const first = await fetch(base + page.path, { headers, redirect: 'manual' })
      const bytes = (await first.arrayBuffer()).byteLength
      if (first.status !== 200) throw new Error(`${page.path} answered ${first.status} on ${store}`)
      const refUrl =
        page.id === 'health'
          ? `http://127.0.0.1:${ready.ref}/ref.json`
          : `http://127.0.0.1:${ready.ref}/ref?bytes=${bytes}`
      for (const connections of CONNECTIONS) {
        await drained(ready)
        const ref = await load(ready, refUrl, connections, {})
        const refBase = `http://127.0.0.1:${ready.ref}`
        if (PROFILE_DIR) await fetch(`${refBase}/profile/start`, { method: 'POST' })
        const got = await load(ready, base + page.path, connections, headers)
        if (PROFILE_DIR) {
          const file = path.resolve(PROFILE_DIR, `${ready.store}-${page.id}-c${connections}.cpuprofile`)
          await fetch(`${refBase}/profile/stop?file=${encodeURIComponent(file)}`, { method: 'POST' })
        }
        const row = {
          store: ready.store,
          page: page.id,
          kb: Math.round(bytes / 1024),
          connections,
          ...got,
          ratio: got.rps / ref.rps,
          refRps: ref.rps,
          refCpuPerRequest: ref.cpuPerRequest,
          // The reference's CPU per request over the page's: the ratio as the machine's load leaves it alone.
          cpuRatio: ref.cpuPerRequest / got.cpuPerRequest,
        }
        results.push(row)
        console.log(
          `${ready.store.padEnd(8)} ${page.title.padEnd(24)} ${String(row.kb).padStart(4)} KB c=${String(connections).padEnd(3)} ` +
            `${f0(got.rps).padStart(5)} req/s (reference ${f0(ref.rps)}, ratio ${row.ratio.toFixed(2)}) ` +
            `p50 ${f0(got.p50)} p95 ${f0(got.p95)} p99 ${f0(got.p99)} ms; errors ${got.errors}, timeouts ${got.timeouts}; ` +
            `CPU ${got.cpuPerRequest.toFixed(2)} ms/req (reference ${ref.cpuPerRequest.toFixed(2)}, ratio ${row.cpuRatio.toFixed(2)})`,
        )
      }
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
  return results
}

const all: Array<Record<string, unknown>> = []
// The machine's load beside the figures: on a shared machine the ratios to the reference are what compare.
const load1 = () => Math.round(os.loadavg()[0] * 10) / 10
const loadAtStart = load1()
console.log(
  `bench:http: ${DURATION} s per load, connections ${CONNECTIONS.join(' and ')}; reference = bare Express + Nunjucks, same size; ` +
    `load average ${loadAtStart} on ${os.cpus().length} cores`,
)
for (const store of STORES) {
  if (store === 'pglite') all.push(...(await benchStore('pglite', undefined)))
  else if (store === 'postgres') {
    const pg = await startPostgres()
    if (!pg) {
      console.log('PostgreSQL server binaries not found: PostgreSQL skipped')
      continue
    }
    try {
      all.push(...(await benchStore('postgres', pg.url)))
    } finally {
      pg.stop()
    }
  }
}
const round = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v)
console.log(
  `bench:http ${JSON.stringify({ env: NODE_ENV, durationSeconds: DURATION, load: [loadAtStart, load1()], results: all.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)]))) })}`,
)
