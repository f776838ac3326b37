import { definePage } from '../../../page.ts'
import { boardReport } from './boardContext.ts'

export const boardReportXlsx = definePage({
  PAGE_NAME: 'plan-board-report-xlsx',
  PATH: '/la/:la/plans/:plan/board.xlsx',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const report = await boardReport(req, ctx)
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(`sightline-${report.laCode}-board-report-${report.asAt}.xlsx`)
      .send(await ctx.services.boardReports.xlsx(report))
  },
})
