import { AsyncLocalStorage } from 'node:async_hooks'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { pgliteDefaults } from '../../src/data/store.ts'

/** The repository's root directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs `bin/sightline.js` as a user would, on a PGlite data directory (DATABASE_URL removed), and returns its exit
 * code and output. Each test file gives the time limit its commands need. A new process costs 4-10 CPU seconds (tsx,
 * the services' imports, PGlite's start-up): keep it for what only a real process shows (the exit code bin/sightline.js
 * sets, the data-directory lock between processes, a closed pipe) and use `cliInProcess` for the rest.
 */
export function cliRunner(timeoutMs: number) {
  return (dataDir: string, ...args: string[]): CliResult => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir }
    delete env.DATABASE_URL
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'sightline.js'), ...args], {
      env,
      encoding: 'utf8',
      timeout: timeoutMs,
    })
    return { code: r.status, stdout: r.stdout, stderr: r.stderr }
  }
}

/** The output of the in-process CLI call running in this async context, if any. */
const capture = new AsyncLocalStorage<{ stdout: string[]; stderr: string[] }>()
let patched = false

/**
 * Sends what the CLI writes (console.log, process.stdout.write, commander's messages) to the capture of the call it
 * belongs to. Only text written inside a `cliInProcess` call is taken: the test runner's own reports to stdout (written
 * from its own async context, as bytes) pass through untouched.
 */
function patchStreams() {
  if (patched) return
  patched = true
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name]
    const write = stream.write.bind(stream) as (...a: unknown[]) => boolean
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const sink = capture.getStore()
      if (!sink || typeof chunk !== 'string') return write(chunk, ...rest)
      sink[name].push(chunk)
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined
      done?.()
      return true
    }) as typeof stream.write
  }
}

/**
 * The CLI run in this process: `main(argv)` of src/cli/index.ts, as bin/sightline.js calls it, on a PGlite data
 * directory (DATA_DIR set, DATABASE_URL removed for the call), with its output captured and its exit code returned.
 * About 0.5 CPU s a call against 4-10 for a new process. Calls must not overlap (node:test runs a file's tests one at a
 * time): the environment, process.argv and process.exitCode are the process's own.
 */
export function cliInProcess() {
  patchStreams()
  return async (dataDir: string, ...args: string[]): Promise<CliResult> => {
    const saved = { dataDir: process.env.DATA_DIR, url: process.env.DATABASE_URL, argv: process.argv }
    const out = { stdout: [] as string[], stderr: [] as string[] }
    process.env.DATA_DIR = dataDir
    delete process.env.DATABASE_URL
    // commandLabel() names the command holding the data-directory lock from process.argv.
    process.argv = [process.execPath, path.join(REPO_ROOT, 'bin', 'sightline.js'), ...args]
    process.exitCode = undefined
    // The CLI's PGlite store on this thread, as in-process calls need no event loop kept free: about 0.15-0.3 CPU s
    // less a call than starting a worker thread. A real process (cliRunner) still uses the worker.
    pgliteDefaults.inline = true
    try {
      const { main } = await import('../../src/cli/index.ts')
      const code = await capture.run(out, () => main(args))
      return { code, stdout: out.stdout.join(''), stderr: out.stderr.join('') }
    } finally {
      pgliteDefaults.inline = false
      process.exitCode = undefined
      process.argv = saved.argv
      if (saved.dataDir === undefined) delete process.env.DATA_DIR
      else process.env.DATA_DIR = saved.dataDir
      if (saved.url !== undefined) process.env.DATABASE_URL = saved.url
    }
  }
}
