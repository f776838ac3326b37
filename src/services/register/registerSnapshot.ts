import type { Store } from '../../data/store.ts'
import type { Grade } from '../../engine/grades.ts'
import { perDataVersion } from './dataVersion.ts'

/**
 * The register as the LA pages read it, held in memory per data version (the register changes only when a dataset
 * is loaded): local authorities, neighbours, inspections with judgements, the key statistics and child population.
 * A few thousand rows; read once instead of a dozen queries on every page.
 */
export interface KeyMeasure {
  id: string
  title: string
  dataset: string
  measure: string
  /** 'count' measures are turned into rates per 10,000; 'rate' measures are published rates, shown as they are. */
  kind: 'count' | 'rate'
}

export const KEY_MEASURES: KeyMeasure[] = [
  { id: 'referrals', title: 'Referrals', dataset: 'c1', measure: 'referrals', kind: 'count' },
  { id: 'cin_at_31_march', title: 'Children in need', dataset: 'b1', measure: 'cin_at_31_march', kind: 'count' },
  { id: 'cpp_at_31_march', title: 'Child protection plans', dataset: 'd5', measure: 'cpp_at_31_march', kind: 'count' },
  {
    id: 'cla_rate',
    title: 'Children looked after',
    dataset: 'cla',
    measure: 'cla_at_31_march_rate_per_10k',
    kind: 'rate',
  },
]

export interface StatRow {
  dataset: string
  measure: string
  area_code: string
  year: number
  value: number | null
  symbol: string | null
}

export interface LaRow {
  la_code: string
  ons_code: string
  name: string
  region: string
  la_type: string
  is_current: boolean
}

export interface NeighbourRow {
  la_code: string
  model: string
  neighbour_code: string
  rank: number
  band: string
  name: string
}

export interface InspectionRow {
  id: number
  la_code: string
  framework: string
  start_date: string | null
  end_date: string | null
  published: string | null
  overall_grade: Grade | null
  /** coalesce(published, end_date, start_date) as text. */
  d: string | null
}

export interface JudgementRow {
  inspection_id: number
  area: string
  grade: Grade
  original_label: string | null
}

export interface RegisterSnapshot {
  version: string
  las: LaRow[]
  byCode: Map<string, LaRow>
  byOns: Map<string, LaRow>
  /** Each LA's neighbours, ordered by model (newest first) then rank. */
  neighbours: Map<string, NeighbourRow[]>
  /** Each LA's inspections, newest first (then by id, highest first). */
  inspections: Map<string, InspectionRow[]>
  /** Every inspection with an overall grade, newest first, nulls last. */
  graded: InspectionRow[]
  judgements: Map<number, JudgementRow[]>
  stats: Map<string, StatRow>
  /** The areas (LAs, England) with key statistics, and the years each has. */
  statYears: Map<string, Set<number>>
  population: Map<string, number>
}

const inspectionDate = `coalesce(i.published, i.end_date, i.start_date)`

export const statKey = (dataset: string, measure: string, area: string, year: number) =>
  `${dataset}|${measure}|${area}|${year}`

function groupBy<T, K>(rows: T[], key: (r: T) => K) {
  const map = new Map<K, T[]>()
  for (const r of rows) {
    const k = key(r)
    if (!map.has(k)) map.set(k, [])
    map.get(k)!.push(r)
  }
  return map
}

async function readStats(store: Store) {
  const conds = KEY_MEASURES.map((_m, i) => `(dataset = $${i * 2 + 1} AND measure = $${i * 2 + 2})`).join(' OR ')
  const rows = await store.query<StatRow>(
    `SELECT dataset, measure, area_code, year, value, symbol FROM statistic WHERE (${conds})`,
    KEY_MEASURES.flatMap((m) => [m.dataset, m.measure]),
  )
  const stats = new Map<string, StatRow>()
  const statYears = new Map<string, Set<number>>()
  for (const r of rows) {
    stats.set(statKey(r.dataset, r.measure, r.area_code, r.year), r)
    if (!statYears.has(r.area_code)) statYears.set(r.area_code, new Set())
    statYears.get(r.area_code)!.add(r.year)
  }
  return { stats, statYears }
}

async function readInspections(store: Store) {
  const inspections = await store.query<InspectionRow>(
    `SELECT i.id, i.la_code, i.framework, i.start_date, i.end_date, i.published, i.overall_grade, ${inspectionDate}::text AS d
       FROM inspection i ORDER BY ${inspectionDate} DESC NULLS LAST, i.id DESC`,
  )
  const judgements = await store.query<JudgementRow>(
    'SELECT j.inspection_id, j.area, j.grade, j.original_label FROM inspection_judgement j',
  )
  return {
    inspections: groupBy(inspections, (i) => i.la_code),
    graded: inspections.filter((i) => i.overall_grade !== null),
    judgements: groupBy(judgements, (j) => j.inspection_id),
  }
}

async function readSnapshot(store: Store, version: string): Promise<RegisterSnapshot> {
  const las = await store.query<LaRow>(
    'SELECT la_code, ons_code, name, region, la_type, is_current FROM local_authority ORDER BY name',
  )
  const neighbours = await store.query<NeighbourRow>(
    `SELECT n.la_code, n.model, n.neighbour_code, n.rank, n.band, l.name FROM statistical_neighbour n
       JOIN local_authority l ON l.la_code = n.neighbour_code ORDER BY n.la_code, n.model DESC, n.rank`,
  )
  const population = await store.query<{ area_code: string; year: number; population: number }>(
    'SELECT area_code, year, population FROM child_population',
  )
  return {
    version,
    las,
    byCode: new Map(las.map((l) => [l.la_code, l])),
    byOns: new Map(las.filter((l) => l.ons_code).map((l) => [l.ons_code.toUpperCase(), l])),
    neighbours: groupBy(neighbours, (n) => n.la_code),
    ...(await readInspections(store)),
    ...(await readStats(store)),
    population: new Map(population.map((r) => [`${r.area_code}|${r.year}`, r.population])),
  }
}

/** The snapshot of the store's current data version: read once, read again only when a dataset is loaded. */
export function registerLoader(store: Store) {
  return perDataVersion(store, readSnapshot)
}
