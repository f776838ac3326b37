/**
 * Loads one page with autocannon from a child process, so the load generator has its own event loop and its CPU is
 * not counted as the server's. `pageLoad` forks this file; run as the child, it loads the URL it is given, and sends
 * back the exact percentiles (from every response's latency) and its own CPU time.
 */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

export interface PageLoad {
  p50: number | null
  p95: number | null
  p99: number | null
  requests: number
  non2xx: number
  /** CPU seconds the load generator used (its own process). */
  generatorCpuSeconds: number
}
interface Job {
  url: string
  cookie: string
  seconds: number
  connections: number
}

const cpuSecondsSince = (u: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(u)
  return Math.round((d.user + d.system) / 1e4) / 100
}

/** Runs in the child: the load itself. */
async function load(job: Job): Promise<PageLoad> {
  const cpu0 = process.cpuUsage()
  const ms: number[] = []
  const run = autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    headers: { cookie: job.cookie, accept: 'text/html' },
  })
  run.on('response', (_c, _status, _bytes, t) => ms.push(t))
  const r = await run
  ms.sort((a, b) => a - b)
  const at = (q: number) => (ms.length ? Math.round(ms[Math.ceil(q * ms.length) - 1] * 10) / 10 : null)
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    requests: ms.length,
    non2xx: r.non2xx + r.errors,
    generatorCpuSeconds: cpuSecondsSince(cpu0),
  }
}

/** Loads `url` at `connections` for `seconds` from a child process (the same node and loader as this one). */
export function pageLoad(url: string, cookie: string, seconds: number, connections = 20): Promise<PageLoad> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    let result: PageLoad | undefined
    child.on('message', (m) => (result = m as PageLoad))
    child.on('error', reject)
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`the load generator stopped (exit code ${code}) without figures`)),
    )
    child.send({ url, cookie, seconds, connections } satisfies Job)
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--child')) {
  process.once('message', (job) => {
    load(job as Job).then(
      (r) => process.send!(r, () => process.disconnect()),
      (err) => {
        console.error('load generator:', err)
        process.exit(1)
      },
    )
  })
}
