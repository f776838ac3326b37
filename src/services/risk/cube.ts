import type { Store } from '../../data/store.ts'
import { rankerFor, ratePer10k, type DeprivationInput, type Observed } from '../../engine/benchmarking/estimate.ts'
import { RISK_MEASURES, type RiskMeasure } from '../../engine/benchmarking/measures.ts'
import { perDataVersion } from '../register/dataVersion.ts'

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
}

interface StatRow {
  dataset: string
  measure: string
  area_code: string
  year: number
  value: number | null
  symbol: string | null
}

async function readStatistics(store: Store) {
  const conds = RISK_MEASURES.map((_m, i) => `(dataset = $${i * 2 + 1} AND measure = $${i * 2 + 2})`).join(' OR ')
  const rows = await store.query<StatRow>(
    `SELECT dataset, measure, area_code, year, value, symbol FROM statistic WHERE ${conds}`,
    RISK_MEASURES.flatMap((m) => [m.source.dataset, m.source.measure]),
  )
  const stats = new Map<string, Observed>()
  let min = Infinity
  let max = -Infinity
  for (const r of rows) {
    stats.set(
      `${r.dataset}|${r.measure}|${r.area_code}|${r.year}`,
      r.value !== null ? { count: r.value } : { suppressed: r.symbol ?? 'blank' },
    )
    min = Math.min(min, r.year)
    max = Math.max(max, r.year)
  }
  return { stats, years: { min, max } }
}

async function readCovariate(store: Store) {
  const cov = new Map<string, Map<number, number>>()
  for (const c of await store.query<{ area_code: string; year: number; value: number | null }>(
    `SELECT area_code, year, value FROM statistic WHERE dataset = $1 AND measure = $2 AND value IS NOT NULL`,
    [DEPRIVATION_COVARIATE.dataset, DEPRIVATION_COVARIATE.measure],
  )) {
    if (!cov.has(c.area_code)) cov.set(c.area_code, new Map())
    cov.get(c.area_code)!.set(c.year, c.value!)
  }
  return cov
}

async function readAreas(store: Store) {
  const pops = new Map(
    (
      await store.query<{ area_code: string; year: number; population: number }>(
        'SELECT area_code, year, population FROM child_population',
      )
    ).map((p) => [`${p.area_code}|${p.year}`, p.population]),
  )
  const las = new Map(
    (
      await store.query<{ la_code: string; name: string; region: string; is_current: boolean }>(
        'SELECT la_code, name, region, is_current FROM local_authority',
      )
    ).map((l) => [l.la_code, { name: l.name, region: l.region, isCurrent: l.is_current }]),
  )
  const neighbours = new Map<string, string[]>()
  for (const n of await store.query<{ model: string; la_code: string; neighbour_code: string }>(
    'SELECT model, la_code, neighbour_code FROM statistical_neighbour ORDER BY rank',
  )) {
    const key = `${n.model}|${n.la_code}`
    if (!neighbours.has(key)) neighbours.set(key, [])
    neighbours.get(key)!.push(n.neighbour_code)
  }
  return { pops, las, neighbours }
}

/** Reads the cube from the store (about a second on the full data): call through `cubeLoader`, which keeps it. */
async function readCube(store: Store, version: string): Promise<Cube> {
  const { stats, years } = await readStatistics(store)
  const cov = await readCovariate(store)
  const { pops, las, neighbours } = await readAreas(store)
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
  return { version, get, pop, covariate, rate, table, years, las, current, neighbours }
}

/** The cube for the store's current data version: read once, read again only when a dataset is loaded. */
export function cubeLoader(store: Store) {
  return perDataVersion(store, readCube)
}
