import { UPLOAD_LIMIT_BYTES } from '../../../../../engine/uploads/limits.ts'
import { InputError } from '../../../../../services/commands/command.ts'
import { stageReportCommand } from '../../../../../services/reports/stageReport.ts'
import { urls } from '../../../../urls.ts'
import { definePage } from '../../../page.ts'
import { actorOf, asHttp } from '../../plans/planContext.ts'
import { importer } from './importContext.ts'

/** Step 1: upload an Ofsted report or visit letter (PDF). Nothing is saved: the next page shows what was read. */
export const reportImportPage = definePage({
  PAGE_NAME: 'report-import',
  PATH: '/la/:la/reports/import',
  REQUIRED_PERMISSION: 'report:import',
  LA_PARAM: 'la',
  UPLOAD: { field: 'report', maxBytes: UPLOAD_LIMIT_BYTES },
  COMMAND: stageReportCommand,
  async GET(_req, res, ctx) {
    const profile = await ctx.services.laProfiles.profile(ctx.laCode!)
    res.render('pages/la/reports/import/index.njk', {
      laCode: ctx.laCode,
      laName: profile?.la.name ?? ctx.laCode,
      limitMb: Math.floor(ctx.services.config.reportLimitBytes / 1024 / 1024),
    })
  },
  async POST(req, res, ctx) {
    const report = req.file && { bytes: req.file.buffer, fileName: req.file.originalname }
    const deps = { importer: importer(ctx.services), laCode: ctx.laCode! }
    try {
      const pending = await stageReportCommand.run(deps, { ...ctx.body, report }, actorOf(ctx.user))
      res.redirect(303, urls.reportReview(ctx.laCode!, pending.token))
    } catch (err) {
      if (err instanceof InputError) return ctx.formErrors({ report: err.errors[0].message })
      asHttp(err)
    }
  },
})
