import fs from 'node:fs'
import path from 'node:path'

/**
 * A directory made once across a test run's processes: the first to take the lock file (`<dir>.lock`) builds it into
 * a temporary directory and renames that into place (the rename is the sign it is complete); the others wait for it.
 * A failed build removes its lock and its temporary directory, so the next process tries again. Returns `dir`.
 */
export async function buildOnce(dir: string, build: (tmp: string) => Promise<unknown>): Promise<string> {
  const lock = `${dir}.lock`
  const deadline = Date.now() + 10 * 60_000
  fs.mkdirSync(path.dirname(dir), { recursive: true })
  while (!fs.existsSync(dir)) {
    let fd: number | undefined
    try {
      fd = fs.openSync(lock, 'wx')
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for another test process to make ${dir}`)
      await new Promise((r) => setTimeout(r, 250))
      continue
    }
    const tmp = `${dir}.${process.pid}.tmp`
    try {
      if (!fs.existsSync(dir)) {
        await build(tmp)
        fs.renameSync(tmp, dir)
      }
    } finally {
      fs.closeSync(fd)
      fs.rmSync(lock, { force: true })
      fs.rmSync(tmp, { recursive: true, force: true })
    }
  }
  return dir
}
