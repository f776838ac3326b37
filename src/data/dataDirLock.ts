import fs from 'node:fs'
import path from 'node:path'

/**
 * One process per embedded store. PGlite is a single-process database: two processes on one data directory each
 * believe their writes succeeded, and whichever closes last overwrites the other's (lost users, a broken audit chain).
 * So the store layer takes an exclusive lock file beside the data directory before opening it, and a second process
 * is refused with a message saying who holds it. A lock left by a process that no longer runs (killed, machine
 * restarted) is taken over: the holder is checked by its process id and, on Linux, its start time, so a reused
 * process id does not keep a dead lock alive.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `${holder.label} (process ${holder.pid}, since ${holder.since}) is using the data directory ${dataDir}: ` +
        'stop it first, or run this against PostgreSQL (DATABASE_URL), where several processes may share the store',
    )
  }
}

export interface LockHolder {
  pid: number
  /** Kernel start time of the process (clock ticks since boot, from /proc), when known. */
  startTicks: number | null
  label: string
  since: string
}

/** Locks held by this process, so a second open in the same process is refused too. */
const held = new Set<string>()

/**
 * Takes the lock for `dataDir` (the file `<dataDir>.lock`) or throws DataDirInUseError. Returns the release function;
 * the lock is also removed when the process exits normally.
 */
export function lockDataDir(dataDir: string, label: string): () => void {
  const file = `${dataDir}.lock`
  const me: LockHolder = {
    pid: process.pid,
    startTicks: startTicksOf(process.pid),
    label,
    since: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 })
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const holder = readHolder(file)
      if (holder && (held.has(file) || isRunning(holder))) throw new DataDirInUseError(dataDir, holder)
      // Stale (its process is gone) or unreadable (a crash mid-write): take it over, once.
      if (attempt > 0) throw new DataDirInUseError(dataDir, holder ?? me)
      fs.rmSync(file, { force: true })
    }
  }
  held.add(file)
  const release = () => {
    if (!held.delete(file)) return
    const holder = readHolder(file)
    if (holder?.pid === process.pid) fs.rmSync(file, { force: true })
    process.off('exit', release)
  }
  process.on('exit', release)
  return release
}

function readHolder(file: string): LockHolder | null {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>
    if (typeof value.pid !== 'number') return null
    return {
      pid: value.pid,
      startTicks: typeof value.startTicks === 'number' ? value.startTicks : null,
      label: typeof value.label === 'string' ? value.label : 'another Sightline process',
      since: typeof value.since === 'string' ? value.since : 'an unknown time',
    }
  } catch {
    return null
  }
}

function isRunning(holder: LockHolder): boolean {
  try {
    process.kill(holder.pid, 0)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  if (holder.startTicks === null) return true
  const now = startTicksOf(holder.pid)
  return now === null || now === holder.startTicks
}

/** Field 22 of /proc/<pid>/stat (after the command name, which may itself contain spaces and parentheses). */
function startTicksOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[19])
    return Number.isFinite(ticks) ? ticks : null
  } catch {
    return null
  }
}
