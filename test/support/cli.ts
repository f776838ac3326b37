import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's root directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * Runs `bin/sightline.js` as a user would, on a PGlite data directory (DATABASE_URL removed), and returns its exit
 * code and output. Each test file gives the time limit its commands need.
 */
export function cliRunner(timeoutMs: number) {
  return (dataDir: string, ...args: string[]) => {
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
