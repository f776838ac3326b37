/** The fault harness's parts: the stores under test, the server process, the first start, and the check after a kill. */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openStore, pgliteDirFor, type Store } from '../../src/data/store.ts'
import { auditService } from '../../src/services/auditService.ts'
import { getText, signIn, type Ack } from './kit.ts'
import { freePort } from './postgres.ts'
import { SCENARIOS, partialRecords } from './scenarios.ts'

const root = path.resolve(import.meta.dirname, '..', '..')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** mulberry32: the same seed gives the same kill moments. */
export function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface Target {
  name: 'pglite' | 'postgres'
  dataDir: string
  databaseUrl: string
  /** Opens the store for checking (PGlite: only while no server holds it). */
  open(): Promise<Store>
}

/** Per kind of write: the keys acknowledged, lost (at any check) and the half-written records seen. */
export interface KindTally {
  acked: Set<string>
  lost: Set<string>
  partial: Set<string>
}

export interface Tally {
  /** Write cycles run. */
  cycles: number
  kills: number
  firstStartKills: number
  cliKills: number
  caseworkPartWay: number
  kinds: Map<string, KindTally>
  /** Anything else wrong (the audit chain, the CLI's verify, a refused CLI command that wrote). */
  problems: Set<string>
  /** Cycles killed before every kind of write had been acknowledged. */
  unacknowledged: string[]
  lines: string[]
}

/** The tally of one store; its lines are printed as they come (a long run shows its progress). */
export const newTally = (_name: string): Tally => ({
  cycles: 0,
  kills: 0,
  firstStartKills: 0,
  cliKills: 0,
  caseworkPartWay: 0,
  kinds: new Map(SCENARIOS.map((s) => [s.name, { acked: new Set(), lost: new Set(), partial: new Set() }])),
  problems: new Set(),
  unacknowledged: [],
  lines: printed(),
})

function printed(): string[] {
  const lines: string[] = []
  lines.push = (...l: string[]) => {
    for (const x of l) console.log(`  ${x}`)
    return Array.prototype.push.apply(lines, l)
  }
  return lines
}

export interface Server {
  child: ChildProcess
  url: string
  output: () => string
  exited: Promise<void>
}

export function startServer(t: Target, port: number): Server {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: t.dataDir,
      DATABASE_URL: t.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SIGHTLINE_DEMO: 'on',
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

export async function healthy(s: Server, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (s.child.exitCode !== null || s.child.signalCode !== null)
      throw new Error(`the server exited while starting:\n${s.output().slice(-2000)}`)
    try {
      if ((await fetch(`${s.url}/health`)).ok) return
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  throw new Error(`the server did not answer /health in ${timeoutMs / 1000} s:\n${s.output().slice(-2000)}`)
}

export async function kill(s: Server) {
  s.child.kill('SIGKILL')
  await s.exited
}

async function stop(s: Server) {
  s.child.kill('SIGTERM')
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 30_000)
  await s.exited
  clearTimeout(timer)
}

/**
 * A store to break. PGlite: a new data directory restored from the loaded public-data snapshot (so no start loads the
 * public data). PostgreSQL: an empty database (its first start loads the public data, and is killed doing so).
 */
export async function makeTarget(
  name: 'pglite' | 'postgres',
  o: { adminUrl?: string; snapshot?: Blob },
): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `sightline-faults-${name}-`))
  if (name === 'pglite') {
    const restored = await openStore({ pgliteDir: pgliteDirFor(dataDir), loadDataDir: o.snapshot })
    await restored.close()
    return { name, dataDir, databaseUrl: '', open: () => openStore({ pgliteDir: pgliteDirFor(dataDir) }) }
  }
  const db = `faults_${Date.now().toString(36)}`
  const admin = new pg.Client({ connectionString: o.adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${db}`)
  await admin.end()
  const url = new URL(o.adminUrl!)
  url.pathname = `/${db}`
  return { name, dataDir, databaseUrl: url.toString(), open: () => openStore({ databaseUrl: url.toString() }) }
}

/**
 * The first start, killed once at a random moment during set-up (PostgreSQL: its public data load; PGlite: demo
 * accounts, plans and casework, its public data being restored), then started until it answers; every account signs in.
 */
export async function firstStart(t: Target, random: () => number, tally: Tally) {
  const port = await freePort()
  const s = startServer(t, port)
  const delay = t.name === 'postgres' ? 4000 + random() * 40_000 : 3000 + random() * 25_000
  const up = await Promise.race([healthy(s, delay).then(() => true), sleep(delay).then(() => false)]).catch(() => false)
  const phase = up
    ? 'after set-up (too late: not counted)'
    : /Loaded public data/.test(s.output()) || t.name === 'pglite'
      ? 'demo set-up'
      : 'public data load'
  await kill(s)
  if (!up) {
    tally.kills++
    tally.firstStartKills++
  }
  tally.lines.push(`${t.name}: first start killed after ${(delay / 1000).toFixed(1)} s, during ${phase}`)
  const again = startServer(t, port)
  const t0 = Date.now()
  await healthy(again, 900_000)
  tally.lines.push(`${t.name}: the next start finished set-up in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  const passwords = JSON.parse(fs.readFileSync(path.join(t.dataDir, 'demo-accounts.json'), 'utf8')) as Record<
    string,
    string
  >
  try {
    let missing = 0
    for (const [user, password] of Object.entries(passwords)) {
      const session = await signIn(again.url, user, password).catch(() => undefined)
      if (!session) missing++
    }
    if (missing) tally.problems.add(`${t.name}: ${missing} demo accounts cannot sign in after the first start`)
    // The demo reads Birmingham's simulated casework in the background; the cycles' uploads would queue behind it.
    const lead = await signIn(again.url, 'improvement.lead', passwords['improvement.lead'])
    const deadline = Date.now() + 900_000
    while (!/data-qa="current"/.test(await getText(lead, '/la/330/casework'))) {
      if (Date.now() > deadline) throw new Error(`${t.name}: the demo casework was not read in 15 minutes`)
      await sleep(1000)
    }
    tally.lines.push(
      `${t.name}: the demo casework was current ${((Date.now() - t0) / 1000).toFixed(1)} s after the start`,
    )
  } catch (err) {
    throw new Error(`${t.name}: ${(err as Error).message}; the server said:\n${again.output().slice(-3000)}`)
  }
  await stop(again)
  return passwords
}

/** Every acknowledged write present, nothing half-written, the audit chain whole. */
export async function check(t: Target, acks: Ack[], tally: Tally, label: string, _state: Map<string, unknown>) {
  const store = await t.open()
  try {
    for (const sc of SCENARIOS) {
      const k = tally.kinds.get(sc.name)!
      const mine = acks.filter((a) => a.scenario === sc.name)
      // (An account added and later disabled is two acknowledged writes under one key.)
      for (const a of mine) k.acked.add(a.detail?.what ? `${a.key} (${String(a.detail.what)})` : a.key)
      for (const l of await sc.lost(store, mine, t.dataDir)) {
        if (!k.lost.has(l)) tally.lines.push(`${label}: LOST ${sc.name}: ${l}`)
        k.lost.add(l)
      }
      for (const p of await sc.partial(store, t.dataDir)) {
        if (!k.partial.has(p)) tally.lines.push(`${label}: PARTIAL ${sc.name}: ${p}`)
        k.partial.add(p)
      }
    }
    for (const p of await partialRecords(store)) {
      if (!tally.problems.has(p)) tally.lines.push(`${label}: PARTIAL record: ${p}`)
      tally.problems.add(`partial record: ${p}`)
    }
    const verdict = await auditService(store, { anchorFile: path.join(t.dataDir, 'audit-anchors.jsonl') }).verify()
    if (verdict.break) {
      const p = `${label}: audit chain broken: ${JSON.stringify(verdict.break)}`
      tally.problems.add(p)
      tally.lines.push(p)
    }
  } finally {
    await store.close()
  }
}
