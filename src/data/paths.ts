import path from 'node:path'

/** Where PGlite keeps its files in a data directory (a module of its own, so reading it loads no database code). */
export function pgliteDirFor(dataDir: string) {
  return path.join(dataDir, 'pglite')
}
