import createError from 'http-errors'
import { toCsv } from '../../../engine/csv.ts'
import { definePage } from '../page.ts'
import { riskAnalysis, riskOptions } from './riskModel.ts'
import { asHttp, rankingOptions, rankingRows } from './riskShared.ts'

const TABLES = ['measures', 'series', 'funnel', 'deprivation'] as const

type Analysis = Awaited<ReturnType<typeof riskAnalysis>>
type Options = Awaited<ReturnType<typeof riskOptions>>
interface Base {
  la_code: string | undefined
  year_ending_31_march: number
  neighbour_model: string
  comparator: string
}

/** Each table of the analysis as CSV, with its columns in order. */
const CSV_TABLES: Record<(typeof TABLES)[number], (a: Analysis, o: Options, base: Base) => string> = {
  measures: (a, o, base) =>
    toCsv(
      a.estimate.measures.map((m) => ({
        ...base,
        measure: m.measure,
        stage: m.stage,
        count: m.count,
        population: m.population,
        rate_per_10k: m.rate,
        comparator_rate_per_10k: m.comparatorRate,
        expected: m.expected,
        gap: m.gap,
        gap_per_10k: m.gapPer10k,
        interval_low: m.interval?.[0] ?? null,
        interval_high: m.interval?.[1] ?? null,
        below_poisson_limit: m.belowPoissonLimit ?? null,
        neighbours_used: m.neighboursUsed ?? null,
        quartile: m.quartile ?? null,
        rank: m.rank ?? null,
        problem: m.problem ?? null,
      })),
      [
        'la_code',
        'year_ending_31_march',
        'neighbour_model',
        'comparator',
        'measure',
        'stage',
        'count',
        'population',
        'rate_per_10k',
        'comparator_rate_per_10k',
        'expected',
        'gap',
        'gap_per_10k',
        'interval_low',
        'interval_high',
        'below_poisson_limit',
        'neighbours_used',
        'quartile',
        'rank',
        'problem',
      ],
    ),
  series: (a, o, base) =>
    toCsv(
      a.series.rows.map((r) => ({
        la_code: base.la_code,
        measure: o.measure,
        year_ending_31_march: r.year,
        la_rate_per_10k: r.la,
        la_symbol: r.laSymbol,
        neighbour_mean_rate_per_10k: r.neighbourMean,
        neighbours_used: r.neighboursUsed,
        england_rate_per_10k: r.england,
        trend_break: a.series.breaks.find((b) => b.year === r.year)?.reasons.join('; ') ?? null,
      })),
      [
        'la_code',
        'measure',
        'year_ending_31_march',
        'la_rate_per_10k',
        'la_symbol',
        'neighbour_mean_rate_per_10k',
        'neighbours_used',
        'england_rate_per_10k',
        'trend_break',
      ],
    ),
  funnel: (a, o, base) =>
    toCsv(
      a.funnel.map((f) => ({
        ...base,
        step: f.id,
        title: f.title,
        ratio: f.ratio,
        neighbour_median: f.neighbourMedian,
        neighbours_used: f.neighboursUsed,
        denominator: f.denominator,
        shortfall: f.shortfall,
      })),
      [
        'la_code',
        'year_ending_31_march',
        'neighbour_model',
        'step',
        'title',
        'ratio',
        'neighbour_median',
        'neighbours_used',
        'denominator',
        'shortfall',
      ],
    ),
  deprivation: (a, o) =>
    toCsv(
      a.scatter.map((p) => ({
        la_code: p.code,
        name: p.name,
        measure: o.measure,
        year_ending_31_march: o.year,
        rate_per_10k: p.rate,
        covariate: p.covariate,
      })),
      ['la_code', 'name', 'measure', 'year_ending_31_march', 'rate_per_10k', 'covariate'],
    ),
}

export const riskCsv = definePage({
  PAGE_NAME: 'la-risk-csv',
  PATH: '/la/:la/risk.csv',
  REQUIRED_PERMISSION: 'risk:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const o = await riskOptions(req, ctx.services)
    const table = TABLES.find((t) => t === req.query.table)
    if (!table) throw createError(400, `Choose a table: ${TABLES.join(', ')}`)
    const a = await riskAnalysis(ctx.services, ctx.laCode!, o).catch(asHttp)
    const base = {
      la_code: ctx.laCode,
      year_ending_31_march: o.year,
      neighbour_model: o.model,
      comparator: o.comparator,
    }
    const csv = CSV_TABLES[table](a, o, base)
    res.type('text/csv').attachment(`sightline-${ctx.laCode}-risk-${table}-${o.year}.csv`).send(csv)
  },
})

export const riskRankingCsv = definePage({
  PAGE_NAME: 'risk-ranking-csv',
  PATH: '/risk.csv',
  REQUIRED_PERMISSION: 'risk:view',
  async GET(req, res, ctx) {
    const o = await rankingOptions(req, ctx.services)
    const data = await rankingRows(ctx, o)
    const rows = [
      ...data.rows,
      ...[...data.inconclusive, ...data.excess].map((r) => ({ ...r, position: null })),
      ...data.notEstimated.map((r) => ({
        ...r,
        position: null,
        grade: null,
        evidence: null,
        lowerPer10k: null,
        why: null,
      })),
    ]
    res
      .type('text/csv')
      .attachment(`sightline-risk-ranking-${o.measure}-${o.year}.csv`)
      .send(
        toCsv(
          rows.map((r) => ({
            position: r.position,
            la_code: r.la,
            name: r.name,
            region: r.region,
            grade_at_31_march: r.grade,
            evidence: r.evidence,
            count: r.count,
            rate_per_10k: r.rate,
            comparator_rate_per_10k: r.comparatorRate,
            expected: r.expected,
            gap: r.gap,
            gap_per_10k: r.gapPer10k,
            interval_low: r.interval?.[0] ?? null,
            interval_high: r.interval?.[1] ?? null,
            lower_bound_per_10k: r.lowerPer10k,
            why_listed: r.why ?? r.problem ?? null,
          })),
          [
            'position',
            'la_code',
            'name',
            'region',
            'grade_at_31_march',
            'evidence',
            'count',
            'rate_per_10k',
            'comparator_rate_per_10k',
            'expected',
            'gap',
            'gap_per_10k',
            'interval_low',
            'interval_high',
            'lower_bound_per_10k',
            'why_listed',
          ],
        ),
      )
  },
})
