import { definePage } from '../page.ts'
import { rankingOptions, rankingRows } from './riskShared.ts'
import { csvOf } from './riskCsv.ts'

/** The national ranking as CSV, with the LAs not ranked and why. */
export default definePage({
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
        csvOf(rows, {
          position: (r) => r.position,
          la_code: (r) => r.la,
          name: (r) => r.name,
          region: (r) => r.region,
          grade_at_31_march: (r) => r.grade,
          evidence: (r) => r.evidence,
          count: (r) => r.count,
          rate_per_10k: (r) => r.rate,
          comparator_rate_per_10k: (r) => r.comparatorRate,
          expected: (r) => r.expected,
          gap: (r) => r.gap,
          gap_per_10k: (r) => r.gapPer10k,
          interval_low: (r) => r.interval?.[0] ?? null,
          interval_high: (r) => r.interval?.[1] ?? null,
          lower_bound_per_10k: (r) => r.lowerPer10k,
          why_listed: (r) => r.why ?? r.problem ?? null,
        }),
      )
  },
})
