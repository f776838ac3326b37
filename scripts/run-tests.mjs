#!/usr/bin/env node
// Runs the node:test suites. Usage: node scripts/run-tests.mjs [unit|e2e|all] [--cpu-table=FILE] [--list] [files...]
// --cpu-table=FILE runs each test file on its own (after the shared snapshots are built) and writes a table of the CPU
// seconds (user+sys) each one spent, with the PostgreSQL cluster's and the e2e server's share, sorted, to FILE.
// When PostgreSQL's server binaries exist, starts a throwaway cluster on a free port for the store tests
// (TEST_DATABASE_URL) and removes it afterwards; it never touches a shared server.
// A whole run (npm test) keeps every core busy to the end: the shared snapshots are built and the e2e server started
// beside the first test files (an e2e spec waits for the server in launch(); a file that needs a snapshot waits for
// it), and the files run longest first (test/support/testWeights.json: CPU seconds per file, written by --cpu-table),
// one more at a time than there are cores (TEST_CONCURRENCY to change it). TypeScript is loaded by the lean loader in
// test/support/ts (esbuild, cached), not tsx: about 1 CPU second less in each of the run's 120-odd processes.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { groupUnitFiles } from '../test/support/testGroups.mjs'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const cpuTableArg = process.argv.find((a) => a.startsWith('--cpu-table='))
const argv = process.argv.filter((a) => a !== cpuTableArg && a !== '--list')
const cpuTable = cpuTableArg?.slice('--cpu-table='.length)
const kind = ['unit', 'e2e', 'all'].includes(argv[2]) ? argv[2] : 'all'
const explicit = argv.slice(kind === argv[2] ? 3 : 2)

/** The TypeScript loader every test process (and the e2e server) runs under. */
const LOADER = pathToFileURL(path.join(root, 'test', 'support', 'ts', 'register.mjs')).href
const WEIGHTS_FILE = path.join(root, 'test', 'support', 'testWeights.json')
const CONCURRENCY = Number(process.env.TEST_CONCURRENCY ?? (os.availableParallelism?.() ?? os.cpus().length) + 1)

const CLK_TCK = 100
/** CPU seconds (user+sys) of a process and of its children it has waited for, from /proc (Linux only). */
function procCpu(pid = 'self') {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // Fields 14-17 (utime, stime, cutime, cstime), counted from 3 after the command name.
    const [ut, st, cut, cst] = [f[11], f[12], f[13], f[14]].map(Number)
    return { self: (ut + st) / CLK_TCK, children: (cut + cst) / CLK_TCK }
  } catch {
    return { self: 0, children: 0 }
  }
}

function walk(dir, pattern, out = []) {
  if (!fs.existsSync(dir)) return out
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, pattern, out)
    else if (pattern.test(entry.name)) out.push(path.relative(root, full))
  }
  return out.sort()
}

function findPgBin(name) {
  const candidates = (process.env.PATH ?? '').split(':').map((d) => path.join(d, name))
  const lib = '/usr/lib/postgresql'
  if (fs.existsSync(lib)) {
    for (const v of fs.readdirSync(lib).sort().reverse()) candidates.push(path.join(lib, v, 'bin', name))
  }
  return candidates.find((c) => fs.existsSync(c))
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

async function startPostgres() {
  if (process.env.SIGHTLINE_NO_POSTGRES) return undefined
  const initdb = findPgBin('initdb')
  const pgCtl = findPgBin('pg_ctl')
  if (!initdb || !pgCtl) {
    console.log('# PostgreSQL binaries not found: store tests run on PGlite only')
    return undefined
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-pg-'))
  const dataDir = path.join(dir, 'data')
  const asRoot = process.getuid?.() === 0
  // initdb refuses to run as root: run the cluster as the postgres user.
  const run = (cmd, args) => {
    if (asRoot) return execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' })
    return execFileSync(cmd, args, { stdio: 'pipe' })
  }
  if (asRoot) execFileSync('chown', ['postgres', dir])
  run(initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'])
  const port = await freePort()
  run(pgCtl, [
    '-D',
    dataDir,
    '-l',
    path.join(dir, 'log'),
    '-w',
    '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`,
    'start',
  ])
  const stop = () => {
    try {
      run(pgCtl, ['-D', dataDir, '-m', 'immediate', 'stop'])
    } catch {}
    removeDir(dir)
  }
  // The postmaster's CPU, with its backends' (it waits for them), for --cpu-table.
  const cpu = () => {
    try {
      return procCpu(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0].trim())
    } catch {
      return { self: 0, children: 0 }
    }
  }
  return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, stop, cpu }
}

/** Runs the files in the order given, CONCURRENCY at a time, in one node:test run (one summary for CI). */
function runNodeTests(files, env) {
  if (!files.length) return Promise.resolve(0)
  const args = ['--import', LOADER, 'test/support/runFiles.mjs', String(CONCURRENCY), ...files]
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env })
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)))
}

/**
 * Longest first (CPU seconds from the last --cpu-table run; a file not yet measured counts 5), so the last files to
 * finish are short ones. E2e specs start only once unit files worth E2E_AFTER CPU seconds have started: the e2e server
 * is still starting until then, and a spec that waits for it holds a slot and does nothing. With groupDir, a whole
 * run's unit files run in groups (test/support/testGroups.mjs), one process each, written into groupDir.
 */
function ordered(unit, e2e, groupDir) {
  const weights = fs.existsSync(WEIGHTS_FILE) ? JSON.parse(fs.readFileSync(WEIGHTS_FILE, 'utf8')) : {}
  const weightOf = (f) => weights[f] ?? 5
  const units = groupDir
    ? groupUnitFiles(unit, weightOf, groupDir)
    : unit.map((f) => ({ file: f, weight: weightOf(f), files: [f] }))
  const w = new Map(
    [...units, ...e2e.map((f) => ({ file: f, weight: weightOf(f), files: [f] }))].map((u) => [u.file, u]),
  )
  const byWeight = (a, b) => w.get(b).weight - w.get(a).weight || a.localeCompare(b)
  const rest = units.map((u) => u.file).sort(byWeight)
  const E2E_AFTER = 120
  const first = []
  for (let sum = 0; rest.length && (e2e.length === 0 || sum < E2E_AFTER);) {
    const f = rest.shift()
    first.push(f)
    sum += w.get(f).weight
  }
  return { files: [...first, ...[...rest, ...e2e].sort(byWeight)], units: w }
}

// A failure to tidy a temporary directory must never fail the run: say so and go on.
function removeDir(dir) {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  } catch (err) {
    console.log(`# could not remove ${dir}: ${err.code ?? err.message}`)
  }
}

/**
 * The e2e server over a copy of the public data's PGlite directory (the one the store tests copy: the prepared store
 * npm install made), so its start checks the files' checksums instead of loading about 400,000 figures. Its port and
 * data directory are chosen first, so the test run can start at once with E2E_BASE_URL set; specs wait for /health
 * (e2e/support/browser.ts), and E2E_STATUS_FILE says when the server could not start, so they fail at once with the
 * reason.
 */
async function startE2eServer(env) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-e2e-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const statusFile = path.join(dataDir + '.status')
  let child
  let restoreCpu = 0
  let startCpu = { self: 0, children: 0 }
  const start = async () => {
    const restoreFrom = procCpu().children
    const restore = spawn(process.execPath, ['--import', LOADER, 'test/support/buildSnapshots.ts', '--e2e', dataDir], {
      cwd: root,
      stdio: 'inherit',
      env,
    })
    const status = await new Promise((resolve) => restore.on('exit', (code) => resolve(code)))
    restoreCpu = procCpu().children - restoreFrom
    if (status !== 0) throw new Error('could not restore the public-data snapshot for the e2e server')
    child = spawn(process.execPath, ['--import', LOADER, 'src/main.ts'], {
      cwd: root,
      env: {
        ...env,
        NODE_ENV: 'development',
        DATA_DIR: dataDir,
        PORT: String(port),
        SIGHTLINE_DEMO: 'on',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    // The first start on an empty data directory loads all the public data: allow for a slow, busy machine.
    const deadline = Date.now() + 600_000
    let up = false
    while (!up && Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`e2e server exited early:\n${output}`)
      try {
        up = (await fetch(`${url}/health`)).ok
      } catch {}
      if (!up) await new Promise((r) => setTimeout(r, 500))
    }
    if (!up) throw new Error(`e2e server did not answer /health within 10 minutes:\n${output}`)
    startCpu = procCpu(child.pid)
    console.log(
      `# e2e server ready at ${url} (server start-up: ${(startCpu.self + startCpu.children).toFixed(1)} CPU s)`,
    )
  }
  const ready = start().then(
    () => fs.writeFileSync(statusFile, 'ready'),
    (err) => {
      console.log(`# ${err.message}`)
      fs.writeFileSync(statusFile, `failed: ${err.message.split('\n')[0]}`)
      throw err
    },
  )
  ready.catch(() => {})
  return {
    ready,
    get startCpu() {
      return startCpu
    },
    get restoreCpu() {
      return restoreCpu
    },
    cpu: () => (child ? procCpu(child.pid) : { self: 0, children: 0 }),
    env: { E2E_BASE_URL: url, E2E_DATA_DIR: dataDir, E2E_STATUS_FILE: statusFile },
    // Wait for the server to exit before removing its data directory: it may still be writing to the store,
    // and removing a directory that is being written to fails with ENOTEMPTY.
    stop: async () => {
      await ready.catch(() => {})
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
        await exited
        clearTimeout(timer)
      }
      removeDir(dataDir)
      fs.rmSync(statusFile, { force: true })
    },
  }
}

/** The run's snapshots, each in its own process beside the test run (the e2e restore builds the PGlite public data). */
function buildSnapshotsBeside(env, withE2e) {
  return ['--postgres', '--demo', ...(withE2e ? [] : ['--pglite'])].map((mode) => {
    const child = spawn(process.execPath, ['--import', LOADER, 'test/support/buildSnapshots.ts', mode], {
      cwd: root,
      stdio: 'inherit',
      env,
    })
    return new Promise((resolve) => child.on('exit', (code) => resolve(code)))
  })
}

// TEST_FILES_MATCH (a regular expression) keeps only the matching files of a whole run: the same start-up, snapshot
// builders and order as npm test, on a few files.
const only = process.env.TEST_FILES_MATCH ? new RegExp(process.env.TEST_FILES_MATCH) : undefined
const unitFiles = walk(path.join(root, 'src'), /\.test\.ts$/)
  .concat(walk(path.join(root, 'test'), /\.test\.ts$/))
  .filter((f) => !only || only.test(f))
const e2eFiles = walk(path.join(root, 'e2e'), /\.spec\.ts$/).filter((f) => !only || only.test(f))
// --list: the order a whole run would start the files in, and their weights; runs nothing.
if (process.argv.includes('--list')) {
  const groupDir =
    process.env.TEST_GROUPS === 'off' ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-list-'))
  const { files, units } = ordered(kind === 'e2e' ? [] : unitFiles, kind === 'unit' ? [] : e2eFiles, groupDir)
  for (const f of files) {
    const u = units.get(f)
    console.log(`${u.weight.toFixed(1).padStart(6)}  ${u.files.join(' ')}`)
  }
  console.log(
    `${files.length} processes for ${[...units.values()].reduce((t, u) => t + u.files.length, 0)} files, ${CONCURRENCY} at a time`,
  )
  if (groupDir) removeDir(groupDir)
  process.exit(0)
}
const sum = (c) => c.self + c.children
const cpuBefore = sum(procCpu())
const pgServer = kind === 'e2e' && !explicit.length ? undefined : await startPostgres()
const pgStartCpu = sum(procCpu()) - cpuBefore + (pgServer ? sum(pgServer.cpu()) : 0)
// Snapshots of the loaded public data are made once per run here (test/support/snapshots.ts) and removed at the end.
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-test-cache-'))
let env = {
  ...process.env,
  NODE_ENV: 'test',
  SIGHTLINE_TEST_CACHE: cacheDir,
  // New passwords are hashed at scrypt's cheap test cost in the test processes (services/passwordCost.ts; NODE_ENV=test only):
  // the suite hashes and checks a few hundred, about 50 ms each at the standard cost.
  SIGHTLINE_PASSWORD_COST: 'test',
  ...(pgServer ? { TEST_DATABASE_URL: pgServer.url } : {}),
}
// A whole run (npm test) saves no e2e screenshots unless asked (E2E_SCREENSHOTS=on): they assert nothing and cost
// Chromium about 0.25 CPU s each; `npm run test:e2e` and specs named on the command line still save them.
if (kind === 'all' && !explicit.length) env.E2E_SCREENSHOTS ??= 'off'
const needsE2e = explicit.length ? explicit.some((f) => f.endsWith('.spec.ts')) : kind !== 'unit'
const e2eServer = needsE2e && e2eFiles.length ? await startE2eServer(env) : undefined
if (e2eServer) env = { ...env, ...e2eServer.env }
// --cpu-table measures files against a server that is already up.
if (e2eServer && cpuTable) await e2eServer.ready

/**
 * Runs each file on its own (CPU_TABLE_JOBS at a time, default 1), after building the shared snapshots, and writes a
 * table of CPU seconds per file. A file's own CPU comes from /usr/bin/time; the PostgreSQL cluster's and the e2e
 * server's CPU are sampled each second and shared among the files running at that moment.
 */
async function runCpuTable(files, file) {
  const rows = []
  const running = new Set()
  const sample = () => ({ pg: pgServer ? sum(pgServer.cpu()) : 0, e2e: e2eServer ? sum(e2eServer.cpu()) : 0 })
  let last = sample()
  const share = () => {
    const now = sample()
    for (const r of running) {
      r.pg += (now.pg - last.pg) / running.size
      if (r.label.endsWith('.spec.ts'))
        r.e2e += (now.e2e - last.e2e) / [...running].filter((x) => x.label.endsWith('.spec.ts')).length
    }
    last = now
  }
  const sampler = setInterval(share, 1000)
  const measure = async (label, args) => {
    const timeFile = path.join(cacheDir, `time-${rows.length}.txt`)
    const row = { label, test: 0, pg: 0, e2e: 0, wall: 0, ok: false }
    rows.push(row)
    share()
    running.add(row)
    const t0 = Date.now()
    const child = spawn(
      '/usr/bin/time',
      ['-f', '%U %S', '-o', timeFile, process.execPath, '--import', LOADER, ...args],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env,
      },
    )
    let out = ''
    child.stdout.on('data', (d) => (out = (out + d).slice(-4000)))
    child.stderr.on('data', (d) => (out = (out + d).slice(-4000)))
    const status = await new Promise((resolve) => child.on('exit', (c) => resolve(c)))
    share()
    running.delete(row)
    row.wall = (Date.now() - t0) / 1000
    row.ok = status === 0
    const [u, sy] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number)
    row.test = u + sy
    if (!row.ok) console.log(out)
    console.log(`# ${label}: ${(row.test + row.pg + row.e2e).toFixed(1)} CPU s${row.ok ? '' : ' (FAILED)'}`)
  }
  await measure('(snapshots: public data + demo plan, built once per run)', ['test/support/buildSnapshots.ts'])
  const queue = [...files]
  const jobs = Number(process.env.CPU_TABLE_JOBS ?? 1)
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      for (let f = queue.shift(); f; f = queue.shift()) await measure(f, ['--test', '--test-reporter=dot', f])
    }),
  )
  clearInterval(sampler)
  const fixed = [
    { label: '(PostgreSQL cluster: initdb + start)', test: pgStartCpu, pg: 0, e2e: 0, wall: 0, ok: true },
    ...(e2eServer
      ? [
          { label: '(e2e server start-up)', test: 0, pg: 0, e2e: sum(e2eServer.startCpu), wall: 0, ok: true },
          {
            label: '(public-data snapshot copied for the e2e server)',
            test: e2eServer.restoreCpu,
            pg: 0,
            e2e: 0,
            wall: 0,
            ok: true,
          },
        ]
      : []),
  ]
  const all = [...rows, ...fixed].map((r) => ({ ...r, total: r.test + r.pg + r.e2e })).sort((a, b) => b.total - a.total)
  const total = all.reduce((t, r) => t + r.total, 0)
  const lines = [
    `CPU seconds (user+sys) per test file, each run on its own with warm snapshots; ${new Date().toISOString()}`,
    `total ${total.toFixed(1)} CPU s over ${files.length} files`,
    '',
    `${'total'.padStart(7)} ${'test'.padStart(7)} ${'pg'.padStart(6)} ${'e2esrv'.padStart(6)} ${'wall'.padStart(6)}  file`,
    ...all.map((r) =>
      [
        r.total.toFixed(1).padStart(7),
        r.test.toFixed(1).padStart(7),
        r.pg.toFixed(1).padStart(6),
        r.e2e.toFixed(1).padStart(6),
        r.wall.toFixed(0).padStart(6),
        ` ${r.label}${r.ok ? '' : ' FAILED'}`,
      ].join(' '),
    ),
  ]
  fs.writeFileSync(file, lines.join('\n') + '\n')
  console.log(lines.join('\n'))
  // The files' CPU seconds become the weights a whole run orders its files by (longest first).
  const weights = fs.existsSync(WEIGHTS_FILE) ? JSON.parse(fs.readFileSync(WEIGHTS_FILE, 'utf8')) : {}
  for (const r of all) if (/\.(test|spec)\.ts$/.test(r.label) && r.ok) weights[r.label] = Number(r.total.toFixed(1))
  const sorted = Object.entries(weights).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  fs.writeFileSync(WEIGHTS_FILE, JSON.stringify(Object.fromEntries(sorted), null, 2) + '\n')
  return rows.every((r) => r.ok) ? 0 : 1
}

let code = 0
try {
  if (cpuTable) {
    const files = explicit.length
      ? explicit
      : kind === 'unit'
        ? unitFiles
        : kind === 'e2e'
          ? e2eFiles
          : [...unitFiles, ...e2eFiles]
    code = await runCpuTable(files, cpuTable)
  } else {
    // One node:test run for everything, so CI reads a single summary; the snapshots are built beside it.
    // Files named on the command line run one process each; a whole run groups its unit files (TEST_GROUPS=off: not).
    const groupDir = process.env.TEST_GROUPS === 'off' ? undefined : cacheDir
    const files = explicit.length
      ? explicit
      : ordered(kind === 'e2e' ? [] : unitFiles, kind === 'unit' ? [] : e2eFiles, groupDir).files
    // A whole run builds every snapshot at once; a few files named build what they need, when they need it.
    const builders = explicit.length || kind === 'e2e' ? [] : buildSnapshotsBeside(env, Boolean(e2eServer))
    code = await runNodeTests(files, env)
    for (const status of await Promise.all(builders)) if (status !== 0) code ||= 1
  }
} finally {
  await e2eServer?.stop()
  pgServer?.stop()
  removeDir(cacheDir)
}
process.exit(code)
