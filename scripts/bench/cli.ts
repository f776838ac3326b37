/**
 * CLI start-up: each command run several times, each in a fresh process, as `sightline` runs it (bin/sightline.js: the
 * compiled build, see scripts/build) and, for reference, as it ran before the build (the TypeScript through tsx).
 * Prints the median wall time, CPU seconds (user + system) and peak memory of each, beside a bare `node` start, and
 * ends with one line `bench:cli {json}`. CPU seconds are the honest figure on a busy machine; the load average is shown.
 *
 * `risk estimate` needs the public data: pass --data-dir DIR (a data directory where it is loaded, e.g. after
 * `npm start`), or a temporary one is made and loaded once with `sightline data load` (about a minute).
 * Usage: npm run bench:cli [-- --runs 7] [-- --data-dir DIR] [-- --quick]
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..', '..')
const arg = (name: string) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : undefined
}
const RUNS = Number(arg('--runs') ?? (process.argv.includes('--quick') ? 3 : 7))
const TIME = '/usr/bin/time'
const hasTime = fs.existsSync(TIME)

interface Run {
  wall: number
  cpu: number
  rssMb: number
}

/** One run: wall seconds, and CPU seconds and peak memory from /usr/bin/time when it is installed. */
function runOnce(args: string[], env: NodeJS.ProcessEnv): Run {
  const t = performance.now()
  const r = hasTime
    ? spawnSync(TIME, ['-f', 'TIME %U %S %M', process.execPath, ...args], { cwd: root, env, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8' })
  const wall = (performance.now() - t) / 1000
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}:\n${r.stderr}`)
  const m = /TIME ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '')
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN, rssMb: m ? Math.round(Number(m[3]) / 1024) : NaN }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
function measure(args: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const runs = Array.from({ length: RUNS }, () => runOnce(args, env))
  return {
    wall: median(runs.map((r) => r.wall)),
    cpu: median(runs.map((r) => r.cpu)),
    rssMb: median(runs.map((r) => r.rssMb)),
  }
}
const show = (r: Run) => `${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU, ${r.rssMb} MB`.padEnd(40)

// Build first (as `npm install` does), so no run includes a build.
const { freshManifest } = await import('../build/compiled.mjs')
if (!freshManifest()) await (await import('../build/build.mjs')).build()

let dataDir = arg('--data-dir')
let madeDataDir = false
if (!dataDir) {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-bench-cli-'))
  madeDataDir = true
  console.log(`Loading the public data into ${dataDir} for risk estimate (once, not timed)...`)
  const load = spawnSync(process.execPath, ['bin/sightline.js', 'data', 'load'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  })
  if (load.status !== 0) throw new Error(`sightline data load failed:\n${load.stderr}`)
}
const storeEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }

const loadBefore = os.loadavg()
const results: Record<string, { compiled: Run; tsx?: Run }> = {}
try {
  const bare = measure(['-e', ''])
  console.log(`bare node, nothing loaded:                      ${show(bare)}`)
  const commands: Array<{ name: string; args: string[]; env?: NodeJS.ProcessEnv }> = [
    { name: '--help', args: ['--help'] },
    { name: 'users --help', args: ['users', '--help'] },
    { name: 'casework --help', args: ['casework', '--help'] },
    { name: 'risk estimate (one LA)', args: ['risk', 'estimate', '--la', '330', '--year', '2014'], env: storeEnv },
  ]
  for (const c of commands) {
    const compiled = measure(['bin/sightline.js', ...c.args], c.env)
    const tsx = measure(['--import', 'tsx', 'src/cli/index.ts', ...c.args], c.env)
    results[c.name] = { compiled, tsx }
    console.log(`sightline ${c.name.padEnd(26)} compiled: ${show(compiled)} through tsx: ${show(tsx)}`)
  }
  const loadAfter = os.loadavg()
  console.log(
    `${RUNS} runs each (medians); load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(1)).join(' ')} after; ${os.cpus().length} CPUs`,
  )
  console.log(
    `bench:cli ${JSON.stringify({ runs: RUNS, bare, results, loadAverage: loadBefore[0], cpus: os.cpus().length })}`,
  )
} finally {
  if (madeDataDir) fs.rmSync(dataDir, { recursive: true, force: true })
}
