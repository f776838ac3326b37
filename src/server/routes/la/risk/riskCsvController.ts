import createError from 'http-errors'
import { definePage } from '../../page.ts'
import { riskAnalysis, riskOptions } from '../../risk/riskModel.ts'
import { asHttp } from '../../risk/riskShared.ts'
import { CSV_TABLES, TABLES } from '../../risk/riskCsv.ts'

/** One table of an LA's unidentified-risk analysis as CSV (?table=measures|series|funnel|deprivation). */
export default definePage({
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
