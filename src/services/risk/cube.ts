import type { Store } from '../../data/store.ts'
import { rankerFor, ratePer10k, type DeprivationInput, type Observed } from '../../engine/benchmarking/estimate.ts'
import { RISK_MEASURES, type RiskMeasure } from '../../engine/benchmarking/measures.ts'
import { DATA_VERSION_SQL, perDataVersion } from '../register/dataVersion.ts'
import { cubeFileGeneration, writeCubeFile, type CubeInputs } from './cubeFile.ts'

export type { CubeInputs } from './cubeFile.ts'

/** Deprivation covariate for the regression (LAIT): % of primary pupils eligible for free school meals in the last 6 years. */
export const DEPRIVATION_COVARIATE = {
  dataset: 'lait',
  measure: 'Ever6_FSM_Prim',
  title: '% of primary pupils ever eligible for free school meals (Ever 6)',
}

/** Every current LA's rate for one measure and year, computed once per data version (not once per LA). */
export interface RateTable {
  /** Current LAs' rates, nulls left out, in the register's order. */
  current: number[]
  /** Quartile (1 = lowest) and rank (1 = highest) of a rate among `current`. */
  rank: (rate: number) => { quartile: number; rank: number; of: number }
  /** Current LAs with both a rate and a covariate, for the deprivation regression. */
  deprivationPoints: DeprivationInput[]
}

/** The published figures the risk analysis reads, held in memory per data version. */
export interface Cube {
  version: string
  get(measure: RiskMeasure, area: string, year: number): Observed | undefined
  pop(area: string, year: number): number | undefined
  covariate(area: string, year: number): { value: number; year: number } | undefined
  rate(measure: RiskMeasure, area: string, year: number): number | null
  table(measure: RiskMeasure, year: number): RateTable
  years: { min: number; max: number }
  las: Map<string, { name: string; region: string; isCurrent: boolean }>
  /** Current LA codes, in the register's order. */
  current: string[]
  neighbours: Map<string, string[]>
  /** The LA code of an ONS code (any case), if it is one of the register's. */
  laByOns(code: string): string | undefined
}

type Reader = { query<T>(sql: string, params?: unknown[]): Promise<T[]> }

/** Reads the cube's rows from the store (the larger part of a cube's cost). */
export async function readCubeInputs(q: Reader): Promise<CubeInputs> {
  const conds = RISK_MEASURES.map((_m, i) => `(dataset = $${i * 2 + 1} AND measure = $${i * 2 + 2})`).join(' OR ')
  const stats = await q.query<{ d: string; m: string; a: string; y: number; v: number | null; s: string | null }>(
    `SELECT dataset AS d, measure AS m, area_code AS a, year AS y, value AS v, symbol AS s FROM statistic WHERE ${conds}`,
    RISK_MEASURES.flatMap((m) => [m.source.dataset, m.source.measure]),
  )
  const cov = await q.query<{ a: string; y: number; v: number }>(
    `SELECT area_code AS a, year AS y, value AS v FROM statistic WHERE dataset = $1 AND measure = $2 AND value IS NOT NULL`,
    [DEPRIVATION_COVARIATE.dataset, DEPRIVATION_COVARIATE.measure],
  )
  const pops = await q.query<{ a: string; y: number; p: number }>(
    'SELECT area_code AS a, year AS y, population AS p FROM child_population',
  )
  const las = await q.query<{ c: string; o: string | null; n: string; r: string; cur: boolean }>(
    'SELECT la_code AS c, ons_code AS o, name AS n, region AS r, is_current AS cur FROM local_authority',
  )
  const neighbours = await q.query<{ m: string; l: string; n: string }>(
    'SELECT model AS m, la_code AS l, neighbour_code AS n FROM statistical_neighbour ORDER BY rank',
  )
  return {
    stats: stats.map((r) => [r.d, r.m, r.a, r.y, r.v, r.s]),
    cov: cov.map((r) => [r.a, r.y, r.v]),
    pops: pops.map((r) => [r.a, r.y, r.p]),
    las: las.map((r) => [r.c, r.o, r.n, r.r, r.cur]),
    neighbours: neighbours.map((r) => [r.m, r.l, r.n]),
  }
}

function areasOf(inputs: CubeInputs) {
  const las = new Map(
    inputs.las.map(([code, , name, region, isCurrent]) => [code, { name, region, isCurrent }] as const),
  )
  const ons = new Map(inputs.las.flatMap(([code, onsCode]) => (onsCode ? [[onsCode.toUpperCase(), code]] : [])))
  const neighbours = new Map<string, string[]>()
  for (const [model, la, neighbour] of inputs.neighbours) {
    const key = `${model}|${la}`
    if (!neighbours.has(key)) neighbours.set(key, [])
    neighbours.get(key)!.push(neighbour)
  }
  return { las, ons, neighbours }
}

/**
 * What a kept cube file must name to be read by this version (cubeFile.ts): the rows it holds (the measures and the
 * covariate) and their layout.
 */
export const CUBE_READER = JSON.stringify({
  layout: 1,
  measures: RISK_MEASURES.map((m) => m.source),
  covariate: DEPRIVATION_COVARIATE,
})

/** The cube made from its rows (pure: no store). */
export function cubeOf(inputs: CubeInputs, version: string): Cube {
  const stats = new Map<string, Observed>()
  let min = Infinity
  let max = -Infinity
  for (const [dataset, measure, area, year, value, symbol] of inputs.stats) {
    stats.set(
      `${dataset}|${measure}|${area}|${year}`,
      value !== null ? { count: value } : { suppressed: symbol ?? 'blank' },
    )
    min = Math.min(min, year)
    max = Math.max(max, year)
  }
  const years = { min, max }
  const cov = new Map<string, Map<number, number>>()
  for (const [area, year, value] of inputs.cov) {
    if (!cov.has(area)) cov.set(area, new Map())
    cov.get(area)!.set(year, value)
  }
  const pops = new Map(inputs.pops.map(([area, year, population]) => [`${area}|${year}`, population]))
  const { las, ons, neighbours } = areasOf(inputs)
  const get = (m: RiskMeasure, area: string, year: number) =>
    stats.get(`${m.source.dataset}|${m.source.measure}|${area}|${year}`)
  // A figure for the year ending 31 March Y uses the mid-year estimate for Y-1 (domain.md §7.1).
  const pop = (area: string, year: number) => pops.get(`${area}|${year - 1}`)
  const covariates = new Map<string, { value: number; year: number } | undefined>()
  const covariate = (area: string, year: number) => {
    const key = `${area}|${year}`
    if (!covariates.has(key)) {
      const series = cov.get(area)
      const nearest = series?.size
        ? [...series.keys()].sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || a - b)[0]
        : undefined
      covariates.set(key, nearest === undefined ? undefined : { value: series!.get(nearest)!, year: nearest })
    }
    return covariates.get(key)
  }
  const rate = (m: RiskMeasure, area: string, year: number) => {
    const o = get(m, area, year)
    const p = pop(area, year)
    return o && 'count' in o && p ? ratePer10k(o.count, p) : null
  }
  const current = [...las.entries()].filter(([, l]) => l.isCurrent).map(([code]) => code)
  const tables = new Map<string, RateTable>()
  const table = (m: RiskMeasure, year: number) => {
    const key = `${m.id}|${year}`
    let t = tables.get(key)
    if (!t) {
      const withRate = current.map((code) => ({ code, rate: rate(m, code, year) }))
      const rates = withRate.flatMap((r) => (r.rate === null ? [] : [r.rate]))
      const deprivationPoints = withRate.flatMap((r) => {
        const c = r.rate === null ? undefined : covariate(r.code, year)
        return c ? [{ code: r.code, rate: r.rate!, covariate: c.value }] : []
      })
      t = { current: rates, rank: rankerFor(rates), deprivationPoints }
      tables.set(key, t)
    }
    return t
  }
  return {
    version,
    get,
    pop,
    covariate,
    rate,
    table,
    years,
    las,
    current,
    neighbours,
    laByOns: (code) => ons.get(code.toUpperCase()),
  }
}

/**
 * Reads the cube from the store (about a second on the full data): call through `cubeLoader`, which keeps it. A PGlite
 * store on disk also keeps the rows beside it for `sightline risk estimate` (cubeFile.ts), read in one transaction so
 * the rows and the data version they are filed under agree.
 */
async function readCube(store: Store, version: string): Promise<Cube> {
  if (!store.dir) return cubeOf(await readCubeInputs(store), version)
  const dir = store.dir
  const generation = cubeFileGeneration(dir)
  const { inputs, current, settingUp } = await store.rawTransaction(async (q) => ({
    current: (await q.query<{ v: string }>(DATA_VERSION_SQL))[0].v,
    // Never kept during a first start's set-up: the command line refuses a half-set-up data directory.
    settingUp: (await q.query(`SELECT 1 FROM setup_progress WHERE step = 'set-up' AND finished_at IS NULL`)).length > 0,
    inputs: await readCubeInputs(q),
  }))
  try {
    if (!settingUp) writeCubeFile(dir, { reader: CUBE_READER, version: current, inputs }, generation)
  } catch (err) {
    console.error(`The risk figures were not kept for the command line: ${(err as Error).message}`)
  }
  return cubeOf(inputs, version)
}

/** The cube for the store's current data version: read once, read again only when a dataset is loaded. */
export function cubeLoader(store: Store) {
  return perDataVersion(store, readCube)
}
