import { gradeRank, type Grade } from '../../engine/grades.ts'
import { KEY_MEASURES, statKey, type KeyMeasure, type RegisterSnapshot, type StatRow } from './registerSnapshot.ts'

/**
 * Read models for the national overview and the LA page, computed from the register snapshot. Rates are per 10,000
 * children aged 0-17, with the population aligned as DfE does: a figure for the year ending 31 March Y uses the ONS
 * mid-year estimate for Y-1 (domain.md §7.1).
 */
export interface Cell {
  value: number | null
  symbol?: string | null
}

export interface InspectionView {
  id: number
  framework: string
  startDate: string | null
  endDate: string | null
  published: string | null
  overallGrade: Grade | null
  judgements: Array<{ area: string; grade: Grade; originalLabel: string | null }>
}

export type LatestGrades = Map<string, { grade: Grade | null; date: string | null; framework: string }>

function yearsBetween(fromIso: string, to: Date) {
  return (to.getTime() - new Date(fromIso + 'T00:00:00Z').getTime()) / (365.25 * 86400_000)
}

/** Rate per 10,000 for one statistic row, keeping suppression: a suppressed count gives a suppressed rate. */
function toRate(s: RegisterSnapshot, m: KeyMeasure, row: StatRow | undefined): Cell {
  if (!row) return { value: null }
  if (row.value === null) return { value: null, symbol: row.symbol }
  if (m.kind === 'rate') return { value: row.value }
  const p = s.population.get(`${row.area_code}|${row.year - 1}`)
  if (!p) return { value: null, symbol: 'x' }
  return { value: (row.value / p) * 10_000 }
}

const rateOf = (s: RegisterSnapshot, m: KeyMeasure, area: string, year: number) =>
  toRate(s, m, s.stats.get(statKey(m.dataset, m.measure, area, year)))

/** Each LA's latest overall grade, or (with `asAt`) the one that stood on that date: published on or before it. */
export function latestGrades(s: RegisterSnapshot, asAt?: string): LatestGrades {
  const map: LatestGrades = new Map()
  for (const i of s.graded) {
    if (map.has(i.la_code) || (asAt !== undefined && (i.d === null || i.d > asAt))) continue
    map.set(i.la_code, { grade: i.overall_grade, date: i.d, framework: i.framework })
  }
  return map
}

/** The national overview's rows for every current LA, by name, with the latest year's key rates. */
export function overviewOf(s: RegisterSnapshot, now: Date) {
  const las = s.las.filter((l) => l.is_current)
  const latest = latestGrades(s)
  const lastInadequate = new Map<string, string>()
  for (const i of s.graded)
    if (i.overall_grade === 'Inadequate' && i.d !== null && !lastInadequate.has(i.la_code))
      lastInadequate.set(i.la_code, i.d)
  let year = 0
  for (const r of s.stats.values())
    if (r.dataset === KEY_MEASURES[0].dataset && r.measure === KEY_MEASURES[0].measure) year = Math.max(year, r.year)
  const england: Record<string, number | null> = {}
  for (const m of KEY_MEASURES) england[m.id] = rateOf(s, m, 'England', year).value
  const all = las.map((la) => {
    const l = latest.get(la.la_code)
    const inad = lastInadequate.get(la.la_code)
    const rates: Record<string, Cell> = {}
    for (const m of KEY_MEASURES) rates[m.id] = rateOf(s, m, la.la_code, year)
    return {
      laCode: la.la_code,
      name: la.name,
      region: la.region,
      latestGrade: l?.grade ?? null,
      latestDate: l?.date ?? null,
      gradeRank: l?.grade ? gradeRank(l.grade) : 0,
      yearsSinceInadequate: inad ? yearsBetween(inad, now) : null,
      rates,
    }
  })
  const regions = [...new Set(las.map((l) => l.region))].sort()
  return { year, all, england, regions }
}

/** One LA's identity, latest grade, neighbours in both models with their grades, and inspections with judgements. */
export function profileOf(s: RegisterSnapshot, laCode: string) {
  const la = s.byCode.get(laCode)
  if (!la) return undefined
  const latest = latestGrades(s)
  const neighbourRows = s.neighbours.get(laCode) ?? []
  const neighbourModels = [...new Set(neighbourRows.map((n) => n.model))].map((model) => ({
    model,
    neighbours: neighbourRows
      .filter((n) => n.model === model)
      .map((n) => ({
        laCode: n.neighbour_code,
        name: n.name,
        band: n.band,
        rank: n.rank,
        latestGrade: latest.get(n.neighbour_code)?.grade ?? null,
      })),
  }))
  const inspections: InspectionView[] = (s.inspections.get(laCode) ?? []).map((i) => ({
    id: i.id,
    framework: i.framework,
    startDate: i.start_date,
    endDate: i.end_date,
    published: i.published,
    overallGrade: i.overall_grade,
    judgements: (s.judgements.get(i.id) ?? []).map((j) => ({
      area: j.area,
      grade: j.grade,
      originalLabel: j.original_label,
    })),
  }))
  return {
    la: { laCode: la.la_code, onsCode: la.ons_code, name: la.name, region: la.region, laType: la.la_type },
    latest: latest.get(laCode) ?? { grade: null, date: null },
    neighbourModels,
    inspections,
  }
}

/**
 * Key rates by year for the LA, England and the mean of its statistical neighbours (suppressed neighbours dropped,
 * n reported), for charts, tables and CSV.
 */
export function trendsOf(s: RegisterSnapshot, laCode: string, model: string) {
  const neighbours = (s.neighbours.get(laCode) ?? []).filter((n) => n.model === model).map((n) => n.neighbour_code)
  const yearSet = new Set<number>()
  for (const area of [laCode, 'England', ...neighbours]) for (const y of s.statYears.get(area) ?? []) yearSet.add(y)
  const years = [...yearSet].sort((a, b) => a - b)
  return KEY_MEASURES.map((m) => ({
    measure: m,
    years: years
      .map((year) => {
        const nb = neighbours.map((n) => rateOf(s, m, n, year).value).filter((v): v is number => v !== null)
        return {
          year,
          la: rateOf(s, m, laCode, year),
          england: rateOf(s, m, 'England', year),
          neighbourMean: { value: nb.length ? nb.reduce((a, b) => a + b, 0) / nb.length : null } as Cell,
          neighboursUsed: nb.length,
        }
      })
      .filter((y) => y.la.value !== null || y.la.symbol || y.england.value !== null),
  }))
}

/** One LA's dated inspections, oldest first, with their judgements: what the intervention criteria read. */
export function inspectionHistoryOf(s: RegisterSnapshot, laCode: string) {
  return (s.inspections.get(laCode) ?? [])
    .filter((i) => i.d)
    .map((i) => ({
      framework: i.framework,
      date: i.d!,
      overallGrade: i.overall_grade,
      judgements: (s.judgements.get(i.id) ?? []).map((j) => ({ area: j.area, grade: j.grade })),
    }))
    .reverse()
}
