import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { cliRunner } from '../../test/support/cli.ts'
import { DataDirInUseError, lockDataDir } from './dataDirLock.ts'
import { openStore, pgliteDirFor } from './store.ts'
import { schemaSnapshot } from '../../test/support/snapshots.ts'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-lock-'))
after(() => fs.rmSync(root, { recursive: true, force: true }))
let n = 0
const freshDir = () => path.join(root, `d${++n}`, 'pglite')
const writeLock = (dir: string, holder: object) => {
  fs.mkdirSync(path.dirname(dir), { recursive: true })
  fs.writeFileSync(`${dir}.lock`, JSON.stringify(holder))
}
/** A process id that ran and has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!

describe('one process per embedded data directory', () => {
  it('refuses a second lock in the same process, naming the holder, and allows it again once released', () => {
    const dir = freshDir()
    fs.mkdirSync(path.dirname(dir), { recursive: true })
    const release = lockDataDir(dir, 'the Sightline server')
    assert.throws(
      () => lockDataDir(dir, 'the command "sightline users add"'),
      (err: unknown) =>
        err instanceof DataDirInUseError &&
        err.message.startsWith(`the Sightline server (process ${process.pid}, since `) &&
        err.message.includes(`is using the data directory ${dir}: stop it first`),
    )
    release()
    assert.equal(fs.existsSync(`${dir}.lock`), false, 'release removes the lock file')
    lockDataDir(dir, 'again')()
  })

  it('refuses while another live process holds the lock, and takes it over once that process is gone', async () => {
    const dir = freshDir()
    const child = spawn('sleep', ['30'])
    try {
      writeLock(dir, { pid: child.pid, startTicks: null, label: 'the Sightline server', since: 'earlier' })
      assert.throws(() => lockDataDir(dir, 'a test'), DataDirInUseError)
    } finally {
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
    }
    const release = lockDataDir(dir, 'a test')
    assert.equal(JSON.parse(fs.readFileSync(`${dir}.lock`, 'utf8')).pid, process.pid)
    release()
  })

  it('takes over a lock left by a killed process, a reused process id, or a half-written file', () => {
    const stale = [
      { pid: deadPid(), startTicks: null, label: 'killed', since: 'earlier' },
      // Our own process id, but a different start time: the id was reused after a restart.
      { pid: process.pid, startTicks: 1, label: 'before the restart', since: 'earlier' },
    ]
    for (const holder of stale) {
      const dir = freshDir()
      writeLock(dir, holder)
      lockDataDir(dir, 'a test')()
    }
    const dir = freshDir()
    fs.mkdirSync(path.dirname(dir), { recursive: true })
    fs.writeFileSync(`${dir}.lock`, '{"pid": 12')
    lockDataDir(dir, 'a test')()
  })

  it('the store refuses a second open of one PGlite directory until the first is closed', async () => {
    const dir = freshDir()
    // A directory restored from the run's schema snapshot (about 1.5 CPU s) rather than a new one (initdb, about 4).
    const first = await openStore({
      pgliteDir: dir,
      holder: 'the Sightline server',
      loadDataDir: await schemaSnapshot(),
    })
    try {
      await assert.rejects(openStore({ pgliteDir: dir }), DataDirInUseError)
      assert.deepEqual(await first.query<{ one: number }>('SELECT 1 AS one'), [{ one: 1 }], 'the first still works')
    } finally {
      await first.close()
    }
    const second = await openStore({ pgliteDir: dir })
    await second.close()
  })

  it('a CLI command run while the server holds the data directory is refused: exit 2, one clear line', async () => {
    const dataDir = path.join(root, 'cli')
    const server = await openStore({
      pgliteDir: pgliteDirFor(dataDir),
      holder: 'the Sightline server',
      loadDataDir: await schemaSnapshot(),
    })
    try {
      const r = cliRunner(60_000)(dataDir, 'users', 'list')
      assert.equal(r.code, 2, r.stderr)
      assert.match(r.stderr, /^sightline: the Sightline server \(process \d+, since .+\) is using the data directory /)
      assert.match(r.stderr, /stop it first, or run this against PostgreSQL \(DATABASE_URL\)/)
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one line, no stack trace')
    } finally {
      await server.close()
    }
  })
})
