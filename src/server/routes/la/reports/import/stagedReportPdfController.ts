import { definePage } from '../../../page.ts'
import { stagedPdfFor } from './importContext.ts'

/**
 * The staged report itself, so the reviewer can open it at the page each field was read from (`#page=N`). Only for
 * the person importing it, on its LA (a 404 otherwise, or once it is gone); shown inline by the browser's PDF viewer:
 * it is the Ofsted report the reader already accepted as a PDF, and nosniff keeps the browser from reading it as
 * anything else.
 */
export const reportStagedPdfPage = definePage({
  PAGE_NAME: 'report-import-pdf',
  PATH: '/la/:la/reports/import/:token/report.pdf',
  REQUIRED_PERMISSION: 'report:import',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const pdf = stagedPdfFor(req, ctx)
    res
      .set('X-Content-Type-Options', 'nosniff')
      .set('Cache-Control', 'private, no-store')
      .set('Content-Disposition', 'inline; filename="ofsted-report.pdf"')
      .type('application/pdf')
      .send(pdf)
  },
})
