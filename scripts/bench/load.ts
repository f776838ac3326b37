/**
 * npm run bench:load: 100 concurrent signed-in users (autocannon connections, each with its own session) for 10 minutes
 * over national, LA, plan and intervention pages with writes (a comment on a recommendation, about one request in
 * eight), against a real Sightline server started on loopback (a separate process, so its memory is its own).
 * Prints p50/p95/p99 latency, errors (4xx/5xx answers, socket errors and timeouts) and the server's RSS at start and end,
 * then `load: {"users":100,"minutes":..,"errors":..,"p95ms":..,"rssGrowthMB":..}`.
 * Usage: npm run bench:load [-- --minutes 2 --users 100 --data-dir DIR (a set-up demo data directory to reuse)]
 * The first start on a new data directory loads the public data (a few minutes) before the clock starts.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { freePort } from '../faults/postgres.ts'
import { signIn, type Session } from '../faults/scenarios.ts'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const MINUTES = Number(arg('minutes', '10'))
const USERS = Number(arg('users', '100'))
const given = arg('data-dir', '')
const dataDir = given || fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-load-'))
const root = path.resolve(import.meta.dirname, '..', '..')

const port = await freePort()
const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    SIGHTLINE_DEMO: 'auto',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
})
let output = ''
server.stdout.on('data', (d) => (output += d))
server.stderr.on('data', (d) => (output += d))
const url = `http://127.0.0.1:${port}`

const rssMB = () => {
  const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}

try {
  const deadline = Date.now() + 900_000
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited:\n${output}`)
    if (Date.now() > deadline) throw new Error(`the server did not start:\n${output}`)
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    await new Promise((r) => setTimeout(r, 500))
  }
  const passwords = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as Record<
    string,
    string
  >
  // Three kinds of user: an LA's improvement lead, a commissioner, a DfE adviser (national).
  const roles = ['improvement.lead', 'commissioner', 'dfe.adviser']
  const sessions: Session[] = []
  for (let i = 0; i < USERS; i++) sessions.push(await signIn(url, roles[i % 3], passwords[roles[i % 3]]))
  const lead = sessions[0]
  const plans = await (await fetch(`${url}/la/331/plans`, { headers: { cookie: lead.cookie } })).text()
  const planId = /\/la\/331\/plans\/(\d+)/.exec(plans)![1]
  const planPage = await (await fetch(`${url}/la/331/plans/${planId}`, { headers: { cookie: lead.cookie } })).text()
  const items = [...new Set([...planPage.matchAll(/\/plans\/\d+\/items\/(\d+)/g)].map((m) => m[1]))]

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
  const rssStart = rssMB()
  const samples: string[] = []
  const sampler = setInterval(() => samples.push(rssMB().toFixed(0)), 30_000)

  const times: number[] = []
  let errors = 0
  let writes = 0
  let timeouts = 0
  const statuses = new Map<number, number>()
  let n = 0
  const run = autocannon as unknown as (o: Record<string, unknown>) => Promise<{ requests: { total: number } }> & {
    on(event: string, fn: (...a: unknown[]) => void): void
  }
  const instance = run({
    url,
    connections: USERS,
    duration: MINUTES * 60,
    timeout: 30,
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
      client.setRequests(canComment ? [...gets.slice(0, 7), write] : gets)
    },
  })
  instance.on('response', (...a: unknown[]) => {
    const [, status, , responseTime] = a as [unknown, number, number, number]
    times.push(responseTime)
    statuses.set(status, (statuses.get(status) ?? 0) + 1)
    if (status >= 400) errors++
    if (status === 303) writes++
  })
  instance.on('reqError', () => {
    errors++
    timeouts++
  })
  const result = await instance
  clearInterval(sampler)
  const rssEnd = rssMB()
  times.sort((a, b) => a - b)
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0
  const p95 = Math.round(pct(95))
  console.log(
    `requests: ${result.requests.total} (${(result.requests.total / (MINUTES * 60)).toFixed(1)}/s), writes answered 303: ${writes}`,
  )
  console.log(`latency ms: p50 ${pct(50).toFixed(0)}, p95 ${p95}, p99 ${pct(99).toFixed(0)}`)
  const byStatus = [...statuses].map(([k, v]) => `${k}: ${v}`).join(', ')
  console.log(`errors: ${errors} (answers by status: ${byStatus}; no answer within 30 s or socket error: ${timeouts})`)
  console.log(
    `server RSS MB: start ${rssStart.toFixed(0)}, end ${rssEnd.toFixed(0)} (every 30 s: ${samples.join(' ')})`,
  )
  console.log(
    `# cores: ${os.cpus().length}, load average at end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  )
  console.log(
    `load: ${JSON.stringify({ users: USERS, minutes: MINUTES, errors, p95ms: p95, rssGrowthMB: Math.round(rssEnd - rssStart) })}`,
  )
} finally {
  server.kill('SIGTERM')
  await new Promise((r) => server.once('exit', r))
  if (!given) fs.rmSync(dataDir, { recursive: true, force: true })
}
