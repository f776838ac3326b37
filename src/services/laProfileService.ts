import type { Store } from '../data/store.ts'
import { GRADES, gradeRank, type Grade } from '../engine/grades.ts'

/**
 * Read models for the national overview and the LA page, over the register tables (migration 0002_register).
 * Rates are per 10,000 children aged 0-17, with the population aligned as DfE does: a figure for the year ending
 * 31 March Y uses the ONS mid-year estimate for Y-1 (domain.md §7.1).
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

export interface Cell {
  value: number | null
  symbol?: string | null
}

interface StatRow {
  dataset: string
  measure: string
  area_code: string
  year: number
  value: number | null
  symbol: string | null
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

function yearsBetween(fromIso: string, to: Date) {
  return (to.getTime() - new Date(fromIso + 'T00:00:00Z').getTime()) / (365.25 * 86400_000)
}

const inspectionDate = `coalesce(i.published, i.end_date, i.start_date)`

export function laProfileService(store: Store) {
  let populationCache: { version: string; map: Map<string, number> } | undefined
  async function population(): Promise<Map<string, number>> {
    const version = await dataVersion()
    if (populationCache?.version === version) return populationCache.map
    const rows = await store.query<{ area_code: string; year: number; population: number }>(
      'SELECT area_code, year, population FROM child_population',
    )
    populationCache = { version, map: new Map(rows.map((r) => [`${r.area_code}|${r.year}`, r.population])) }
    return populationCache.map
  }

  async function stats(areaCodes: string[] | null, measures = KEY_MEASURES): Promise<StatRow[]> {
    const conds = measures.map((_m, i) => `(dataset = $${i * 2 + 1} AND measure = $${i * 2 + 2})`).join(' OR ')
    const params: unknown[] = measures.flatMap((m) => [m.dataset, m.measure])
    let sql = `SELECT dataset, measure, area_code, year, value, symbol FROM statistic WHERE (${conds})`
    if (areaCodes) {
      params.push(areaCodes)
      sql += ` AND area_code = ANY($${params.length})`
    }
    return store.query<StatRow>(sql, params)
  }

  /** Rate per 10,000 for one statistic row, keeping suppression: a suppressed count gives a suppressed rate. */
  function toRate(m: KeyMeasure, row: StatRow | undefined, pop: Map<string, number>): Cell {
    if (!row) return { value: null }
    if (row.value === null) return { value: null, symbol: row.symbol }
    if (m.kind === 'rate') return { value: row.value }
    const p = pop.get(`${row.area_code}|${row.year - 1}`)
    if (!p) return { value: null, symbol: 'x' }
    return { value: (row.value / p) * 10_000 }
  }

  function index(rows: StatRow[]) {
    const map = new Map<string, StatRow>()
    for (const r of rows) map.set(`${r.dataset}|${r.measure}|${r.area_code}|${r.year}`, r)
    return (m: KeyMeasure, area: string, year: number) => map.get(`${m.dataset}|${m.measure}|${area}|${year}`)
  }

  /** Each LA's latest overall grade, or (with `asAt`) the one that stood on that date: published on or before it. */
  async function latestGrades(
    asAt?: string,
  ): Promise<Map<string, { grade: Grade | null; date: string | null; framework: string }>> {
    const rows = await store.query<{
      la_code: string
      overall_grade: Grade | null
      d: string | null
      framework: string
    }>(
      `SELECT DISTINCT ON (i.la_code) i.la_code, i.overall_grade, ${inspectionDate}::text AS d, i.framework
         FROM inspection i WHERE i.overall_grade IS NOT NULL AND ($1::date IS NULL OR ${inspectionDate} <= $1::date)
        ORDER BY i.la_code, ${inspectionDate} DESC NULLS LAST`,
      [asAt ?? null],
    )
    return new Map(rows.map((r) => [r.la_code, { grade: r.overall_grade, date: r.d, framework: r.framework }]))
  }

  // The register changes only when a dataset is loaded: cache the national rows per data version.
  let overviewCache: { version: string; value: Awaited<ReturnType<typeof buildOverview>> } | undefined
  async function dataVersion() {
    const [row] = await store.query<{ v: string }>(
      `SELECT coalesce(max(loaded_at)::text, '') || count(*) AS v FROM dataset`,
    )
    return row.v
  }

  async function buildOverview(now: Date) {
    const las = await store.query<{ la_code: string; name: string; region: string; la_type: string }>(
      'SELECT la_code, name, region, la_type FROM local_authority WHERE is_current ORDER BY name',
    )
    const latest = await latestGrades()
    const lastInadequate = new Map(
      (
        await store.query<{ la_code: string; d: string }>(
          `SELECT i.la_code, max(${inspectionDate}) AS d FROM inspection i WHERE i.overall_grade = 'Inadequate' GROUP BY i.la_code`,
        )
      ).map((r) => [r.la_code, r.d]),
    )
    const rows = await stats(null)
    const year = Math.max(...rows.filter((r) => r.dataset === KEY_MEASURES[0].dataset).map((r) => r.year), 0)
    const pop = await population()
    const get = index(rows)
    const england: Record<string, number | null> = {}
    for (const m of KEY_MEASURES) england[m.id] = toRate(m, get(m, 'England', year), pop).value
    const all = las.map((la) => {
      const l = latest.get(la.la_code)
      const inad = lastInadequate.get(la.la_code)
      const rates: Record<string, Cell> = {}
      for (const m of KEY_MEASURES) rates[m.id] = toRate(m, get(m, la.la_code, year), pop)
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

  return {
    /** Each LA's overall grade as it stood on a date (a historic ranking shows historic grades). */
    gradesAsAt: (date: string) => latestGrades(date),

    async overview(filters: { region?: string; grade?: string } = {}, now = new Date()) {
      const version = `${await dataVersion()}|${now.toISOString().slice(0, 10)}`
      if (overviewCache?.version !== version) overviewCache = { version, value: await buildOverview(now) }
      const { year, all, england, regions } = overviewCache.value
      const filtered = all.filter(
        (l) => (!filters.region || l.region === filters.region) && (!filters.grade || l.latestGrade === filters.grade),
      )
      return { year, total: all.length, las: filtered, england, regions, grades: GRADES, measures: KEY_MEASURES }
    },

    async profile(laCode: string) {
      const [la] = await store.query<{
        la_code: string
        ons_code: string
        name: string
        region: string
        la_type: string
      }>('SELECT la_code, ons_code, name, region, la_type FROM local_authority WHERE la_code = $1', [laCode])
      if (!la) return undefined
      const latest = await latestGrades()
      const neighbourRows = await store.query<{
        model: string
        neighbour_code: string
        rank: number
        band: string
        name: string
      }>(
        `SELECT n.model, n.neighbour_code, n.rank, n.band, l.name FROM statistical_neighbour n
           JOIN local_authority l ON l.la_code = n.neighbour_code WHERE n.la_code = $1 ORDER BY n.model DESC, n.rank`,
        [laCode],
      )
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
      const inspectionRows = await store.query<{
        id: number
        framework: string
        start_date: string | null
        end_date: string | null
        published: string | null
        overall_grade: Grade | null
      }>(
        `SELECT i.id, i.framework, i.start_date, i.end_date, i.published, i.overall_grade FROM inspection i
          WHERE i.la_code = $1 ORDER BY ${inspectionDate} DESC NULLS LAST, i.id DESC`,
        [laCode],
      )
      const judgementRows = await store.query<{
        inspection_id: number
        area: string
        grade: Grade
        original_label: string | null
      }>(
        `SELECT j.inspection_id, j.area, j.grade, j.original_label FROM inspection_judgement j
           JOIN inspection i ON i.id = j.inspection_id WHERE i.la_code = $1`,
        [laCode],
      )
      const inspections: InspectionView[] = inspectionRows.map((i) => ({
        id: i.id,
        framework: i.framework,
        startDate: i.start_date,
        endDate: i.end_date,
        published: i.published,
        overallGrade: i.overall_grade,
        judgements: judgementRows
          .filter((j) => j.inspection_id === i.id)
          .map((j) => ({ area: j.area, grade: j.grade, originalLabel: j.original_label })),
      }))
      return {
        la: { laCode: la.la_code, onsCode: la.ons_code, name: la.name, region: la.region, laType: la.la_type },
        latest: latest.get(laCode) ?? { grade: null, date: null },
        neighbourModels,
        inspections,
      }
    },

    /** The LA's 3-digit code for an old 3-digit or ONS code, or undefined. */
    async resolve(code: string): Promise<string | undefined> {
      const rows = await store.query<{ la_code: string }>(
        'SELECT la_code FROM local_authority WHERE la_code = $1 OR upper(ons_code) = upper($1) LIMIT 1',
        [code.trim()],
      )
      return rows[0]?.la_code
    },

    /**
     * Everything the register holds on one LA (`sightline la show CODE --json`): identity, neighbours in both models,
     * every inspection with its judgements, every published statistic by year, and key rates beside neighbours.
     */
    async record(code: string) {
      const laCode = await this.resolve(code)
      if (!laCode) return undefined
      const profile = (await this.profile(laCode))!
      const statistics = await store.query<{
        dataset: string
        measure: string
        year: number
        value: number | null
        symbol: string | null
      }>(
        `SELECT dataset, measure, year, value, symbol FROM statistic WHERE area_code = $1 AND geographic_level = 'Local authority'
          ORDER BY dataset, measure, year`,
        [laCode],
      )
      const trends = await this.trends(laCode, '2021')
      return {
        ...profile.la,
        neighbours: profile.neighbourModels.map((m) => ({
          model: m.model,
          neighbours: m.neighbours.map((n) => ({
            laCode: n.laCode,
            name: n.name,
            band: n.band,
            rank: n.rank,
            latestGrade: n.latestGrade,
          })),
        })),
        inspections: [...profile.inspections].reverse().map((i) => ({
          framework: i.framework,
          start: i.startDate,
          end: i.endDate,
          published: i.published,
          overallGrade: i.overallGrade,
          judgements: i.judgements.map((j) => ({
            area: j.area,
            grade: j.grade,
            ...(j.originalLabel && j.originalLabel !== j.grade ? { publishedAs: j.originalLabel } : {}),
          })),
        })),
        ratesPer10k: trends.map((t) => ({
          measure: t.measure.id,
          neighbourModel: '2021',
          years: t.years.map((y) => ({
            year: y.year,
            la: y.la.value,
            laSymbol: y.la.symbol ?? null,
            neighbourMean: y.neighbourMean.value,
            neighboursUsed: y.neighboursUsed,
            england: y.england.value,
          })),
        })),
        statistics,
      }
    },

    /**
     * Key rates by year for the LA, England and the mean of its statistical neighbours (suppressed neighbours dropped,
     * n reported), for charts, tables and CSV.
     */
    async trends(laCode: string, model: string) {
      const neighbours = (
        await store.query<{ neighbour_code: string }>(
          'SELECT neighbour_code FROM statistical_neighbour WHERE la_code = $1 AND model = $2',
          [laCode, model],
        )
      ).map((n) => n.neighbour_code)
      const rows = await stats([laCode, 'England', ...neighbours])
      const pop = await population()
      const get = index(rows)
      const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b)
      return KEY_MEASURES.map((m) => ({
        measure: m,
        years: years
          .map((year) => {
            const nb = neighbours
              .map((n) => toRate(m, get(m, n, year), pop).value)
              .filter((v): v is number => v !== null)
            return {
              year,
              la: toRate(m, get(m, laCode, year), pop),
              england: toRate(m, get(m, 'England', year), pop),
              neighbourMean: { value: nb.length ? nb.reduce((a, b) => a + b, 0) / nb.length : null } as Cell,
              neighboursUsed: nb.length,
            }
          })
          .filter((y) => y.la.value !== null || y.la.symbol || y.england.value !== null),
      }))
    },
  }
}

export type LaRecord = NonNullable<Awaited<ReturnType<LaProfileService['record']>>>
export type LaProfileService = ReturnType<typeof laProfileService>
export type OverviewRow = Awaited<ReturnType<LaProfileService['overview']>>['las'][number]
