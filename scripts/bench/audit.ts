/**
 * Growth benchmark (issue 16): the audit page and a plan's timeline, timed over HTTP (signed in, production template
 * cache) on two apps side by side in one process, one at 1,000 audit events and 100 plan history rows, one at 100,000
 * events and 1,000 history rows, request by request in turn; on PGlite, and on PostgreSQL when its server binaries exist.
 * For each page it prints the median time per request, the in-process CPU per request (server and client: PGlite runs
 * in this process, a PostgreSQL server's own CPU is not counted) and the ratio large/small (target: within 20%). It also
 * times the full check of the trail (`sightline audit verify`, the page's "Verify the whole trail") at both sizes: that
 * one grows with the trail.
 * The last line is `bench:audit {json}`.
 * Usage: npm run bench:audit [-- --requests 40 --stores pglite,postgres --large 100000]
 */
import { openStore, type Store } from '../../src/data/store.ts'
import { migrate } from '../../src/data/migrate.ts'
import { addPlan, appendPlanHistory, appendSyntheticAudit } from '../../test/support/auditGrowth.ts'
import { addUser, Client, startTestApp } from '../../test/support/app.ts'
import { startPostgres } from './postgres.ts'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const REQUESTS = Number(arg('requests', '40'))
const STORES = arg('stores', 'pglite,postgres').split(',')
const SMALL = { events: 1_000, history: 100 }
const LARGE = { events: Number(arg('large', '100000')), history: 1_000 }

interface Timing {
  medianMs: number
  p90Ms: number
  cpuMsPerRequest: number
}

const round = (v: number) => Math.round(v * 100) / 100

function summary(walls: number[], cpuMicros: number): Timing {
  walls.sort((a, b) => a - b)
  return {
    medianMs: round(walls[Math.floor(walls.length / 2)]),
    p90Ms: round(walls[Math.floor(walls.length * 0.9)]),
    cpuMsPerRequest: round(cpuMicros / 1000 / walls.length),
  }
}

async function get(client: Client, path: string) {
  const t0 = process.hrtime.bigint()
  const c0 = process.cpuUsage()
  const res = await client.request('GET', path)
  const c = process.cpuUsage(c0)
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`)
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpu: c.user + c.system }
}

/**
 * Times one page on both sites, alternating small and large request by request, so that load on the machine, the JIT
 * and the garbage collector fall on both alike.
 */
async function timeBoth(small: Site, large: Site, page: (site: Site) => string) {
  for (const site of [small, large]) {
    // Warm up (templates, query plans, the first check). The server closes a keep-alive connection left idle while the
    // store was being filled; the first request may meet it closed, so it is tried again.
    await site.client.request('GET', page(site)).catch(() => site.client.request('GET', page(site)))
    for (let i = 0; i < 2; i++) await get(site.client, page(site))
  }
  const runs = { small: { walls: [] as number[], cpu: 0 }, large: { walls: [] as number[], cpu: 0 } }
  for (let i = 0; i < REQUESTS; i++)
    for (const [name, site] of [['small', small] as const, ['large', large] as const]) {
      const r = await get(site.client, page(site))
      runs[name].walls.push(r.ms)
      runs[name].cpu += r.cpu
    }
  return { small: summary(runs.small.walls, runs.small.cpu), large: summary(runs.large.walls, runs.large.cpu) }
}

interface Site {
  store: Store
  app: Awaited<ReturnType<typeof startTestApp>>
  client: Client
  planId: number
  events: number
  history: number
  midEvent: number
  midHistory: number
  fullCheck: { events: number; ms: number; cpuMs: number; intact: boolean }
}

/** A signed-in app over a store holding `size.events` audit events and a plan with `size.history` history rows. */
async function site(databaseUrl: string | undefined, size: typeof SMALL): Promise<Site> {
  const store = await openStore(databaseUrl ? { databaseUrl } : {})
  await migrate(store)
  const app = await startTestApp(store)
  await addUser(app.services, 'admin', 'national', [], true)
  const client = new Client(app.url)
  await client.signIn('admin')
  const planId = await addPlan(store)
  const [{ n }] = await store.query<{ n: number }>('SELECT count(*) AS n FROM audit_event')
  const head = await appendSyntheticAudit(store, size.events - Number(n))
  await appendPlanHistory(store, planId, size.history)
  // The full check (what `sightline audit verify` and "Verify the whole trail" run) leaves the checkpoint pages use.
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const full = await app.services.audit.verify()
  const c = process.cpuUsage(c0)
  const [{ mid }] = await store.query<{ mid: number }>(
    'SELECT id AS mid FROM plan_history WHERE plan_id = $1 ORDER BY id LIMIT 1 OFFSET $2',
    [planId, Math.floor(size.history / 2)],
  )
  return {
    store,
    app,
    client,
    planId,
    events: head.count,
    history: size.history,
    midEvent: Math.floor(head.lastId / 2),
    midHistory: mid,
    fullCheck: {
      events: full.checked,
      ms: Math.round(performance.now() - t0),
      cpuMs: Math.round((c.user + c.system) / 1000),
      intact: !full.break,
    },
  }
}

const PAGES: Record<string, (s: Site) => string> = {
  audit: () => '/audit',
  'audit, an older page': (s) => `/audit?before=${s.midEvent}`,
  'audit, one LA': () => '/audit?la=330',
  timeline: (s) => `/la/331/plans/${s.planId}/timeline`,
  'timeline, an older page': (s) => `/la/331/plans/${s.planId}/timeline?before=${s.midHistory}`,
}

async function benchStore(name: string, smallUrl?: string, largeUrl?: string) {
  const small = await site(smallUrl, SMALL)
  const large = await site(largeUrl, LARGE)
  try {
    const timings: Record<string, { small: Timing; large: Timing }> = {}
    for (const [page, path] of Object.entries(PAGES)) timings[page] = await timeBoth(small, large, path)
    const ratios = Object.fromEntries(
      Object.entries(timings).map(([page, t]) => [
        page,
        {
          median: round(t.large.medianMs / t.small.medianMs),
          cpu: round(t.large.cpuMsPerRequest / t.small.cpuMsPerRequest),
        },
      ]),
    )
    const sizes = (s: Site) => ({ events: s.events, history: s.history, fullCheck: s.fullCheck })
    return { store: name, small: sizes(small), large: sizes(large), timings, ratios }
  } finally {
    for (const s of [small, large]) {
      await s.app.close()
      await s.store.close()
    }
  }
}

function print(r: Awaited<ReturnType<typeof benchStore>>) {
  console.log(
    `\n${r.store}: ${r.small.events} events / ${r.small.history} history rows beside ${r.large.events} / ${r.large.history}`,
  )
  console.log('page                      small median   large median   ratio   small cpu/req  large cpu/req  ratio')
  for (const [page, t] of Object.entries(r.timings))
    console.log(
      `${page.padEnd(26)}${`${t.small.medianMs} ms`.padStart(12)}${`${t.large.medianMs} ms`.padStart(15)}${String(r.ratios[page].median).padStart(8)}` +
        `${`${t.small.cpuMsPerRequest} ms`.padStart(15)}${`${t.large.cpuMsPerRequest} ms`.padStart(15)}${String(r.ratios[page].cpu).padStart(7)}`,
    )
  for (const p of [r.small, r.large])
    console.log(
      `full check of ${p.fullCheck.events} events: ${p.fullCheck.ms} ms (${p.fullCheck.cpuMs} ms CPU in process)`,
    )
}

const load = (await import('node:os')).loadavg()[0]
const results = []
for (const name of STORES) {
  if (name === 'pglite') results.push(await benchStore('pglite'))
  else if (name === 'postgres') {
    const pg = await startPostgres()
    if (!pg) {
      console.log('PostgreSQL server binaries not found: skipping PostgreSQL')
      continue
    }
    try {
      const admin = await openStore({ databaseUrl: pg.url })
      for (const name of ['audit_small', 'audit_large']) await admin.exec(`CREATE DATABASE ${name}`)
      await admin.close()
      const db = (name: string) => pg.url.replace(/\/postgres$/, `/${name}`)
      results.push(await benchStore('postgres', db('audit_small'), db('audit_large')))
    } finally {
      pg.stop()
    }
  }
}
results.forEach(print)
const worst = Math.max(...results.flatMap((r) => Object.values(r.ratios).map((x) => x.median)))
console.log(`\nworst median ratio large/small: ${worst} (target within 20%); load average at start ${load.toFixed(1)}`)
console.log(
  `bench:audit ${JSON.stringify({ requests: REQUESTS, loadAverage: Math.round(load * 10) / 10, worstMedianRatio: worst, results })}`,
)
