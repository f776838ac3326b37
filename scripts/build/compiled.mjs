/**
 * Runs Sightline's compiled JavaScript (see build.mjs) when it is up to date, and otherwise compiles it first: a source
 * file whose modification time or size differs from the build's record means a rebuild, so a developer's edit is
 * picked up at the next call and nothing ever runs a stale copy. Checking takes a few milliseconds (one stat per file).
 * If the build cannot be made (another process is building and does not finish within 20 s, or esbuild fails), the
 * TypeScript runs through tsx as before, with a one-line note on a terminal.
 */
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { ENTRIES, MANIFEST, OUT_DIR, ROOT, stamp } from './build.mjs'

const LOCK = path.join(OUT_DIR, 'build.lock')

/** The build's manifest when every input is as it was built from; otherwise null. */
export function freshManifest() {
  let manifest
  try {
    manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'))
  } catch {
    return null
  }
  if (manifest.root !== ROOT) return null
  for (const [file, was] of Object.entries(manifest.inputs)) {
    const now = stamp(path.join(ROOT, file))
    if (!now || !was || now[0] !== was[0] || now[1] !== was[1]) return null
  }
  for (const name of Object.values(manifest.entries)) if (!fs.existsSync(path.join(OUT_DIR, name))) return null
  return manifest
}

/**
 * Imports entry `name` (cli or main) of the compiled build, building it first if it is missing or stale; falls back to
 * the TypeScript source `source` (relative to the repository) through tsx when no build can be had.
 */
export async function importCompiled(name, source) {
  const manifest = freshManifest() ?? (await rebuild())
  if (manifest) {
    process.setSourceMapsEnabled(true)
    // For src/workerBoot.ts: a worker thread started on a source file runs that file's compiled entry.
    globalThis[Symbol.for('sightline.compiled')] = Object.fromEntries(
      Object.entries(manifest.entries).map(([entry, file]) => [
        path.join(ROOT, ENTRIES[entry]),
        pathToFileURL(path.join(OUT_DIR, file)).href,
      ]),
    )
    return import(pathToFileURL(path.join(OUT_DIR, manifest.entries[name])).href)
  }
  const { register } = await import('tsx/esm/api')
  register()
  return import(pathToFileURL(path.join(ROOT, source)).href)
}

function note(message) {
  if (process.stderr.isTTY) process.stderr.write(`sightline: ${message}\n`)
}

/** Builds under a lock file; a process that finds another building waits for its build. */
async function rebuild() {
  fs.mkdirSync(OUT_DIR, { recursive: true })
  const deadline = Date.now() + 20_000
  while (!takeLock()) {
    if (Date.now() > deadline) {
      note('the compiled copy is still being built by another process: running the TypeScript through tsx')
      return null
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
    const manifest = freshManifest()
    if (manifest) return manifest
  }
  try {
    const manifest = freshManifest()
    if (manifest) return manifest
    note('source files changed since the last build: compiling (about a second)')
    const { build } = await import('./build.mjs')
    return await build({ quiet: true })
  } catch (err) {
    note(`could not compile (${err.message}): running the TypeScript through tsx`)
    return null
  } finally {
    fs.rmSync(LOCK, { force: true })
  }
}

/** Takes the build lock, or returns false when a live process holds it (a lock left by a dead one is taken over). */
function takeLock() {
  try {
    fs.writeFileSync(LOCK, String(process.pid), { flag: 'wx' })
    return true
  } catch (err) {
    if (err.code !== 'EEXIST') throw err
  }
  let holder
  try {
    holder = fs.readFileSync(LOCK, 'utf8')
  } catch {
    return false // released meanwhile: try again
  }
  // An empty lock is one being written just now, unless it is old (its writer died before writing).
  const stale = holder ? !isAlive(Number(holder)) : Date.now() - (stamp(LOCK)?.[0] ?? 0) > 30_000
  if (stale) fs.rmSync(LOCK, { force: true })
  return false
}

function isAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return err.code === 'EPERM'
  }
}
