/**
 * npm run bench:load: 100 concurrent signed-in users (autocannon connections, each with its own session) for 10 minutes
 * over national, LA, plan, intervention and casework pages with writes (a comment on a recommendation, about one
 * request in eight), plus one user uploading all along (casework returns, read to a current snapshot, and evidence
 * files), against a real Sightline server started on loopback (a separate process, so its memory is its own).
 * The data directory is restored from the loaded public-data snapshot (test/support/snapshots.ts), and the clock starts
 * once the demo's Birmingham casework has been read.
 * Prints p50/p95/p99 latency; errors split by cause: 5xx (the server failed), 4xx (refused), and no answer within the
 * timeout or a socket error (on a loaded machine, overload rather than a fault); the server's memory every 15 s, part by
 * part after a forced GC, and the memory verdict by the rule explained in loadMemory.ts (heap and held-memory slopes
 * after the warm-up, PGlite's WebAssembly high-water mark stopped rising). Then
 * `load: {"users":100,"minutes":..,"errors":..,"p95ms":..,"rssGrowthMB":..,...}`.
 * Usage: npm run bench:load [-- --minutes 3 --users 100 --data-dir DIR (a set-up demo data directory to reuse)
 *   --max-heap-slope 2 --max-slope 5 --max-wasm-late 16]
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { openStore, pgliteDirFor } from '../../src/data/store.ts'
import { pgliteSnapshot } from '../../test/support/snapshots.ts'
import { freePort } from '../faults/postgres.ts'
import { signIn, submit, type Session } from '../faults/kit.ts'
import { memoryProbe, memoryVerdict, type MemorySample } from './loadMemory.ts'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const MINUTES = Number(arg('minutes', '10'))
const USERS = Number(arg('users', '100'))
const TIMEOUT_S = Number(arg('timeout', '30'))
/** The flat-memory rule (loadMemory.ts): slopes after warm-up, MB per minute, and the WebAssembly memory's late growth. */
const MAX_SLOPE = Number(arg('max-slope', '5'))
const MAX_HEAP_SLOPE = Number(arg('max-heap-slope', '2'))
const MAX_WASM_LATE_MB = Number(arg('max-wasm-late', '16'))
const given = arg('data-dir', '')
const dataDir = given || fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-load-'))
const root = path.resolve(import.meta.dirname, '..', '..')
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

if (!fs.existsSync(pgliteDirFor(dataDir))) {
  const restored = await openStore({ pgliteDir: pgliteDirFor(dataDir), loadDataDir: await pgliteSnapshot() })
  await restored.close()
}
const port = await freePort()
// --expose-gc: the memory probe collects garbage before each sample; 'ipc': the channel the probe answers on.
const server = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'src/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    SIGHTLINE_DEMO: 'on',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
})
let output = ''
server.stdout!.on('data', (d) => (output += d))
server.stderr!.on('data', (d) => (output += d))
const probe = memoryProbe(server)
const url = `http://127.0.0.1:${port}`

const rssMB = () => {
  const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}
/** The server's CPU seconds so far (user + system), from /proc. */
const cpuSeconds = () => {
  const f = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(f[11]) + Number(f[12])) / 100
}
const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')

async function started() {
  const deadline = Date.now() + 900_000
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited:\n${output}`)
    if (Date.now() > deadline) throw new Error(`the server did not start:\n${output}`)
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return
    await sleep(500)
  }
}

/** Waits until Birmingham (330) has a current casework snapshot: the demo reads it in the background at first start. */
async function caseworkRead(s: Session) {
  const deadline = Date.now() + 900_000
  for (;;) {
    const page = await (await fetch(`${url}/la/330/casework`, { headers: { cookie: s.cookie } })).text()
    const m =
      /\/la\/330\/casework\/snapshots\/(\d+)\/quality[^>]*>[\s\S]{0,400}?data-qa="current"|data-qa="current"/.exec(page)
    if (m) return
    if (Date.now() > deadline) throw new Error('the demo casework was not read in 15 minutes')
    await sleep(2000)
  }
}

/** One user uploading throughout: casework returns (waited for until read) and evidence files, one after the other. */
function uploader(s: Session, planId: string, item: string, until: number) {
  const tally = { casework: 0, evidence: 0, failed: [] as string[] }
  const dir = path.join(dataDir, 'demo-casework', 'birmingham-2014', 'ssda903')
  const files = fs
    .readdirSync(dir)
    .map((f) => ({ field: 'files', name: f, bytes: fs.readFileSync(path.join(dir, f)), type: 'text/csv' }))
  const evidence = fs.readFileSync(
    path.join(root, 'test', 'fixtures', 'ofsted-reports', 'barnsley_2024-12-05_focused-visit.pdf'),
  )
  const done = (async () => {
    for (let n = 0; Date.now() < until; n++) {
      try {
        if (n % 2 === 0) {
          const up = await submit(
            s,
            '/la/330/casework/upload',
            { 'asAt-day': '31', 'asAt-month': '3', 'asAt-year': '2014' },
            files,
          )
          if (!/\/casework\/uploads\//.test(up.location)) throw new Error(`casework upload answered ${up.status}`)
          for (;;) {
            const page = await (await fetch(`${url}${up.location}`, { headers: { cookie: s.cookie } })).text()
            const state = /data-qa="upload-status" data-state="([a-z]+)"/.exec(page)?.[1]
            if (state === 'queued' || state === 'reading') {
              await sleep(2000)
              continue
            }
            if (state !== 'complete') throw new Error(`casework upload ${state}`)
            tally.casework++
            break
          }
        } else {
          const title = `Load test evidence ${n}`
          const r = await submit(
            s,
            `/la/331/plans/${planId}/items/${item}/evidence`,
            { kind: 'file', title, evidenceDate: '2014-07-01' },
            { field: 'file', name: 'visit.pdf', bytes: evidence, type: 'application/pdf' },
          )
          if (!r.saved) throw new Error(`evidence upload answered ${r.status}`)
          tally.evidence++
        }
      } catch (err) {
        tally.failed.push((err as Error).message)
      }
      await sleep(5000)
    }
  })()
  return { tally, done }
}

try {
  await started()
  const passwords = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as Record<
    string,
    string
  >
  // Three kinds of user: an LA's improvement lead, a commissioner, a DfE adviser (national).
  const roles = ['improvement.lead', 'commissioner', 'dfe.adviser']
  const sessions: Session[] = []
  for (let i = 0; i < USERS; i++) sessions.push(await signIn(url, roles[i % 3], passwords[roles[i % 3]]))
  const lead = sessions[0]
  await caseworkRead(lead)
  const plans = await (await fetch(`${url}/la/331/plans`, { headers: { cookie: lead.cookie } })).text()
  const planId = /\/la\/331\/plans\/(\d+)/.exec(plans)![1]
  const planPage = await (await fetch(`${url}/la/331/plans/${planId}`, { headers: { cookie: lead.cookie } })).text()
  const items = [...new Set([...planPage.matchAll(/\/plans\/\d+\/items\/(\d+)/g)].map((m) => m[1]))]
  const snapshots = await (await fetch(`${url}/la/330/casework`, { headers: { cookie: lead.cookie } })).text()
  const snapshot = /\/la\/330\/casework\/snapshots\/(\d+)\/quality/.exec(snapshots)?.[1] ?? '1'

  // Each role's pages, kept only where that role is let in (a 403 by design is not a server error).
  const candidates = [
    '/',
    '/la/330',
    '/la/331',
    `/la/331/plans/${planId}`,
    `/la/331/plans/${planId}/items/${items[0]}`,
    `/la/331/plans/${planId}/items/${items[5] ?? items[0]}`,
    `/la/331/plans/${planId}/review`,
    '/la/330/intervention',
    '/interventions',
    '/plans',
    '/la/330/casework',
    `/la/330/casework/snapshots/${snapshot}/quality`,
    '/la/330/indicators',
    '/la/330/unworked',
  ]
  const pagesFor = new Map<string, string[]>()
  for (const [i, role] of roles.entries()) {
    const allowed: string[] = []
    for (const p of candidates) {
      const res = await fetch(`${url}${p}`, { headers: { cookie: sessions[i].cookie }, redirect: 'manual' })
      await res.arrayBuffer()
      if (res.status < 400) allowed.push(p)
    }
    pagesFor.set(role, allowed)
  }
  console.log(
    `pages: ${[...pagesFor].map(([r, p]) => `${r} ${p.length}`).join(', ')}; casework pages for the lead: ${pagesFor
      .get('improvement.lead')!
      .filter((p) => p.includes('/330/'))
      .join(' ')}`,
  )
  const loadStart = loadavg()
  const rssStart = rssMB()
  const cpuStart = cpuSeconds()
  const samples: MemorySample[] = [await probe(0)]
  const t0 = Date.now()
  let sampling = Promise.resolve()
  const sampler = setInterval(() => {
    sampling = sampling.then(async () => void samples.push(await probe((Date.now() - t0) / 60_000)))
  }, 15_000)
  const uploads = uploader(sessions[0], planId, items[1] ?? items[0], t0 + MINUTES * 60_000 - 20_000)

  const times: number[] = []
  let writes = 0
  let noAnswer = 0
  const statuses = new Map<number, number>()
  const socketErrors = new Map<string, number>()
  let n = 0
  const run = autocannon as unknown as (o: Record<string, unknown>) => Promise<{ requests: { total: number } }> & {
    on(event: string, fn: (...a: unknown[]) => void): void
  }
  const instance = run({
    url,
    connections: USERS,
    duration: MINUTES * 60,
    timeout: TIMEOUT_S,
    setupClient(client: { setRequests(r: unknown[]): void }) {
      const i = n++ % USERS
      const role = roles[i % 3]
      const s = sessions[i]
      const headers = { cookie: s.cookie, accept: 'text/html' }
      const gets = pagesFor.get(role)!.map((p) => ({ method: 'GET', path: p, headers }))
      const canComment = role !== 'dfe.adviser'
      const item = items[i % items.length]
      const write = {
        method: 'POST',
        path: `/la/331/plans/${planId}/items/${item}/comments`,
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _csrf: s.csrf,
          kind: 'comment',
          text: `Load test comment from user ${i}`,
        }).toString(),
      }
      // Pages in a different order per user, so the casework pages are not all at the end.
      const rotated = gets.map((_, k) => gets[(k + i) % gets.length])
      client.setRequests(canComment ? [...rotated.slice(0, 7), write] : rotated)
    },
  })
  instance.on('response', (...a: unknown[]) => {
    const [, status, , responseTime] = a as [unknown, number, number, number]
    times.push(responseTime)
    statuses.set(status, (statuses.get(status) ?? 0) + 1)
    if (status === 303) writes++
  })
  instance.on('reqError', (...a: unknown[]) => {
    noAnswer++
    const code = (a[0] as { code?: string; message?: string })?.code ?? (a[0] as Error)?.message ?? 'unknown'
    socketErrors.set(code, (socketErrors.get(code) ?? 0) + 1)
  })
  const result = await instance
  await uploads.done
  clearInterval(sampler)
  await sampling
  samples.push(await probe((Date.now() - t0) / 60_000))
  const rssEnd = rssMB()
  const cpu = cpuSeconds() - cpuStart
  const minutes = (Date.now() - t0) / 60_000
  times.sort((a, b) => a - b)
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0
  const p95 = Math.round(pct(95))
  const count = (pred: (s: number) => boolean) => [...statuses].filter(([s]) => pred(s)).reduce((a, [, v]) => a + v, 0)
  // An upload that failed: the server's fault (a 5xx, or reading it failed), no answer (the fetch itself failed: a
  // timeout or a reset socket), or refused (anything else).
  const failed = uploads.tally.failed
  const uploadServer = failed.filter((f) => /answered 5\d\d|casework upload failed/.test(f)).length
  const uploadNoAnswer = failed.filter((f) => /fetch failed|timed? ?out|ECONN|socket/i.test(f)).length
  const uploadErrors = failed.length
  const serverErrors = count((s) => s >= 500) + uploadServer
  const refused = count((s) => s >= 400 && s < 500) + (uploadErrors - uploadServer - uploadNoAnswer)
  noAnswer += uploadNoAnswer
  const errors = serverErrors + refused + noAnswer
  const memory = memoryVerdict(samples, minutes, {
    warmShare: 0.2,
    maxHeapSlope: MAX_HEAP_SLOPE,
    maxSlope: MAX_SLOPE,
    maxWasmLateMB: MAX_WASM_LATE_MB,
  })
  const flat = memory.flat
  console.log(
    `requests: ${result.requests.total} (${(result.requests.total / (MINUTES * 60)).toFixed(1)}/s), writes answered 303: ${writes}; uploads: ${uploads.tally.casework} casework (read to current), ${uploads.tally.evidence} evidence`,
  )
  console.log(`latency ms: p50 ${pct(50).toFixed(0)}, p95 ${p95}, p99 ${pct(99).toFixed(0)}`)
  const byStatus = [...statuses].map(([k, v]) => `${k}: ${v}`).join(', ')
  console.log(
    `errors: ${errors} = 5xx ${serverErrors} (server faults) + 4xx ${refused} + no answer in ${TIMEOUT_S} s or socket error ${noAnswer} (${[...socketErrors].map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'}; overload on a busy machine); of them uploads ${uploadErrors}${uploadErrors ? ` (${[...new Set(uploads.tally.failed)].slice(0, 3).join('; ')})` : ''}`,
  )
  console.log(`answers by status: ${byStatus}`)
  console.log(
    `server CPU: ${cpu.toFixed(1)} s over ${minutes.toFixed(1)} min (${((cpu / (minutes * 60)) * 100).toFixed(0)}% of a core); ${((cpu * 1000) / Math.max(1, result.requests.total)).toFixed(1)} CPU ms a request`,
  )
  for (const line of memory.lines) console.log(line)
  console.log(`# cores: ${os.cpus().length}, load average at start: ${loadStart}, at end: ${loadavg()}`)
  console.log(
    `load: ${JSON.stringify({ users: USERS, minutes: MINUTES, errors, serverErrors, refused, noAnswer, uploadErrors, p95ms: p95, rssGrowthMB: Math.round(rssEnd - rssStart), ...memory.figures, flatMemory: flat, cpuSeconds: Number(cpu.toFixed(1)), load1: Number(os.loadavg()[0].toFixed(1)) })}`,
  )
  process.exitCode = errors || !flat ? 1 : 0
} finally {
  server.kill('SIGTERM')
  await new Promise((r) => server.once('exit', r))
  if (!given) fs.rmSync(dataDir, { recursive: true, force: true })
}
