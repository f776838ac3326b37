/**
 * Start-up: `npm start` (the compiled server, scripts/start.mjs) on an empty data directory in demo mode (the first
 * start: public data, demo accounts and stories, the simulated Birmingham casework), then again on the same directory
 * (the second start). For each: wall time and CPU time until the server says it is running, memory then, and for the
 * first start the memory once the background work (simulating and reading the demo casework) has finished.
 * Also each set-up phase (SIGHTLINE_START_TIMINGS=1, see src/startTimer.ts). CPU seconds are the honest figure on a
 * busy machine; the load average is printed with them. Ends with one line `bench:start {json}`.
 * Linux only (reads /proc). Usage: npm run bench:start [-- --keep]
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..', '..')
const TICK = 100 // clock ticks per second in /proc/<pid>/stat (USER_HZ)

/** The process's own CPU seconds (all threads) and its resident and peak memory, in MB. */
function usage(pid: number) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const cpu = (Number(fields[11]) + Number(fields[12])) / TICK
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return { cpu, rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Phase {
  phase: string
  ms: number
  cpuMs: number
  atMs: number
  cpuAtMs: number
  rssMb: number
}

async function start(dataDir: string, label: string, o: { settle: boolean }) {
  const port = await freePort()
  const t0 = performance.now()
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      DATABASE_URL: '',
      SIGHTLINE_DEMO: 'auto',
      LOG_LEVEL: 'warn',
      SIGHTLINE_START_TIMINGS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  while (!/running at http/.test(out)) {
    if (child.exitCode !== null) throw new Error(`${label}: the server exited early:\n${out}\n${err}`)
    if (performance.now() - t0 > 600_000) throw new Error(`${label}: not running after 10 minutes`)
    await sleep(20)
  }
  const readyMs = performance.now() - t0
  const ready = usage(child.pid!)
  let settled = ready
  let settleMs = 0
  if (o.settle) {
    // The demo casework is simulated and read in the background: wait for it (at most 5 minutes), then let the
    // process settle for two seconds.
    while (!/"phase":"demo-casework-ready"/.test(out) && performance.now() - t0 < readyMs + 300_000) await sleep(200)
    await sleep(2000)
    settled = usage(child.pid!)
    settleMs = performance.now() - t0
  }
  const phases: Phase[] = [...out.matchAll(/^start-timing (\{.*\})$/gm)].map((m) => JSON.parse(m[1]))
  child.kill('SIGTERM')
  await exited
  return { readyMs, ready, settled, settleMs, phases }
}

function printStart(label: string, r: Awaited<ReturnType<typeof start>>) {
  console.log(
    `${label}: running after ${(r.readyMs / 1000).toFixed(2)} s wall, ${r.ready.cpu.toFixed(2)} s CPU; ${r.ready.rssMb} MB resident (peak ${r.ready.peakMb} MB)`,
  )
  if (r.settleMs)
    console.log(
      `  demo casework read, 2 s later: ${(r.settleMs / 1000).toFixed(1)} s wall, ${r.settled.cpu.toFixed(2)} s CPU: ${r.settled.rssMb} MB resident (peak ${r.settled.peakMb} MB)`,
    )
  for (const p of r.phases)
    console.log(
      `  ${p.phase.padEnd(24)} ${String(p.ms).padStart(6)} ms wall ${String(p.cpuMs).padStart(6)} ms CPU  (at ${p.atMs} ms and ${p.cpuAtMs} ms CPU, ${p.rssMb} MB)`,
    )
}

const keep = process.argv.includes('--keep')
// Compile first (as `npm install` does), so neither start includes a build.
const { freshManifest } = await import('../build/compiled.mjs')
if (!freshManifest()) await (await import('../build/build.mjs')).build()
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-bench-start-'))
const loadBefore = os.loadavg()
try {
  const first = await start(dataDir, 'first start', { settle: true })
  printStart('first start (empty data directory, demo mode)', first)
  const second = await start(dataDir, 'second start', { settle: false })
  printStart('second start (same data directory)', second)
  const loadAfter = os.loadavg()
  console.log(
    `load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(1)).join(' ')} after; ${os.cpus().length} CPUs`,
  )
  const summary = (r: typeof first) => ({
    readySeconds: +(r.readyMs / 1000).toFixed(2),
    readyCpuSeconds: +r.ready.cpu.toFixed(2),
    readyRssMb: r.ready.rssMb,
    settledRssMb: r.settled.rssMb,
    peakRssMb: r.settled.peakMb,
    settledCpuSeconds: +r.settled.cpu.toFixed(2),
    phases: Object.fromEntries(r.phases.map((p) => [p.phase, { ms: p.ms, cpuMs: p.cpuMs }])),
  })
  console.log(
    `bench:start ${JSON.stringify({ first: summary(first), second: summary(second), loadAverage: loadBefore[0], cpus: os.cpus().length })}`,
  )
} finally {
  if (keep) console.log(`data directory kept: ${dataDir}`)
  else fs.rmSync(dataDir, { recursive: true, force: true })
}
