import createError from 'http-errors'
import { toCsv } from '../../../engine/csv.ts'
import { definePage } from '../page.ts'
import { STATS_MODEL, trendData } from './laContext.ts'

/** The LA's key statistics by year as CSV (all measures, or ?measure=one), beside its neighbours' mean and England. */
export default definePage({
  PAGE_NAME: 'la-statistics-csv',
  PATH: '/la/:la/statistics.csv',
  REQUIRED_PERMISSION: 'register:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const trends = await trendData(ctx.services, ctx.laCode!)
    const only = typeof req.query.measure === 'string' ? req.query.measure : undefined
    const rows = trends
      .filter((t) => !only || t.measure.id === only)
      .flatMap((t) =>
        t.years.map((y) => ({
          la_code: ctx.laCode!,
          measure: t.measure.id,
          year_ending_31_march: y.year,
          la_rate_per_10k: y.la.value,
          la_symbol: y.la.symbol ?? null,
          neighbour_mean_rate_per_10k: y.neighbourMean.value,
          neighbour_model: STATS_MODEL,
          neighbours_used: y.neighboursUsed,
          england_rate_per_10k: y.england.value,
        })),
      )
    if (only && !rows.length) throw createError(404, `No statistics called ${only}`)
    const columns = [
      'la_code',
      'measure',
      'year_ending_31_march',
      'la_rate_per_10k',
      'la_symbol',
      'neighbour_mean_rate_per_10k',
      'neighbour_model',
      'neighbours_used',
      'england_rate_per_10k',
    ] as const
    res
      .type('text/csv')
      .attachment(`sightline-${ctx.laCode}-statistics${only ? `-${only}` : ''}.csv`)
      .send(toCsv(rows, [...columns]))
  },
})
