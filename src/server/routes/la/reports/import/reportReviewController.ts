import { GRADES } from '../../../../../engine/grades.ts'
import { InputError } from '../../../../../services/commands/command.ts'
import { FRAMEWORKS } from '../../../../../engine/plans/reports.ts'
import { confirmImportCommand } from '../../../../../services/reports/confirmImport.ts'
import { urls } from '../../../../urls.ts'
import { definePage } from '../../../page.ts'
import { actorOf, asHttp } from '../../plans/planContext.ts'
import { evidencePages, extractionToFields, flagsByField } from './reportReviewForm.ts'
import { importer, stagedFor } from './importContext.ts'

/** Step 2: every extracted field, editable, with the reader's doubts flagged; saved only when confirmed. */
export const reportReviewPage = definePage({
  PAGE_NAME: 'report-import-review',
  PATH: '/la/:la/reports/import/:token',
  REQUIRED_PERMISSION: 'report:import',
  LA_PARAM: 'la',
  COMMAND: confirmImportCommand,
  async GET(req, res, ctx) {
    const pending = stagedFor(req, ctx)
    const values =
      (res.locals.flash?.values as Record<string, string> | undefined) ?? extractionToFields(pending.extraction)
    const flags = flagsByField(pending.extraction.flags)
    res.render('pages/la/reports/import/review.njk', {
      laCode: ctx.laCode,
      token: pending.token,
      pages: evidencePages(values),
      fileName: pending.fileName,
      extractedLa: pending.extraction.la,
      v: values,
      flags,
      judgementRows: [...Array(Number(values.judgementCount) || 0).keys()],
      recRows: [...Array(Number(values.recCount) || 0).keys()],
      frameworkItems: [{ value: '', text: 'Select' }, ...FRAMEWORKS.map((f) => ({ value: f, text: f }))],
      gradeItems: [{ value: '', text: 'Select' }, ...GRADES.map((g) => ({ value: g, text: g }))],
      lscbItems: [
        { value: '', text: 'No safeguarding board judgement' },
        ...GRADES.map((g) => ({ value: g, text: g })),
      ],
      addresseeItems: [
        { value: '', text: 'Select' },
        { value: 'local authority', text: 'Local authority' },
        { value: 'safeguarding board', text: 'Safeguarding board (LSCB)' },
      ],
    })
  },
  async POST(req, res, ctx) {
    const token = String(req.params.token)
    const here = urls.reportReview(ctx.laCode!, token)
    const deps = { importer: importer(ctx.services), on: { token, laCode: ctx.laCode! } }
    try {
      const result = await confirmImportCommand.run(deps, ctx.body, actorOf(ctx.user))
      if (!result) {
        await ctx.flash('Import cancelled: nothing was saved')
        return res.redirect(303, urls.plans(ctx.laCode!))
      }
      await ctx.flash(
        `Report saved with ${result.recommendations} recommendations${result.inspectionId ? ', linked to the register' : ''}`,
      )
      res.redirect(303, urls.plans(ctx.laCode!))
    } catch (err) {
      if (err instanceof InputError) {
        // The saved report's own checks name its rows as recommendations.N / judgements.N: the form's r-N / j-N.
        const id = (f: string) =>
          f.replace(/^recommendations\.(\d+)\./, 'r-$1-').replace(/^judgements\.(\d+)\./, 'j-$1-')
        const { _csrf: _ignored, ...fields } = req.body as Record<string, string>
        return ctx.formErrors(Object.fromEntries(err.errors.map((e) => [id(e.field), e.message])), fields, here)
      }
      asHttp(err)
    }
  },
})
