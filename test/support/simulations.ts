import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runSimulation, simulateOptions, type SimulateArgs } from '../../src/services/simulateService.ts'

const inProcess = new Map<string, Promise<string>>()

/**
 * The simulator's output for these arguments (every format, truth.json), made once per test run and shared by every
 * test file that asks for the same arguments: in the run's cache directory (SIGHTLINE_TEST_CACHE, removed at the end
 * of the run) when scripts/run-tests.mjs gave one, else once per process in a temporary directory. The same arguments
 * give the same files (the simulator is seeded), so a file reading a shared copy reads what it would have made itself.
 * Treat the directory as read-only: copy a file before changing it.
 * @example const out = await simulatedOnce({ la: '330', asAt: '2014-03-31', seed: '1', scale: '0.05', failures: 'birmingham-2014' })
 */
export function simulatedOnce(args: SimulateArgs): Promise<string> {
  const key = crypto
    .createHash('sha256')
    .update(JSON.stringify(Object.entries(args).sort()))
    .digest('hex')
    .slice(0, 16)
  let dir = inProcess.get(key)
  if (!dir) {
    dir = process.env.SIGHTLINE_TEST_CACHE
      ? sharedDir(path.join(process.env.SIGHTLINE_TEST_CACHE, `simulated-${key}`), args)
      : simulateInto(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-sim-')), 'out'), args)
    inProcess.set(key, dir)
  }
  return dir
}

async function simulateInto(out: string, args: SimulateArgs): Promise<string> {
  await runSimulation(simulateOptions(args), out)
  return out
}

/**
 * One simulation across the run's test processes: the first to take the lock simulates into a temporary directory and
 * renames it into place (the rename is the sign it is complete); the others wait. A failed build removes its lock.
 */
async function sharedDir(dir: string, args: SimulateArgs): Promise<string> {
  const lock = `${dir}.lock`
  const deadline = Date.now() + 10 * 60_000
  while (!fs.existsSync(dir)) {
    let fd: number | undefined
    try {
      fd = fs.openSync(lock, 'wx')
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for another test process to simulate ${dir}`)
      await new Promise((r) => setTimeout(r, 250))
      continue
    }
    const tmp = `${dir}.${process.pid}.tmp`
    try {
      await simulateInto(tmp, args)
      fs.renameSync(tmp, dir)
    } finally {
      fs.closeSync(fd)
      fs.rmSync(lock, { force: true })
      fs.rmSync(tmp, { recursive: true, force: true })
    }
  }
  return dir
}
