/**
 * PGlite's freshly initialised database cluster (its `initdb`), made once by `npm install` and kept as a tarball in
 * node_modules/.cache/sightline, so the first start of a new data directory copies it in (about 1.5 s, 370 MB) instead of
 * running initdb in the server process (about 5 s, and 800 MB that PGlite's WebAssembly memory never gives back).
 * The tarball is PGlite's own dump of an empty cluster: no schema and no data of ours (migrations run at start as
 * before). Named by PGlite's version, so a PGlite upgrade makes a new one; without it, a start runs initdb as before.
 *
 * Usage: node scripts/build/pgliteTemplate.mjs (does nothing when the tarball exists)
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'sightline')

/** Where the template for the installed PGlite lives (whether or not it has been made). */
export function pgliteTemplatePath() {
  const manifest = path.join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json')
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8'))
  return path.join(OUT_DIR, `pglite-${version}-initdb.tar.gz`)
}

export async function makePgliteTemplate({ quiet = false } = {}) {
  const file = pgliteTemplatePath()
  if (fs.existsSync(file)) return file
  const startedAt = Date.now()
  const { PGlite } = await import('@electric-sql/pglite')
  const db = new PGlite()
  await db.waitReady
  const dump = await db.dumpDataDir('gzip')
  await db.close()
  fs.mkdirSync(OUT_DIR, { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()))
  fs.renameSync(tmp, file)
  if (!quiet) console.log(`Prepared PGlite's empty database in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)
  return file
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  makePgliteTemplate().catch((err) => {
    // Not fatal: a first start then runs initdb itself, as it always did.
    console.error(`Could not prepare PGlite's empty database (${err.message}): the first start will make it instead`)
  })
}
