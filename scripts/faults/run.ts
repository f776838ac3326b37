/**
 * npm run test:faults: kills the Sightline server with SIGKILL (a power cut) at seeded random moments, on PGlite and on
 * PostgreSQL, then starts it again and checks the store:
 * - first start: PostgreSQL starts on an empty database and is killed during its public data load; PGlite starts on a
 *   data directory restored from a snapshot of the loaded public data (test/support/snapshots.ts: loaded once per run,
 *   not at every start) and is killed during demo set-up. Each is then started until it answers, and every demo account
 *   signs in with its recorded password;
 * - write cycles: every SCENARIOS write path runs at once (report import, plan edits, evidence upload, sign-off,
 *   intervention records, user changes, casework ingest); the kill comes at a random moment after every one of them
 *   has had a write acknowledged in that cycle. Then every write whose answer the client saw succeed must be in the
 *   store ("lost" if not), no record may be half-written ("partial"), the audit chain must verify, and a casework upload
 *   killed part-way must have left the previous snapshot current. `sightline audit verify` runs at the end.
 * Prints, per store and kind, acknowledged / found after restart / lost / partial, then
 * `faults: N kills, N lost writes, N partial writes` and `test:faults {json}`; exits 1 unless lost and partial are 0 and
 * every kind was acknowledged before every kill.
 * Usage: npm run test:faults [-- --seed 12 --cycles 24 --stores pglite,postgres --deadline-minutes 0 --verbose]
 */
import { spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pgliteSnapshot } from '../../test/support/snapshots.ts'
import { readCaseworkStore } from './caseworkScenario.ts'
import { signIn, type Ack, type Session, type WriteContext } from './kit.ts'
import { freePort, throwawayCluster } from './postgres.ts'
import { SCENARIOS } from './scenarios.ts'
import {
  check,
  firstStart,
  healthy,
  kill,
  makeTarget,
  newTally,
  rng,
  startServer,
  type Target,
  type Tally,
} from './harness.ts'
import { refusedButStored, userChanges } from './userScenario.ts'

const root = path.resolve(import.meta.dirname, '..', '..')
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const SEED = Number(arg('seed', '12'))
const CYCLES = Number(arg('cycles', '24'))
const STORES = arg('stores', 'pglite,postgres').split(',') as Array<'pglite' | 'postgres'>
/** How long a cycle may wait for every kind of write to be acknowledged before it gives up (and fails). */
const VERBOSE = process.argv.includes('--verbose')
/** No new cycle starts after this many minutes (0: none); the report then says how many cycles ran. */
const DEADLINE_MS = Number(arg('deadline-minutes', '0')) * 60_000
const RUN_START = Date.now()
const ACK_WAIT_MS = Number(arg('ack-wait', '240')) * 1000

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

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
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    if (DEADLINE_MS && Date.now() - RUN_START > DEADLINE_MS) {
      tally.lines.push(`${t.name}: stopped after ${cycle - 1} of ${CYCLES} cycles (--deadline-minutes)`)
      break
    }
    tally.cycles = cycle
    const children = new Set<ChildProcess>()
    let stopped = false
    const sessions = new Map<string, Promise<Session>>()
    let url = ''
    const ctx: WriteContext = {
      session: (user) => {
        if (!sessions.has(user)) sessions.set(user, signIn(url, user, passwords[user]))
        return sessions.get(user)!
      },
      ack: (a) => {
        if (!stopped) acks.push({ ...a, cycle })
      },
      random,
      cycle,
      store: t.name,
      dataDir: t.dataDir,
      cliEnv: { DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'warn' },
      state,
      stopped: () => stopped,
      track: (c) => {
        children.add(c)
        c.once('exit', () => children.delete(c))
      },
    }
    // Writes that cannot run beside the server (the CLI on PGlite); one cycle in four is killed at a random moment.
    const cliKill = cycle % 4 === 0 ? sleep(1500 + random() * 8000) : new Promise<void>(() => {})
    let cliKilled = false
    let offlineDone = false
    void cliKill.then(() => (cliKilled = !offlineDone))
    for (const sc of SCENARIOS) await sc.offline?.(ctx, cliKill)
    offlineDone = true
    if (cliKilled && t.name === 'pglite') tally.cliKills++
    const s = startServer(t, port)
    url = s.url
    await healthy(s, 300_000)
    const started = Date.now()
    for (const sc of SCENARIOS) await sc.warm?.(ctx)
    // (A PGlite user change killed before the server started has nothing to wait for.)
    const expected = SCENARIOS.filter((sc) => !(sc.name === userChanges.name && t.name === 'pglite' && cliKilled))
    const waiting = () => expected.filter((sc) => !acks.some((a) => a.cycle === cycle && a.scenario === sc.name))
    const workers = SCENARIOS.map(async (sc) => {
      while (!stopped) {
        try {
          await sc.write(ctx)
        } catch (err) {
          // The server died under the request: an answer never seen is not an acknowledged write.
          if (!stopped) {
            if (VERBOSE) console.log(`    [${t.name} ${cycle}] ${sc.name} failed: ${(err as Error).message}`)
            await sleep(500)
          }
        }
        // A kind already acknowledged in this cycle waits for the kinds still waiting (on a slow machine a casework
        // upload, read while the event loop serves everything else, could otherwise starve); all write again in the
        // random moments before the kill.
        while (!stopped && waiting().length && !waiting().includes(sc)) await sleep(250)
      }
    })
    // The kill: a random moment after every kind of write has been acknowledged in this cycle.
    while (waiting().length && Date.now() - started < ACK_WAIT_MS) await sleep(200)
    const missing = waiting().map((sc) => {
      const refused = state.get(`refused:${sc.name}`) as { cycle: number; why: string } | undefined
      return refused?.cycle === cycle
        ? `${sc.name} (its last attempt was refused: ${refused.why.slice(0, 300)})`
        : sc.name
    })
    const extra = random() * 3000
    await sleep(extra)
    const inFlight = state.get('caseworkInFlight') === true
    await kill(s)
    stopped = true
    for (const c of children) c.kill('SIGKILL')
    await Promise.all(workers)
    tally.kills++
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    if (missing.length) {
      tally.unacknowledged.push(`${t.name} cycle ${cycle}: no ${missing.join(', ')} acknowledged before the kill`)
    }
    const cw = await readCaseworkStore(t.dataDir)
    const partWay = cw.building.length
    cw.close()
    if (partWay || inFlight) tally.caseworkPartWay++
    await check(t, acks, tally, `${t.name} cycle ${cycle}`, state)
    const seen = acks.filter((a) => a.cycle === cycle).length
    tally.lines.push(
      `${t.name} cycle ${cycle}: killed ${seconds} s after start (${(extra / 1000).toFixed(1)} s after the last kind was acknowledged), ${seen} writes acknowledged${partWay ? `, a casework upload part-way (snapshot ${cw.building.join(', ')} building)` : ''}${cliKilled && t.name === 'pglite' ? ', a CLI user change killed' : ''}`,
    )
  }
  // The CLI's own check, once, on the store as the last kill left it.
  const verify = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'audit', 'verify'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl },
    encoding: 'utf8',
  })
  const firstLine = (verify.stdout || verify.stderr).trim().split('\n')[0]
  tally.lines.push(`${t.name}: sightline audit verify -> exit ${verify.status}: ${firstLine}`)
  if (verify.status !== 0) tally.problems.add(`${t.name}: sightline audit verify failed: ${firstLine}`)
  const refused = await (async () => {
    const st = await t.open()
    try {
      return await refusedButStored(st, state)
    } finally {
      await st.close()
    }
  })()
  for (const r of refused) tally.problems.add(`${t.name}: ${r}`)
  for (const r of userChanges.refused.filter((x) => x.includes(t.name)))
    tally.lines.push(`${t.name}: CLI beside the server ${r}`)
}

async function main() {
  const started = Date.now()
  const cluster = STORES.includes('postgres') ? await throwawayCluster({ fsync: true }) : undefined
  const tallies = new Map<string, Tally>()
  const targets: Target[] = []
  try {
    const snapshot = STORES.includes('pglite') ? await pgliteSnapshot() : undefined
    for (const name of STORES) {
      if (name === 'postgres' && !cluster) {
        console.log('  PostgreSQL binaries not found: PGlite only')
        continue
      }
      targets.push(await makeTarget(name, { adminUrl: cluster?.url, snapshot }))
    }
    // The stores run side by side: each has its own server, port and seed stream.
    await Promise.all(
      targets.map(async (t, i) => {
        const tally = newTally(t.name)
        tallies.set(t.name, tally)
        const random = rng(SEED * 31 + i)
        const passwords = await firstStart(t, random, tally)
        await writeCycles(t, passwords, random, tally)
      }),
    )
  } finally {
    for (const t of targets) fs.rmSync(t.dataDir, { recursive: true, force: true })
    cluster?.stop()
  }
  report(tallies, started)
}

function report(tallies: Map<string, Tally>, started: number) {
  const summary: Record<string, unknown> = {}
  let kills = 0
  let lost = 0
  let partial = 0
  let unacked = 0
  for (const [name, t] of tallies) {
    for (const p of t.problems) console.log(`  PROBLEM ${p}`)
    for (const u of t.unacknowledged) console.log(`  NOT EXERCISED ${u}`)
    const kinds: Record<string, { acked: number; found: number; lost: number; partial: number }> = {}
    for (const sc of SCENARIOS) {
      const k = t.kinds.get(sc.name)!
      kinds[sc.name] = {
        acked: k.acked.size,
        found: k.acked.size - k.lost.size,
        lost: k.lost.size,
        partial: k.partial.size,
      }
      console.log(
        `  ${name} ${sc.name.padEnd(20)} acknowledged ${String(k.acked.size).padStart(4)}, found after restart ${String(k.acked.size - k.lost.size).padStart(4)}, lost ${k.lost.size}, partial ${k.partial.size}`,
      )
      lost += k.lost.size
      partial += k.partial.size
    }
    partial += t.problems.size
    kills += t.kills
    unacked += t.unacknowledged.length
    summary[name] = {
      kills: t.kills,
      cycles: t.cycles,
      firstStartKills: t.firstStartKills,
      cliKills: t.cliKills,
      caseworkKilledPartWay: t.caseworkPartWay,
      cyclesWithoutEveryKind: t.unacknowledged.length,
      otherProblems: t.problems.size,
      kinds,
    }
  }
  const minutes = Number(((Date.now() - started) / 60_000).toFixed(1))
  console.log(
    `# seed ${SEED}, stores ${[...tallies.keys()].join(' + ')}, ${minutes} min, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  )
  console.log(`faults: ${kills} kills, ${lost} lost writes, ${partial} partial writes`)
  console.log(
    `test:faults ${JSON.stringify({ seed: SEED, minutes, load1: Number(os.loadavg()[0].toFixed(1)), kills, lost, partial, cyclesWithoutEveryKind: unacked, stores: summary })}`,
  )
  process.exitCode = lost || partial || unacked ? 1 : 0
}

await main()
