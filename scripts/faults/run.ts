/**
 * npm run test:faults: kills the Sightline server with SIGKILL (a power cut) at seeded random moments, on PGlite and on
 * PostgreSQL, then starts it again and checks the store:
 * - first start: killed during set-up (public data load, demo accounts, demo seeds), started again until it answers;
 *   every demo account then signs in with its recorded password;
 * - write cycles: with the SCENARIOS' workloads running at once (report import, plan edits, evidence upload), killed
 *   after a random delay; then every write whose answer the client saw succeed must be in the store ("lost" if not),
 *   no record may be half-written ("partial": a row without its history version, an action without the milestone it
 *   was added with, an evidence row without its whole file, a report without all its recommendations), and the audit
 *   chain must verify. `sightline audit verify` (the CLI) runs at the end of each store.
 * Prints `faults: N kills, N lost writes, N partial writes`; exits 1 unless both are 0.
 * Usage: npm run test:faults [-- --seed 12 --cycles 24 --first-start-kills 2 --stores pglite,postgres]
 * To cover another write path (casework ingest), add a Scenario to SCENARIOS (scripts/faults/scenarios.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openStore, pgliteDirFor, type Store } from '../../src/data/store.ts'
import { auditService } from '../../src/services/auditService.ts'
import { freePort, throwawayCluster } from './postgres.ts'
import { SCENARIOS, partialRecords, signIn, type Ack, type Scenario, type Session } from './scenarios.ts'

const root = path.resolve(import.meta.dirname, '..', '..')
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const SEED = Number(arg('seed', '12'))
const CYCLES = Number(arg('cycles', '24'))
const FIRST_START_KILLS = Number(arg('first-start-kills', '2'))
const STORES = arg('stores', 'pglite,postgres').split(',')

/** mulberry32: the same seed gives the same kill moments. */
function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Target {
  name: 'pglite' | 'postgres'
  dataDir: string
  databaseUrl: string
  /** Opens the store for checking (PGlite: only while no server holds it). */
  open(): Promise<Store>
}

interface Server {
  child: ChildProcess
  url: string
  output: () => string
  exited: Promise<void>
}

function startServer(t: Target, port: number): Server {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: t.dataDir,
      DATABASE_URL: t.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      // 'auto' means demo data only on a new PGlite directory; PostgreSQL's demo is asked for.
      SIGHTLINE_DEMO: t.name === 'postgres' ? 'on' : 'auto',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return { child, url: `http://127.0.0.1:${port}`, output: () => out, exited }
}

async function healthy(s: Server, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (s.child.exitCode !== null || s.child.signalCode !== null)
      throw new Error(`the server exited while starting:\n${s.output().slice(-2000)}`)
    try {
      if ((await fetch(`${s.url}/health`)).ok) return
    } catch {
      // not listening yet
    }
    await sleep(250)
  }
  throw new Error(`the server did not answer /health in ${timeoutMs / 1000} s:\n${s.output().slice(-2000)}`)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function kill(s: Server) {
  s.child.kill('SIGKILL')
  await s.exited
}

async function stop(s: Server) {
  s.child.kill('SIGTERM')
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 30_000)
  await s.exited
  clearTimeout(timer)
}

async function makeTarget(name: 'pglite' | 'postgres', adminUrl?: string): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `sightline-faults-${name}-`))
  if (name === 'pglite')
    return { name, dataDir, databaseUrl: '', open: () => openStore({ pgliteDir: pgliteDirFor(dataDir) }) }
  const db = `faults_${Date.now().toString(36)}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${db}`)
  await admin.end()
  const url = new URL(adminUrl!)
  url.pathname = `/${db}`
  return { name, dataDir, databaseUrl: url.toString(), open: () => openStore({ databaseUrl: url.toString() }) }
}

interface Tally {
  kills: number
  lost: number
  partial: number
  lines: string[]
}

/** First start killed at random moments during set-up, then started until it answers; every account signs in. */
async function firstStart(t: Target, random: () => number, tally: Tally) {
  const port = await freePort()
  for (let k = 0; k < FIRST_START_KILLS; k++) {
    const s = startServer(t, port)
    const delay = 2000 + random() * 40_000
    const up = await Promise.race([healthy(s, delay).then(() => true), sleep(delay).then(() => false)]).catch(
      () => false,
    )
    const phase = up
      ? 'after set-up (too late: not counted)'
      : /Loaded public data/.test(s.output())
        ? 'demo set-up'
        : 'public data load'
    await kill(s)
    if (!up) tally.kills++
    tally.lines.push(`${t.name}: first start killed after ${(delay / 1000).toFixed(1)} s, during ${phase}`)
  }
  const s = startServer(t, port)
  await healthy(s, 900_000)
  const passwords = JSON.parse(fs.readFileSync(path.join(t.dataDir, 'demo-accounts.json'), 'utf8')) as Record<
    string,
    string
  >
  let missing = 0
  for (const [user, password] of Object.entries(passwords)) {
    const session = await signIn(s.url, user, password).catch(() => undefined)
    if (!session) missing++
  }
  if (missing) tally.lines.push(`${t.name}: ${missing} demo accounts cannot sign in after the first start`)
  tally.lost += missing
  await stop(s)
  return passwords
}

/** Every acked write present, nothing half-written, the audit chain whole. */
async function check(t: Target, acks: Ack[], scenarios: Scenario[], tally: Tally, label: string) {
  const store = await t.open()
  try {
    for (const sc of scenarios) {
      const mine = acks.filter((a) => a.scenario === sc.name)
      const lost = await sc.lost(store, mine)
      const partial = await sc.partial(store)
      tally.lost += lost.length
      tally.partial += partial.length
      for (const l of lost) tally.lines.push(`${label}: LOST ${sc.name}: ${l}`)
      for (const p of partial) tally.lines.push(`${label}: PARTIAL ${sc.name}: ${p}`)
    }
    const versions = await partialRecords(store)
    tally.partial += versions.length
    for (const p of versions) tally.lines.push(`${label}: PARTIAL record: ${p}`)
    const verdict = await auditService(store, { anchorFile: path.join(t.dataDir, 'audit-anchors.jsonl') }).verify()
    if (verdict.break) {
      tally.partial++
      tally.lines.push(`${label}: AUDIT chain broken: ${JSON.stringify(verdict.break)}`)
    }
  } finally {
    await store.close()
  }
}

async function writeCycles(t: Target, passwords: Record<string, string>, random: () => number, tally: Tally) {
  const port = await freePort()
  const acks: Ack[] = []
  const state = new Map<string, unknown>()
  const store = await t.open()
  const las = await store.query<{ la_code: string; name: string }>('SELECT la_code, name FROM local_authority')
  await store.close()
  const slug = (name: string) =>
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
  state.set('laCodes', new Map(las.map((l) => [slug(l.name), l.la_code])))
  let ok = 0
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    const s = startServer(t, port)
    await healthy(s, 300_000)
    const sessions = new Map<string, Session>()
    const session = async (user: string) => {
      if (!sessions.has(user)) sessions.set(user, await signIn(s.url, user, passwords[user]))
      return sessions.get(user)!
    }
    let stopped = false
    const ack = (a: Omit<Ack, 'cycle'>) => {
      if (!stopped) acks.push({ ...a, cycle })
    }
    const ctx = { session, ack, random, cycle, store: t.name, state, stopped: () => stopped }
    for (const sc of SCENARIOS) await sc.warm?.(ctx)
    const workers = SCENARIOS.map(async (sc) => {
      while (!stopped) {
        try {
          await sc.write(ctx)
        } catch {
          // The server died under the request: an answer never seen is not an acknowledged write.
        }
      }
    })
    // Most kills land within seconds; every fourth cycle runs long enough for a report import (upload, reading the PDF,
    // review, confirm) to be acknowledged before the kill, so its lost-write check has something to check.
    const delay = cycle % 4 === 0 ? 25_000 + random() * 25_000 : 1500 + random() * 10_000
    await sleep(delay)
    await kill(s)
    stopped = true
    await Promise.all(workers)
    tally.kills++
    const seen = acks.filter((a) => a.cycle === cycle).length
    ok += seen
    await check(t, acks, SCENARIOS, tally, `${t.name} cycle ${cycle}`)
    tally.lines.push(
      `${t.name} cycle ${cycle}: killed after ${(delay / 1000).toFixed(1)} s, ${seen} writes acknowledged`,
    )
  }
  const bySc = SCENARIOS.map((sc) => `${acks.filter((a) => a.scenario === sc.name).length} ${sc.name}`)
  tally.lines.push(`${t.name}: ${ok} acknowledged writes over ${CYCLES} kills (${bySc.join(', ')}), checked after each`)
  // The CLI's own check, once, on the store as the last kill left it.
  const verify = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'audit', 'verify'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl },
    encoding: 'utf8',
  })
  const firstLine = (verify.stdout || verify.stderr).trim().split('\n')[0]
  tally.lines.push(`${t.name}: sightline audit verify -> exit ${verify.status}: ${firstLine}`)
  if (verify.status !== 0) tally.partial++
}

async function main() {
  const started = Date.now()
  const tally: Tally = { kills: 0, lost: 0, partial: 0, lines: [] }
  const cluster = STORES.includes('postgres') ? await throwawayCluster({ fsync: true }) : undefined
  if (STORES.includes('postgres') && !cluster) tally.lines.push('PostgreSQL binaries not found: PGlite only')
  const targets: Target[] = []
  try {
    for (const name of STORES as Array<'pglite' | 'postgres'>) {
      if (name === 'postgres' && !cluster) continue
      targets.push(await makeTarget(name, cluster?.url))
    }
    // The stores run side by side: each has its own server, port and seed stream.
    await Promise.all(
      targets.map(async (t, i) => {
        const random = rng(SEED * 31 + i)
        const passwords = await firstStart(t, random, tally)
        await writeCycles(t, passwords, random, tally)
      }),
    )
  } finally {
    for (const t of targets) fs.rmSync(t.dataDir, { recursive: true, force: true })
    cluster?.stop()
  }
  for (const l of tally.lines) console.log(`  ${l}`)
  console.log(
    `# seed ${SEED}, stores ${targets.map((t) => t.name).join(' + ')}, ${((Date.now() - started) / 60_000).toFixed(1)} min`,
  )
  console.log(`faults: ${tally.kills} kills, ${tally.lost} lost writes, ${tally.partial} partial writes`)
  process.exitCode = tally.lost || tally.partial ? 1 : 0
}

await main()
