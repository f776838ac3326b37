/**
 * Casework insight at national scale and under concurrent users (issue 15):
 * 1. `benchNational`: the simulator's output for the current councils (all 153 with `--national-las all`, else N of
 *    them), each ingested into its own casework store; then, timed from the loaded snapshots, every
 *    indicator and the unworked-demand list of each council in turn (target: all 153 in under 60 s). A subset (every
 *    k-th council in code order) is extrapolated to 153 by count, and says so.
 * 2. `benchPages`: the indicators dashboard and the children-waiting page of a simulated Birmingham (scale 1) loaded by
 *    autocannon at 20 connections over loopback (target p95 under 200 ms). The app runs in this process over PGlite;
 *    autocannon runs in a child process (pageLoad.ts), so it has its own event loop and this process's CPU is the
 *    server's (with its DuckDB and PGlite threads): the CPU milliseconds a request are printed beside the latencies.
 * Run alone: `node --import tsx scripts/bench/caseworkNational.ts [--national-las 8|all] [--page-seconds 10]`.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadConfig } from '../../src/config.ts'
import { dataAccess } from '../../src/dataAccess.ts'
import { ingestUpload } from '../../src/engine/casework/ingest.ts'
import { computeIndicators } from '../../src/engine/casework/indicators/index.ts'
import { openCaseworkStore } from '../../src/engine/casework/store.ts'
import { computeUnworked } from '../../src/engine/casework/unworked/index.ts'
import { createApp } from '../../src/server/app.ts'
import { simulatedFiles } from '../../src/services/casework/demoCasework.ts'
import { services as buildServices } from '../../src/services/index.ts'
import { runSimulation, simulateOptions } from '../../src/services/simulateService.ts'
import { Client } from '../../test/support/app.ts'
import { pageLoad, type PageLoad } from './pageLoad.ts'

const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100
const cpuOf = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1e4) / 100
const COUNCILS = 153

export async function benchNational(tmp: string, o: { las: number | 'all' }) {
  const all = simulateOptions({ la: 'all', asAt: '2014-03-31', seed: 'national' })
  // A subset is spread across the code order (every k-th council), so small and large councils are both in it.
  const step = o.las === 'all' ? 1 : Math.max(1, Math.floor(all.las.length / o.las))
  const las = o.las === 'all' ? all.las : all.las.filter((_, i) => i % step === 0).slice(0, o.las)
  const out = path.join(tmp, 'national')
  const sim0 = performance.now()
  const stats = await runSimulation({ ...all, las }, out)
  console.log(`  simulated ${las.length} councils in ${seconds(sim0)} s`)
  const loaded = []
  for (const la of las) {
    const dir = las.length > 1 ? path.join(out, la) : out
    const store = await openCaseworkStore({ dataDir: path.join(tmp, 'national-stores'), laCode: la })
    const up = await ingestUpload(store, simulatedFiles(dir), { asAt: '2014-03-31' })
    if (up.rejected) throw new Error(`${la}: ${up.rejected}`)
    store.close()
    fs.rmSync(dir, { recursive: true, force: true })
    loaded.push({ la, snapshotId: up.snapshotId })
  }
  // Timed from the loaded snapshots: each store opened afresh, every indicator, then the unworked list.
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  let children = 0
  for (const { la, snapshotId } of loaded) {
    const store = await openCaseworkStore({ dataDir: path.join(tmp, 'national-stores'), laCode: la })
    await computeIndicators(store, snapshotId, '2014-03-31')
    children += (await computeUnworked(store, snapshotId, '2014-03-31')).children.length
    store.close()
  }
  const s = seconds(t0)
  const cpu = cpuOf(process.cpuUsage(cpu0))
  const share = las.length / COUNCILS
  const result = {
    councils: las.length,
    seconds: s,
    cpuSeconds: cpu,
    unworkedChildren: children,
    simulatedChildren: stats.children,
    extrapolatedSeconds153: las.length === COUNCILS ? s : Math.round((s / share) * 10) / 10,
    extrapolatedCpuSeconds153: las.length === COUNCILS ? cpu : Math.round((cpu / share) * 10) / 10,
  }
  console.log(
    `  national insight: ${las.length} councils, every indicator and the unworked list (${children} children waiting) in ${s} s, ${cpu} CPU s` +
      (las.length === COUNCILS
        ? ''
        : `; extrapolated to 153 councils by count: ${result.extrapolatedSeconds153} s, ${result.extrapolatedCpuSeconds153} CPU s (every ${step}th council in code order; not weighted by size)`) +
      ` (load average ${os.loadavg()[0].toFixed(1)})`,
  )
  return result
}

export async function benchPages(tmp: string, o: { seconds: number }) {
  const dataDir = path.join(tmp, 'pages-data')
  const config = loadConfig({ NODE_ENV: 'production' }, { dataDir, logLevel: 'silent' })
  const da = await dataAccess(config)
  const services = buildServices(da)
  try {
    await services.publicData.load()
    await services.users.add({
      username: 'bench.local',
      displayName: 'Bench',
      role: 'local',
      title: 'bench',
      password: 'benchmark-password-1',
      laCodes: ['330'],
    })
    const sim = path.join(tmp, 'pages-birmingham')
    await runSimulation(
      simulateOptions({ la: '330', asAt: '2014-03-31', scale: 1, seed: 'bench', failures: 'birmingham-2014' }),
      sim,
    )
    const up = await services.casework.ingest('330', simulatedFiles(sim), { asAt: '2014-03-31' })
    if (up.rejected) throw new Error(up.rejected)
    const server = createApp(services).listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    const client = new Client(base)
    await client.signIn('bench.local', 'benchmark-password-1')
    const pages: Record<string, PageLoad & { serverCpuMsPerRequest: number }> = {}
    for (const [name, p] of [
      ['indicators', '/la/330/indicators'],
      ['unworked', '/la/330/unworked'],
    ]) {
      const warm = await client.request('GET', p)
      if (warm.status !== 200) throw new Error(`${p} answered ${warm.status}`)
      const cpu0 = process.cpuUsage()
      const r = await pageLoad(base + p, client.cookie, o.seconds)
      const serverCpu = cpuOf(process.cpuUsage(cpu0))
      pages[name] = { ...r, serverCpuMsPerRequest: Math.round((serverCpu * 1e4) / Math.max(1, r.requests)) / 10 }
      console.log(
        `  ${p} at 20 connections for ${o.seconds} s: p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, ${r.requests} requests, ${r.non2xx} not 2xx; server ${serverCpu} CPU s (${pages[name].serverCpuMsPerRequest} ms a request), load generator ${r.generatorCpuSeconds} CPU s in its own process (load average ${os.loadavg()[0].toFixed(1)})`,
      )
    }
    server.close()
    return pages
  } finally {
    await services.casework.close()
    await da.store.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`)
    return i > 0 ? process.argv[i + 1] : fallback
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-insight-national-'))
  try {
    const n = arg('national-las', '8')
    const national = await benchNational(tmp, { las: n === 'all' ? 'all' : Number(n) })
    const pages = await benchPages(tmp, { seconds: Number(arg('page-seconds', '10')) })
    console.log(`bench:casework-national ${JSON.stringify({ national, pages })}`)
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}
