/** The risk CSV tables: each table's columns written once (csvOf), for the LA analysis's and the ranking's downloads. */
import { toCsv } from '../../../engine/csv.ts'
import { riskAnalysis, riskOptions } from './riskModel.ts'

export const TABLES = ['measures', 'series', 'funnel', 'deprivation'] as const

type Analysis = Awaited<ReturnType<typeof riskAnalysis>>
type Options = Awaited<ReturnType<typeof riskOptions>>
interface Base {
  la_code: string | undefined
  year_ending_31_march: number
  neighbour_model: string
  comparator: string
}

/** Rows as CSV from one ordered list of columns, each a header and how to read it from a row. */
export function csvOf<T>(rows: T[], columns: Record<string, (row: T) => unknown>): string {
  const names = Object.keys(columns)
  return toCsv(
    rows.map((r) => Object.fromEntries(names.map((n) => [n, columns[n](r)]))),
    names,
  )
}

/** The LA, year and neighbour model every LA table starts with. */
const baseColumns = (base: Base) => ({
  la_code: () => base.la_code,
  year_ending_31_march: () => base.year_ending_31_march,
  neighbour_model: () => base.neighbour_model,
})

/** Each table of the analysis as CSV, with its columns in order. */
export const CSV_TABLES: Record<(typeof TABLES)[number], (a: Analysis, o: Options, base: Base) => string> = {
  measures: (a, _o, base) =>
    csvOf(a.estimate.measures, {
      ...baseColumns(base),
      comparator: () => base.comparator,
      measure: (m) => m.measure,
      stage: (m) => m.stage,
      count: (m) => m.count,
      population: (m) => m.population,
      rate_per_10k: (m) => m.rate,
      comparator_rate_per_10k: (m) => m.comparatorRate,
      expected: (m) => m.expected,
      gap: (m) => m.gap,
      gap_per_10k: (m) => m.gapPer10k,
      interval_low: (m) => m.interval?.[0] ?? null,
      interval_high: (m) => m.interval?.[1] ?? null,
      below_poisson_limit: (m) => m.belowPoissonLimit ?? null,
      neighbours_used: (m) => m.neighboursUsed ?? null,
      quartile: (m) => m.quartile ?? null,
      rank: (m) => m.rank ?? null,
      problem: (m) => m.problem ?? null,
    }),
  series: (a, o, base) =>
    csvOf(a.series.rows, {
      la_code: () => base.la_code,
      measure: () => o.measure,
      year_ending_31_march: (r) => r.year,
      la_rate_per_10k: (r) => r.la,
      la_symbol: (r) => r.laSymbol,
      neighbour_mean_rate_per_10k: (r) => r.neighbourMean,
      neighbours_used: (r) => r.neighboursUsed,
      england_rate_per_10k: (r) => r.england,
      trend_break: (r) => a.series.breaks.find((b) => b.year === r.year)?.reasons.join('; ') ?? null,
    }),
  funnel: (a, _o, base) =>
    csvOf(a.funnel, {
      ...baseColumns(base),
      step: (f) => f.id,
      title: (f) => f.title,
      ratio: (f) => f.ratio,
      neighbour_median: (f) => f.neighbourMedian,
      neighbours_used: (f) => f.neighboursUsed,
      denominator: (f) => f.denominator,
      shortfall: (f) => f.shortfall,
    }),
  deprivation: (a, o) =>
    csvOf(a.scatter, {
      la_code: (p) => p.code,
      name: (p) => p.name,
      measure: () => o.measure,
      year_ending_31_march: () => o.year,
      rate_per_10k: (p) => p.rate,
      covariate: (p) => p.covariate,
    }),
}
