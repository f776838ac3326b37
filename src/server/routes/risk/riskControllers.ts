import nunjucks from 'nunjucks'
import { GRADES } from '../../../engine/grades.ts'
import { definePage } from '../page.ts'
import { riskAnalysis, riskCharts, riskOptions } from './riskModel.ts'
import { asHttp, rankingOptions, rankingRows, selectItems } from './riskShared.ts'
import { urls } from '../../urls.ts'
import { cachedFragment } from '../../fragments.ts'

// The CSV downloads live beside these pages (riskCsvControllers.ts); the route table imports every risk page from here.
export { riskCsv, riskRankingCsv } from './riskCsvControllers.ts'

/** The unidentified-risk analysis for one LA and year. */
export const riskPage = definePage({
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
      'pages/risk/_analysisTail.njk',
      () => ({ ...analysis, charts: riskCharts(analysis, o), options: o, query, laCode: ctx.laCode }),
    )
    res.render('pages/risk/analysis.njk', {
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

export const riskPdf = definePage({
  PAGE_NAME: 'la-risk-pdf',
  PATH: '/la/:la/risk.pdf',
  REQUIRED_PERMISSION: 'risk:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const o = await riskOptions(req, ctx.services)
    const analysis = await riskAnalysis(ctx.services, ctx.laCode!, o).catch(asHttp)
    const html = nunjucks.render('pages/risk/print.njk', {
      ...analysis,
      charts: riskCharts(analysis, o),
      options: o,
      generated: new Date().toISOString().slice(0, 10),
    })
    const { htmlToPdf } = await import('../../../services/pdf.ts')
    const pdf = await htmlToPdf(html, {
      chromiumPath: ctx.services.config.chromiumPath,
      footer: `Sightline: unidentified risk analysis, ${analysis.estimate.name}, ${o.year}. OFFICIAL-SENSITIVE`,
    })
    res.type('application/pdf').attachment(`sightline-${ctx.laCode}-unidentified-risk-${o.year}.pdf`).send(pdf)
  },
})

/** National view: every LA ranked by estimated gap per 10,000, filterable by region and Ofsted grade. */
export const riskRanking = definePage({
  PAGE_NAME: 'risk-ranking',
  PATH: '/risk',
  REQUIRED_PERMISSION: 'risk:view',
  async GET(req, res, ctx) {
    const o = await rankingOptions(req, ctx.services)
    const data = await rankingRows(ctx, o)
    // LA-scoped users see the national ranking of published statistics, but links only to the LAs they may open.
    const canOpen = (la: string) => ctx.user.laScope === null || ctx.user.laScope.includes(la)
    const analysisQuery = { year: String(o.year), model: o.model, comparator: o.comparator, measure: o.measure }
    const linked = <T extends { la: string }>(r: T) => ({
      ...r,
      href: canOpen(r.la) ? urls.laRisk(r.la, analysisQuery) : undefined,
    })
    // The tables are the same for everyone with these options and this LA scope: rendered once per data version.
    const scope = ctx.user.laScope === null ? '*' : [...ctx.user.laScope].sort().join(',')
    const key = [o.year, o.measure, o.model, o.comparator, o.region ?? '', o.grade ?? '', scope]
    const tablesHtml = await cachedFragment(
      req.app,
      'risk-ranking-tables',
      { version: data.ranking.version, key: JSON.stringify(key) },
      'pages/risk/_rankingTables.njk',
      () => ({
        ...data,
        rows: data.rows.map(linked),
        inconclusive: data.inconclusive.map(linked),
        excess: data.excess.map(linked),
        options: o,
      }),
    )
    res.render('pages/risk/ranking.njk', {
      ...data,
      tablesHtml,
      options: o,
      ...selectItems(o),
      regionItems: [
        { value: '', text: 'All regions' },
        ...data.regions.map((r) => ({ value: r, text: r, selected: r === o.region })),
      ],
      gradeItems: [
        { value: '', text: 'Any grade' },
        ...GRADES.map((g) => ({ value: g, text: g, selected: g === o.grade })),
      ],
      csvUrl: urls.riskRankingCsv({ ...analysisQuery, region: o.region ?? '', grade: o.grade ?? '' }),
    })
  },
})
