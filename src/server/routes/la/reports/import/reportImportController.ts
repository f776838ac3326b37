import { UPLOAD_LIMIT_BYTES } from '../../../../../engine/uploads/limits.ts'
import { z } from 'zod'
import { InputError } from '../../../../../services/commands/command.ts'
import { refuseNotPdf, ReportParseError } from '../../../../../engine/inspections/index.ts'
import { urls } from '../../../../urls.ts'
import { definePage } from '../../../page.ts'
import { actorOf, asHttp } from '../../plans/planContext.ts'
import { importer } from './importContext.ts'

export const IMPORT_MESSAGES = { file: 'Select the Ofsted report (PDF)' }

/** Step 1: upload an Ofsted report or visit letter (PDF). Nothing is saved: the next page shows what was read. */
export const reportImportPage = definePage({
  PAGE_NAME: 'report-import',
  PATH: '/la/:la/reports/import',
  REQUIRED_PERMISSION: 'report:import',
  LA_PARAM: 'la',
  UPLOAD: { field: 'report', maxBytes: UPLOAD_LIMIT_BYTES },
  SCHEMA: z.object({}).strict(),
  async GET(_req, res, ctx) {
    const profile = await ctx.services.laProfiles.profile(ctx.laCode!)
    res.render('pages/plans/import.njk', {
      laCode: ctx.laCode,
      laName: profile?.la.name ?? ctx.laCode,
      limitMb: Math.floor(ctx.services.config.reportLimitBytes / 1024 / 1024),
    })
  },
  async POST(req, res, ctx) {
    if (!req.file) return ctx.formErrors({ report: IMPORT_MESSAGES.file })
    try {
      // Name what a file that is not a PDF is (an HTML error page saved as .pdf, as scrapes of Ofsted's site hold).
      refuseNotPdf(new Uint8Array(req.file.buffer))
    } catch (err) {
      if (err instanceof ReportParseError) return ctx.formErrors({ report: err.message })
    }
    try {
      const pending = await importer(ctx.services).stage(
        { bytes: req.file.buffer, fileName: req.file.originalname, laCode: ctx.laCode! },
        actorOf(ctx.user),
      )
      res.redirect(303, urls.reportReview(ctx.laCode!, pending.token))
    } catch (err) {
      if (err instanceof InputError) return ctx.formErrors({ report: err.errors[0].message })
      asHttp(err)
    }
  },
})
