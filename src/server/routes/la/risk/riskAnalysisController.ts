import { definePage } from '../../page.ts'
import { riskAnalysis, riskCharts, riskOptions } from '../../risk/riskModel.ts'
import { asHttp, selectItems } from '../../risk/riskShared.ts'
import { cachedFragment } from '../../../fragments.ts'
import { sendCachedPage } from '../../../pageCache.ts'

/** The unidentified-risk analysis for one LA and year. */
export default definePage({
  PAGE_NAME: 'la-risk',
  PATH: '/la/:la/risk',
  REQUIRED_PERMISSION: 'risk:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    // The data version is read before the analysis, so a page is never kept under a newer version than it shows.
    const { version } = await ctx.services.risk.load()
    const o = await riskOptions(req, ctx.services)
    // The council's own casework beside the public statistics: counts only, for every role that may see this page.
    // Asked on every request (a new snapshot shows at once) and part of the page's key.
    const casework = await ctx.services.knownNotWorked(ctx.laCode!, o.year).then(
      (counts) => ({ counts, unreadable: false }),
      () => ({ counts: null, unreadable: true }),
    )
    const query = { year: String(o.year), model: o.model, comparator: o.comparator, measure: o.measure }
    // Everything else is public statistics: the whole page kept per LA, options, casework counts and data version.
    await sendCachedPage(req, res, 'pages/la/risk/index.njk', { version, key: [ctx.laCode, o, casework] }, async () => {
      const analysis = await riskAnalysis(ctx.services, ctx.laCode!, o).catch(asHttp)
      // From the charts to the caveats: rendered once per LA, options and version (the PDF shares none of it).
      const tailHtml = await cachedFragment(
        req.app,
        'risk-analysis-tail',
        { version, key: JSON.stringify([ctx.laCode, o.year, o.model, o.comparator, o.measure]) },
        'pages/la/risk/_analysisTail.njk',
        () => ({ ...analysis, charts: riskCharts(analysis, o), options: o, query, laCode: ctx.laCode }),
      )
      return { ...analysis, tailHtml, casework, options: o, ...selectItems(o), query, laCode: ctx.laCode }
    })
  },
})
