#!/usr/bin/env node
// Runs the node:test suites. Usage: node scripts/run-tests.mjs [unit|e2e|all] [extra files...]
// When PostgreSQL's server binaries exist, starts a throwaway cluster on a free port for the store tests
// (TEST_DATABASE_URL) and removes it afterwards; it never touches a shared server.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const kind = ['unit', 'e2e', 'all'].includes(process.argv[2]) ? process.argv[2] : 'all'
const explicit = process.argv.slice(kind === process.argv[2] ? 3 : 2)

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
  return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, stop }
}

function runNodeTests(files, env) {
  if (!files.length) return 0
  const args = ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files]
  const res = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env })
  return res.status ?? 1
}

// A failure to tidy a temporary directory must never fail the run: say so and go on.
function removeDir(dir) {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  } catch (err) {
    console.log(`# could not remove ${dir}: ${err.code ?? err.message}`)
  }
}

async function startE2eServer(env) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-e2e-'))
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
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
  const url = `http://127.0.0.1:${port}`
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
  if (!up) {
    child.kill('SIGTERM')
    throw new Error(`e2e server did not answer /health within 10 minutes:\n${output}`)
  }
  console.log(`# e2e server ready at ${url}`)
  return {
    env: { E2E_BASE_URL: url, E2E_DATA_DIR: dataDir },
    // Wait for the server to exit before removing its data directory: it may still be writing to the store,
    // and removing a directory that is being written to fails with ENOTEMPTY.
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
        await exited
        clearTimeout(timer)
      }
      removeDir(dataDir)
    },
  }
}

const unitFiles = walk(path.join(root, 'src'), /\.test\.ts$/).concat(walk(path.join(root, 'test'), /\.test\.ts$/))
const e2eFiles = walk(path.join(root, 'e2e'), /\.spec\.ts$/)
const pgServer = kind === 'e2e' && !explicit.length ? undefined : await startPostgres()
// Snapshots of the loaded public data are made once per run here (test/support/snapshots.ts) and removed at the end.
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-test-cache-'))
let env = {
  ...process.env,
  NODE_ENV: 'test',
  SIGHTLINE_TEST_CACHE: cacheDir,
  ...(pgServer ? { TEST_DATABASE_URL: pgServer.url } : {}),
}
const needsE2e = explicit.length ? explicit.some((f) => f.endsWith('.spec.ts')) : kind !== 'unit'
const e2eServer = needsE2e && e2eFiles.length ? await startE2eServer(env) : undefined
if (e2eServer) env = { ...env, ...e2eServer.env }
let code = 0
try {
  if (explicit.length) code = runNodeTests(explicit, env)
  else {
    // One node --test run for everything, so CI reads a single summary.
    const files = kind === 'unit' ? unitFiles : kind === 'e2e' ? e2eFiles : [...unitFiles, ...e2eFiles]
    code = runNodeTests(files, env)
  }
} finally {
  await e2eServer?.stop()
  pgServer?.stop()
  removeDir(cacheDir)
}
process.exit(code)
