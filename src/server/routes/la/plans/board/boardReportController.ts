import { definePage } from '../../../page.ts'
import { boardReport } from './boardContext.ts'

/** The board and ministerial progress report as at a chosen date, with PDF and XLSX downloads. */
export const boardReportPage = definePage({
  PAGE_NAME: 'plan-board-report',
  PATH: '/la/:la/plans/:plan/board',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const report = await boardReport(req, ctx)
    res.render('pages/la/plans/board/index.njk', {
      laCode: ctx.laCode,
      planId: Number(req.params.plan),
      report,
      body: ctx.services.boardReports.fragment(report),
    })
  },
})
