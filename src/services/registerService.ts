import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Store } from '../data/store.ts'
import { recordAudit, SYSTEM_ACTOR } from './auditService.ts'
import { dataChanged } from './register/dataVersion.ts'
import { dropCubeFile } from './risk/cubeFile.ts'
import { decodeText, fileLabel, hashFiles } from './register/loadHelpers.ts'
import { loadSteps } from './register/loadSteps.ts'

export const PUBLIC_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'public')

export interface LoadResult {
  dataset: string
  status: 'loaded' | 'unchanged'
  rows: number
  warnings: number
  ms: number
}

/**
 * Loads the open data into the register, idempotently: a dataset whose files' checksum matches the `dataset` table is
 * skipped; otherwise its rows are replaced in ONE transaction, so a missing or corrupt file leaves the earlier load
 * intact and the error names the file and line.
 */
export async function loadPublicData(
  store: Store,
  options: { dir?: string; force?: boolean; onProgress?: (done: number, total: number, name: string) => void } = {},
): Promise<LoadResult[]> {
  const dir = options.dir ?? PUBLIC_DATA_DIR
  const results: LoadResult[] = []
  const steps = loadSteps(dir)

  let done = 0
  for (const step of steps) {
    options.onProgress?.(done, steps.length, step.name)
    const started = Date.now()
    const { buffers, sha256 } = hashFiles(dir, step.files)
    const [previous] = await store.query<{ sha256: string; file: string }>(
      'SELECT sha256, file FROM dataset WHERE name = $1',
      [step.name],
    )
    // Unchanged files read by the same reader version are skipped; a new reader version reloads everything once.
    if (previous?.sha256 === sha256 && previous.file === fileLabel(step.files) && !options.force) {
      results.push({ dataset: step.name, status: 'unchanged', rows: 0, warnings: 0, ms: Date.now() - started })
    } else {
      // Figures kept from the data as it was (for the command line) go before anything changes.
      if (store.dir) dropCubeFile(store.dir)
      const counts = await store.rawTransaction(async (q) => {
        const c = await step.load(buffers.map(decodeText), q, buffers)
        await q.query(
          `INSERT INTO dataset (name, file, sha256, rows, loaded_at) VALUES ($1, $2, $3, $4, now())
           ON CONFLICT (name) DO UPDATE SET file = EXCLUDED.file, sha256 = EXCLUDED.sha256, rows = EXCLUDED.rows, loaded_at = now()`,
          [step.name, fileLabel(step.files), sha256, c.rows],
        )
        return c
      })
      dataChanged(store)
      await store.db.transaction((tx) =>
        recordAudit(tx, {
          actor: SYSTEM_ACTOR,
          action: 'data.load',
          subjectType: 'dataset',
          subjectId: step.name,
          after: { files: step.files, sha256, rows: counts.rows },
        }),
      )
      results.push({
        dataset: step.name,
        status: 'loaded',
        rows: counts.rows,
        warnings: counts.warnings,
        ms: Date.now() - started,
      })
    }
    options.onProgress?.(++done, steps.length, step.name)
  }
  return results
}

/** The datasets in the register: name, file(s), SHA-256, rows and when they were loaded. */
export async function publicDataStatus(store: Store) {
  return store.query<{ name: string; file: string; sha256: string; rows: number; loadedAt: string }>(
    `SELECT name, file, sha256, rows, to_char(loaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "loadedAt" FROM dataset ORDER BY name`,
  )
}

/**
 * Loads whatever public data is missing or changed, for app start: on a second start every file's checksum matches
 * and nothing is read into the store (well under a second). Returns what was loaded.
 */
export async function ensurePublicDataLoaded(
  services: { store: Store },
  options: { dir?: string; log?: (message: string) => void } = {},
) {
  const results = await loadPublicData(services.store, { dir: options.dir })
  const loaded = results.filter((r) => r.status === 'loaded')
  if (loaded.length && options.log)
    options.log(`Loaded public data: ${loaded.map((r) => `${r.dataset} (${r.rows} rows, ${r.ms} ms)`).join(', ')}`)
  return results
}
