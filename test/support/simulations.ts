import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildOnce } from './buildOnce.ts'
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
      ? buildOnce(path.join(process.env.SIGHTLINE_TEST_CACHE, `simulated-${key}`), (tmp) => simulateInto(tmp, args))
      : simulateInto(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-sim-')), 'out'), args)
    inProcess.set(key, dir)
  }
  return dir
}

async function simulateInto(out: string, args: SimulateArgs): Promise<string> {
  await runSimulation(simulateOptions(args), out)
  return out
}
