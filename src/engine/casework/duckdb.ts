import type * as DuckDB from '@duckdb/node-api'

/**
 * DuckDB's Node API, loaded when the first casework store opens rather than with the app: its 180-odd modules and
 * native binding cost about a quarter of a CPU second, which every start and every process that never reads casework
 * would otherwise pay. Code that runs on an open store takes it from `duckDb()`.
 */
let loaded: typeof DuckDB | undefined

export async function loadDuckDb(): Promise<typeof DuckDB> {
  loaded ??= await import('@duckdb/node-api')
  return loaded
}

/** The module, once a store has loaded it (everything that calls this works on an open store's connection). */
export function duckDb(): typeof DuckDB {
  if (!loaded) throw new Error('DuckDB was used before a casework store was opened')
  return loaded
}
