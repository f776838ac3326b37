import nunjucks from 'nunjucks'
import { definePage } from '../../page.ts'
import { riskAnalysis, riskCharts, riskOptions } from '../../risk/riskModel.ts'
import { asHttp } from '../../risk/riskShared.ts'

/** The unidentified-risk analysis for one LA as a PDF (one shared Chromium, services/pdf.ts). */
export default definePage({
  PAGE_NAME: 'la-risk-pdf',
  PATH: '/la/:la/risk.pdf',
  REQUIRED_PERMISSION: 'risk:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const o = await riskOptions(req, ctx.services)
    const analysis = await riskAnalysis(ctx.services, ctx.laCode!, o).catch(asHttp)
    const html = nunjucks.render('pages/la/risk/print.njk', {
      ...analysis,
      charts: riskCharts(analysis, o),
      options: o,
      generated: new Date().toISOString().slice(0, 10),
    })
    const { htmlToPdf } = await import('../../../../services/pdf.ts')
    const pdf = await htmlToPdf(html, {
      chromiumPath: ctx.services.config.chromiumPath,
      footer: `Sightline: unidentified risk analysis, ${analysis.estimate.name}, ${o.year}. OFFICIAL-SENSITIVE`,
    })
    res.type('application/pdf').attachment(`sightline-${ctx.laCode}-unidentified-risk-${o.year}.pdf`).send(pdf)
  },
})
