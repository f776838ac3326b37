import { DATASET_FILES } from '../publicData/catalogue.ts'
import { readLocalAuthorities } from '../publicData/localAuthorities.ts'
import { readPopulation, type PopulationRow } from '../publicData/population.ts'
import { readStatistics, STAT_DATASETS, type StatisticRow } from '../publicData/statistics.ts'

/**
 * The published figures a simulated LA is calibrated to, read through the register's own readers from the open data
 * files (data/public). The caller gives the file reader, so the engine does no I/O of its own.
 */
export interface PublicFigures {
  las: Map<string, { laCode: string; name: string; isCurrent: boolean }>
  population: Map<string, Map<number, number>>
  /** area -> measure -> year -> value */
  stats: Map<string, Map<string, Map<number, number>>>
}

export type ReadPublicFile = (file: string) => string

const MEASURES = new Set([
  'referrals',
  'nfa_pct',
  're_referrals_pct',
  'not_in_need_pct',
  'cin_at_31_march',
  'awaiting_assessment',
  'cpp_starts',
  'subsequent_cpp_pct',
  'cpp_at_31_march',
  'cla_at_31_march',
  'cla_starts',
  'caseload_per_fte',
  'agency_rate_pct',
])

function addStats(stats: PublicFigures['stats'], rows: StatisticRow[]) {
  for (const r of rows) {
    if (r.value === null || !MEASURES.has(r.measure)) continue
    let area = stats.get(r.areaCode)
    if (!area) stats.set(r.areaCode, (area = new Map()))
    let measure = area.get(r.measure)
    if (!measure) area.set(r.measure, (measure = new Map()))
    measure.set(r.year, r.value)
  }
}

export function loadPublicFigures(read: ReadPublicFile): PublicFigures {
  const sn = read(DATASET_FILES.localAuthorities[1])
  const current = new Set(
    sn
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(',')[0].replace(/"/g, '').trim())
      .filter((c) => /^\d{3}$/.test(c)),
  )
  const { rows: laRows } = readLocalAuthorities(read(DATASET_FILES.localAuthorities[0]), 'LAs', current)
  const las = new Map(laRows.map((r) => [r.laCode, { laCode: r.laCode, name: r.name, isCurrent: r.isCurrent }]))
  const population = new Map<string, Map<number, number>>()
  const { rows: pop } = readPopulation(read(DATASET_FILES.population[0]), 'population')
  for (const r of pop as PopulationRow[]) {
    if (!population.has(r.areaCode)) population.set(r.areaCode, new Map())
    population.get(r.areaCode)!.set(r.year, r.population)
  }
  const stats: PublicFigures['stats'] = new Map()
  for (const ds of STAT_DATASETS) {
    if (!['b1', 'c1', 'd3', 'd5', 'cla', 'csww'].includes(ds.name)) continue
    addStats(stats, readStatistics(ds, read(ds.file), ds.file).rows)
  }
  return { las, population, stats }
}

/** The value for the year, else the nearest year's (the earlier one on a tie). */
function nearest(byYear: Map<number, number> | undefined, year: number): { value: number; year: number } | undefined {
  if (!byYear || byYear.size === 0) return undefined
  let best: number | undefined
  for (const y of byYear.keys())
    if (
      best === undefined ||
      Math.abs(y - year) < Math.abs(best - year) ||
      (Math.abs(y - year) === Math.abs(best - year) && y < best)
    )
      best = y
  return { value: byYear.get(best!)!, year: best! }
}

export interface Published {
  value: number
  /** The year the figure is for (the nearest published when the year itself is not). */
  year: number
  source: 'la' | 'england'
}

export interface Targets {
  laCode: string
  laName: string
  /** Year ending 31 March that the as-at date falls in. */
  year: number
  population: number
  figures: Record<string, Published>
}

const COUNT_MEASURES = new Set([
  'referrals',
  'cin_at_31_march',
  'awaiting_assessment',
  'cpp_starts',
  'cpp_at_31_march',
  'cla_at_31_march',
  'cla_starts',
])

/**
 * Targets for one LA and year: counts are the LA's published figure for the year; a count not published for that
 * year keeps the LA's rate per 10,000 from the nearest year, applied to this year's population; a figure the LA never
 * published takes England's rate (or percentage).
 */
export function targetsFor(pf: PublicFigures, laCode: string, year: number): Targets {
  const la = pf.las.get(laCode)
  if (!la) throw new RangeError(`unknown LA code ${laCode}`)
  const popOf = (area: string, y: number) => nearest(pf.population.get(area), y)?.value ?? 0
  const population = popOf(laCode, year - 1)
  const figures: Record<string, Published> = {}
  for (const m of MEASURES) {
    const own = nearest(pf.stats.get(laCode)?.get(m), year)
    const eng = nearest(pf.stats.get('England')?.get(m), year)
    const pick = own ?? eng
    if (!pick) continue
    const source = own ? 'la' : 'england'
    const area = own ? laCode : 'England'
    let value = pick.value
    if (COUNT_MEASURES.has(m) && (pick.year !== year || !own)) {
      const basePop = popOf(area, pick.year - 1)
      value = basePop > 0 ? Math.round((pick.value / basePop) * population) : pick.value
    }
    figures[m] = { value, year: pick.year, source }
  }
  return { laCode, laName: la.name, year, population, figures }
}

/** The year ending 31 March that a date falls in. */
export function collectionYearOf(asAtIso: string): number {
  const y = Number(asAtIso.slice(0, 4))
  return asAtIso.slice(5) > '03-31' ? y + 1 : y
}
