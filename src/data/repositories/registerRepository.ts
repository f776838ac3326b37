import type { Store } from '../store.ts'

/**
 * Read functions over the national register (migration 0002_register). Each takes the store first. Raw SQL keeps them
 * identical on PGlite and PostgreSQL; every list is fetched in one query, so the national overview costs a handful of
 * queries for all 153 LAs, not one per LA.
 */
export type Queryable = Pick<Store, 'query'>

export type Grade = 'Outstanding' | 'Good' | 'Requires improvement' | 'Inadequate'

export interface LocalAuthority {
  laCode: string
  onsCode: string | null
  name: string
  region: string
  laType: string
  isCurrent: boolean
}

export interface Neighbour {
  laCode: string
  name: string
  rank: number
  band: string
}

export interface Judgement {
  area: string
  grade: Grade
  originalLabel: string | null
}

export interface Inspection {
  id: number
  laCode: string
  framework: string
  startDate: string | null
  endDate: string | null
  published: string | null
  /** published, else end, else start: the date an inspection is placed at on a timeline. */
  date: string | null
  overallGrade: Grade | null
  source: string
  judgements: Judgement[]
}

export interface Statistic {
  dataset: string
  measure: string
  geographicLevel: string
  areaCode: string
  year: number
  value: number | null
  symbol: string | null
}

export interface LatestInspection {
  laCode: string
  /** The latest inspection with an overall grade (SLAC, focused and monitoring visits have none). */
  grade: Grade | null
  date: string | null
  framework: string | null
  /** The latest inspection of any kind, graded or not. */
  lastInspectionDate: string | null
  lastInspectionFramework: string | null
  lastInadequateDate: string | null
  /** Whole years from the last inadequate overall grade to `now` (null when never inadequate). */
  yearsSinceInadequate: number | null
}

const LA_COLUMNS =
  'la_code AS "laCode", ons_code AS "onsCode", name, region, la_type AS "laType", is_current AS "isCurrent"'
const INSPECTION_DATE = 'coalesce(i.published, i.end_date, i.start_date)'

/** An LA by its old 3-digit code ('330') or ONS code ('E08000025'), case and spaces ignored. */
export async function findLa(db: Queryable, code: string): Promise<LocalAuthority | undefined> {
  const c = code.trim().toUpperCase()
  if (!/^(\d{3}|E\d{8})$/.test(c)) return undefined
  const [la] = await db.query<LocalAuthority>(
    `SELECT ${LA_COLUMNS} FROM local_authority WHERE la_code = $1 OR ons_code = $1`,
    [c],
  )
  return la
}

/**
 * The current LAs (or all, with `includeFormer`), by name, optionally only one region and/or one latest overall grade
 * ('none' for LAs without a graded inspection).
 */
export async function listLas(
  db: Queryable,
  filters: { region?: string; grade?: Grade | 'none'; includeFormer?: boolean } = {},
): Promise<Array<LocalAuthority & { latestGrade: Grade | null; latestDate: string | null }>> {
  const params: unknown[] = []
  const where: string[] = []
  if (!filters.includeFormer) where.push('l.is_current')
  if (filters.region) {
    params.push(filters.region)
    where.push(`l.region = $${params.length}`)
  }
  if (filters.grade === 'none') where.push('g.overall_grade IS NULL')
  else if (filters.grade) {
    params.push(filters.grade)
    where.push(`g.overall_grade = $${params.length}`)
  }
  return db.query(
    `SELECT l.la_code AS "laCode", l.ons_code AS "onsCode", l.name, l.region, l.la_type AS "laType", l.is_current AS "isCurrent",
            g.overall_grade AS "latestGrade", g.d AS "latestDate"
       FROM local_authority l
       LEFT JOIN (SELECT DISTINCT ON (i.la_code) i.la_code, i.overall_grade, ${INSPECTION_DATE} AS d
                    FROM inspection i WHERE i.overall_grade IS NOT NULL
                   ORDER BY i.la_code, ${INSPECTION_DATE} DESC NULLS LAST, i.id DESC) g ON g.la_code = l.la_code
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY l.name`,
    params,
  )
}

/** The LA's 10 statistical neighbours in one model ('2021' or '2025'), closest first, with names and bands. */
export async function neighboursOf(db: Queryable, laCode: string, model: string): Promise<Neighbour[]> {
  return db.query<Neighbour>(
    `SELECT n.neighbour_code AS "laCode", coalesce(l.name, n.neighbour_code) AS name, n.rank, n.band
       FROM statistical_neighbour n LEFT JOIN local_authority l ON l.la_code = n.neighbour_code
      WHERE n.la_code = $1 AND n.model = $2 ORDER BY n.rank`,
    [laCode, model],
  )
}

/** Every inspection of the LA, oldest first, each with all its graded judgements (overall effectiveness first). */
export async function inspectionsOf(db: Queryable, laCode: string): Promise<Inspection[]> {
  const inspections = await db.query<Omit<Inspection, 'judgements'>>(
    `SELECT i.id, i.la_code AS "laCode", i.framework, i.start_date AS "startDate", i.end_date AS "endDate", i.published,
            ${INSPECTION_DATE} AS date, i.overall_grade AS "overallGrade", i.source
       FROM inspection i WHERE i.la_code = $1 ORDER BY ${INSPECTION_DATE} NULLS FIRST, i.id`,
    [laCode],
  )
  const judgements = await db.query<Judgement & { inspectionId: number }>(
    `SELECT j.inspection_id AS "inspectionId", j.area, j.grade, j.original_label AS "originalLabel"
       FROM inspection_judgement j JOIN inspection i ON i.id = j.inspection_id
      WHERE i.la_code = $1
      ORDER BY j.inspection_id, (j.area <> 'Overall effectiveness'), j.area`,
    [laCode],
  )
  const byInspection = new Map<number, Judgement[]>()
  for (const { inspectionId, ...j } of judgements) {
    const list = byInspection.get(inspectionId) ?? []
    list.push(j)
    byInspection.set(inspectionId, list)
  }
  return inspections.map((i) => ({ ...i, judgements: byInspection.get(i.id) ?? [] }))
}

/**
 * Published statistics for one area (an LA code, a region name or 'England'), by dataset, measure and year. Filter by
 * dataset, measures and years; suppressed values come back with value null and their symbol.
 */
export async function statisticsOf(
  db: Queryable,
  area: string,
  filters: { dataset?: string; measures?: string[]; years?: number[] } = {},
): Promise<Statistic[]> {
  const params: unknown[] = [area]
  const where = ['area_code = $1']
  if (filters.dataset) {
    params.push(filters.dataset)
    where.push(`dataset = $${params.length}`)
  }
  if (filters.measures) {
    params.push(filters.measures)
    where.push(`measure = ANY($${params.length})`)
  }
  if (filters.years) {
    params.push(filters.years)
    where.push(`year = ANY($${params.length})`)
  }
  return db.query<Statistic>(
    `SELECT dataset, measure, geographic_level AS "geographicLevel", area_code AS "areaCode", year, value, symbol
       FROM statistic WHERE ${where.join(' AND ')} ORDER BY dataset, measure, year`,
    params,
  )
}

/** One published figure, or undefined when none is published for that area and year. */
export async function statisticFor(
  db: Queryable,
  area: string,
  dataset: string,
  measure: string,
  year: number,
): Promise<{ value: number | null; symbol: string | null } | undefined> {
  const [row] = await db.query<{ value: number | null; symbol: string | null }>(
    'SELECT value, symbol FROM statistic WHERE dataset = $1 AND measure = $2 AND area_code = $3 AND year = $4',
    [dataset, measure, area, year],
  )
  return row
}

/** The same figure for many areas at once (an LA and its neighbours, or every LA): area -> value and symbol. */
export async function statisticForAreas(
  db: Queryable,
  areas: string[] | 'all',
  dataset: string,
  measure: string,
  year: number,
) {
  const params: unknown[] = [dataset, measure, year]
  if (areas !== 'all') params.push(areas)
  const rows = await db.query<{ areaCode: string; value: number | null; symbol: string | null }>(
    `SELECT area_code AS "areaCode", value, symbol FROM statistic
      WHERE dataset = $1 AND measure = $2 AND year = $3 ${areas === 'all' ? '' : 'AND area_code = ANY($4)'}`,
    params,
  )
  return new Map(rows.map((r) => [r.areaCode, { value: r.value, symbol: r.symbol }]))
}

/** Children aged 0-17 in an area at ONS mid-year `year` (for a figure at 31 March Y use year Y-1, domain.md §7.1). */
export async function populationOf(db: Queryable, area: string, year: number): Promise<number | undefined> {
  const [row] = await db.query<{ population: number }>(
    'SELECT population FROM child_population WHERE area_code = $1 AND year = $2',
    [area, year],
  )
  return row?.population
}

/** The measures a dataset publishes, with title, unit and polarity. */
export async function measuresOf(db: Queryable, dataset: string) {
  return db.query<{
    dataset: string
    measure: string
    title: string
    unit: string
    polarity: string | null
    description: string | null
  }>(
    'SELECT dataset, measure, title, unit, polarity, description FROM stat_measure WHERE dataset = $1 ORDER BY measure',
    [dataset],
  )
}

/**
 * For the national overview: per LA, the latest overall grade and its date, the latest inspection or visit of any
 * kind, and the time since the last inadequate overall grade. Three queries for every LA together.
 */
export async function latestInspections(db: Queryable, now = new Date()): Promise<Map<string, LatestInspection>> {
  const graded = await db.query<{ la_code: string; overall_grade: Grade; d: string | null; framework: string }>(
    `SELECT DISTINCT ON (i.la_code) i.la_code, i.overall_grade, ${INSPECTION_DATE} AS d, i.framework
       FROM inspection i WHERE i.overall_grade IS NOT NULL
      ORDER BY i.la_code, ${INSPECTION_DATE} DESC NULLS LAST, i.id DESC`,
  )
  const any = await db.query<{ la_code: string; d: string | null; framework: string }>(
    `SELECT DISTINCT ON (i.la_code) i.la_code, ${INSPECTION_DATE} AS d, i.framework
       FROM inspection i ORDER BY i.la_code, ${INSPECTION_DATE} DESC NULLS LAST, i.id DESC`,
  )
  const inadequate = await db.query<{ la_code: string; d: string }>(
    `SELECT i.la_code, max(${INSPECTION_DATE}) AS d FROM inspection i WHERE i.overall_grade = 'Inadequate' GROUP BY i.la_code`,
  )
  const out = new Map<string, LatestInspection>()
  const entry = (laCode: string) => {
    let e = out.get(laCode)
    if (!e) {
      e = {
        laCode,
        grade: null,
        date: null,
        framework: null,
        lastInspectionDate: null,
        lastInspectionFramework: null,
        lastInadequateDate: null,
        yearsSinceInadequate: null,
      }
      out.set(laCode, e)
    }
    return e
  }
  for (const r of graded) Object.assign(entry(r.la_code), { grade: r.overall_grade, date: r.d, framework: r.framework })
  for (const r of any)
    Object.assign(entry(r.la_code), { lastInspectionDate: r.d, lastInspectionFramework: r.framework })
  for (const r of inadequate)
    Object.assign(entry(r.la_code), { lastInadequateDate: r.d, yearsSinceInadequate: wholeYearsBetween(r.d, now) })
  return out
}

/** Whole years from an ISO date to `now` (a birthday count: 2014-05-23 to 2016-05-22 is 1). */
export function wholeYearsBetween(fromIso: string, now: Date): number {
  const [y, m, d] = fromIso.split('-').map(Number)
  let years = now.getUTCFullYear() - y
  if (now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d)) years--
  return Math.max(0, years)
}
