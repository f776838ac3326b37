import crypto from 'node:crypto'
import fs from 'node:fs'

/**
 * The risk cube's rows kept beside a PGlite data directory (`<dir>.risk-inputs.json`), so `sightline risk estimate` can
 * answer for one LA without opening the store (PGlite's start alone costs more than the estimate). Correct only while
 * the data it was read from is the store's:
 *
 * - it is written by a process holding the directory's lock, from rows and the data version read in one transaction,
 *   and not at all if a load began meanwhile (the generation below);
 * - every load of public data removes it before changing anything (registerService.ts), so after a load, or a crash
 *   during one, there is no file until the cube is read from the store again;
 * - it names the directory it belongs to (device, inode and birth time): a data directory discarded and made again
 *   (a first start set up again) never takes an older one for its own;
 * - it names what was read (the measures, the covariate, the file format): a version of Sightline that reads other
 *   rows ignores it.
 * A file that fails any check, or cannot be read, is ignored and the store is used.
 */
/**
 * The rows the cube is made from, as compact tuples: what the store holds for the risk measures, the deprivation
 * covariate, populations, LAs and neighbour lists. Kept per data version beside a PGlite store (below), so
 * `sightline risk estimate` need not open the store.
 */
export interface CubeInputs {
  /** dataset, measure, area, year, value (null when suppressed), symbol */
  stats: Array<[string, string, string, number, number | null, string | null]>
  /** area, year, covariate value */
  cov: Array<[string, number, number]>
  /** area, year (mid-year), population */
  pops: Array<[string, number, number]>
  /** LA code, ONS code, name, region, current */
  las: Array<[string, string | null, string, string, boolean]>
  /** model, LA code, neighbour code: in rank order */
  neighbours: Array<[string, string, string]>
}

export const cubeFilePath = (pgliteDir: string) => `${pgliteDir}.risk-inputs.json`

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex').slice(0, 16)

function dirId(pgliteDir: string): string | undefined {
  const st = fs.statSync(pgliteDir, { throwIfNoEntry: false })
  return st ? `${st.dev}:${st.ino}:${st.birthtimeMs}` : undefined
}

/** Loads begun in this process per directory: a cube read before a load began is not written after it. */
const generations = new Map<string, number>()
export const cubeFileGeneration = (pgliteDir: string) => generations.get(pgliteDir) ?? 0

/** Before public data changes: the kept rows are removed (and a read already under way will not write them). */
export function dropCubeFile(pgliteDir: string) {
  generations.set(pgliteDir, cubeFileGeneration(pgliteDir) + 1)
  fs.rmSync(cubeFilePath(pgliteDir), { force: true })
}

/**
 * Keeps the rows read at `version` by `reader` (what the rows are: CUBE_READER in cube.ts), written under a temporary
 * name and renamed, unless a load began since `generation`.
 */
export function writeCubeFile(
  pgliteDir: string,
  kept: { reader: string; version: string; inputs: CubeInputs },
  generation: number,
) {
  if (cubeFileGeneration(pgliteDir) !== generation) return false
  const id = dirId(pgliteDir)
  if (!id) return false
  const file = cubeFilePath(pgliteDir)
  const tmp = `${file}.${process.pid}.tmp`
  const { reader, version, inputs } = kept
  fs.writeFileSync(tmp, JSON.stringify({ reader: sha(reader), dir: id, version, inputs }))
  fs.renameSync(tmp, file)
  return true
}

/** The kept rows and their data version, when there are some for this directory and this reader; else undefined. */
export function readCubeFile(pgliteDir: string, reader: string): { version: string; inputs: CubeInputs } | undefined {
  let kept: { reader?: string; dir?: string; version?: string; inputs?: CubeInputs }
  try {
    kept = JSON.parse(fs.readFileSync(cubeFilePath(pgliteDir), 'utf8'))
  } catch {
    return undefined
  }
  if (kept.reader !== sha(reader) || kept.dir !== dirId(pgliteDir) || typeof kept.version !== 'string') return undefined
  if (!kept.inputs || !Array.isArray(kept.inputs.stats)) return undefined
  return { version: kept.version, inputs: kept.inputs }
}
