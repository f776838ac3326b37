import { definePage } from '../../page.ts'
import { riskAnalysis, riskCharts, riskOptions } from '../../risk/riskModel.ts'
import { asHttp, selectItems } from '../../risk/riskShared.ts'
import { cachedFragment } from '../../../fragments.ts'

/** The unidentified-risk analysis for one LA and year. */
export default definePage({
  PAGE_NAME: 'la-risk',
  PATH: '/la/:la/risk',
  REQUIRED_PERMISSION: 'risk:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    // The data version is read before the analysis, so a fragment is never kept under a newer version than it shows.
    const { version } = await ctx.services.risk.load()
    const o = await riskOptions(req, ctx.services)
    const analysis = await riskAnalysis(ctx.services, ctx.laCode!, o).catch(asHttp)
    // The council's own casework beside the public statistics: counts only, for every role that may see this page.
    const casework = await ctx.services.knownNotWorked(ctx.laCode!, o.year).then(
      (counts) => ({ counts, unreadable: false }),
      () => ({ counts: null, unreadable: true }),
    )
    const query = { year: String(o.year), model: o.model, comparator: o.comparator, measure: o.measure }
    // From the charts to the caveats the page shows public statistics only: rendered once per LA, options and version.
    const tailHtml = await cachedFragment(
      req.app,
      'risk-analysis-tail',
      { version, key: JSON.stringify([ctx.laCode, o.year, o.model, o.comparator, o.measure]) },
      'pages/la/risk/_analysisTail.njk',
      () => ({ ...analysis, charts: riskCharts(analysis, o), options: o, query, laCode: ctx.laCode }),
    )
    res.render('pages/la/risk/index.njk', {
      ...analysis,
      tailHtml,
      casework,
      options: o,
      ...selectItems(o),
      query,
      laCode: ctx.laCode,
    })
  },
})
