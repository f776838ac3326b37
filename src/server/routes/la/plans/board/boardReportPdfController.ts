import createError from 'http-errors'
import { ChromiumMissingError } from '../../../../../services/pdf.ts'
import { definePage } from '../../../page.ts'
import { boardReport } from './boardContext.ts'

export const boardReportPdf = definePage({
  PAGE_NAME: 'plan-board-report-pdf',
  PATH: '/la/:la/plans/:plan/board.pdf',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const report = await boardReport(req, ctx)
    const pdf = await ctx.services.boardReports.pdf(report).catch((err) => {
      if (err instanceof ChromiumMissingError) throw createError(503, err.message)
      throw err
    })
    res.type('application/pdf').attachment(`sightline-${report.laCode}-board-report-${report.asAt}.pdf`).send(pdf)
  },
})
