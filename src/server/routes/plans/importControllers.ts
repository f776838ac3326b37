import fs from 'node:fs'
import path from 'node:path'
import createError from 'http-errors'
import { UPLOAD_LIMIT_BYTES } from '../../../engine/uploads/limits.ts'
import { z } from 'zod'
import { GRADES } from '../../../engine/grades.ts'
import { InputError } from '../../../services/commands/command.ts'
import { FRAMEWORKS } from '../../../engine/plans/reports.ts'
import { confirmImportCommand } from '../../../services/reports/confirmImport.ts'
import { reportImportService } from '../../../services/reports/reportImportService.ts'
import type { Services } from '../../../services/index.ts'
import { refuseNotPdf, ReportParseError } from '../../../engine/inspections/index.ts'
import { urls } from '../../urls.ts'
import { parseReportInWorker } from '../../workers/reportParser.ts'
import { definePage } from '../page.ts'
import { actorOf, asHttp } from './planContext.ts'
import { addRecommendationRow, evidencePages, extractionToFields, flagsByField } from './reportReviewForm.ts'

export const IMPORT_MESSAGES = { file: 'Select the Ofsted report (PDF)' }

/** Reports are read in a worker thread with time and memory limits (server/workers/reportParser.ts), never on the event loop. */
const importer = (services: Services) =>
  reportImportService(services.plans, { ...services.config, extractor: parseReportInWorker })

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

/** Step 2: every extracted field, editable, with the reader's doubts flagged; saved only when confirmed. */
export const reportReviewPage = definePage({
  PAGE_NAME: 'report-import-review',
  PATH: '/la/:la/reports/import/:token',
  REQUIRED_PERMISSION: 'report:import',
  LA_PARAM: 'la',
  COMMAND: confirmImportCommand,
  async GET(req, res, ctx) {
    let pending
    try {
      pending = importer(ctx.services).pending(String(req.params.token), ctx.laCode!, actorOf(ctx.user))
    } catch (err) {
      if (err instanceof InputError) throw createError(404, err.errors[0].message)
      return asHttp(err)
    }
    const values =
      (res.locals.flash?.values as Record<string, string> | undefined) ?? extractionToFields(pending.extraction)
    const flags = flagsByField(pending.extraction.flags)
    res.render('pages/plans/import-review.njk', {
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

/** The staged import, only for the person who uploaded it and on its own LA (a 404 otherwise, or once it is gone). */
function stagedFor(
  req: { params: Record<string, unknown> },
  ctx: { services: Services; laCode?: string; user?: unknown },
) {
  try {
    return importer(ctx.services).pending(String(req.params.token), ctx.laCode!, actorOf(ctx.user as never))
  } catch (err) {
    if (err instanceof InputError) throw createError(404, err.errors[0].message)
    return asHttp(err)
  }
}

/**
 * The staged report itself, so the reviewer can open it at the page each field was read from (`#page=N`). Only for
 * the person importing it, on its LA; shown inline by the browser's PDF viewer: it is the Ofsted report the reader
 * already accepted as a PDF, and nosniff keeps the browser from reading it as anything else.
 */
export const reportStagedPdfPage = definePage({
  PAGE_NAME: 'report-import-pdf',
  PATH: '/la/:la/reports/import/:token/report.pdf',
  REQUIRED_PERMISSION: 'report:import',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const pending = stagedFor(req, ctx)
    // Staged by services/reports/reportImportService.ts as imports/<token>.pdf; the token was checked by pending().
    const file = path.join(ctx.services.config.dataDir, 'imports', `${pending.token}.pdf`)
    if (!fs.existsSync(file)) throw createError(404, 'This import has expired: upload the report again')
    res
      .set('X-Content-Type-Options', 'nosniff')
      .set('Cache-Control', 'private, no-store')
      .set('Content-Disposition', 'inline; filename="ofsted-report.pdf"')
      .type('application/pdf')
      .send(fs.readFileSync(file))
  },
})

/**
 * "Add a recommendation the reader missed": the review form, as typed so far, comes back with one more empty
 * recommendation row (the button posts here with formaction, so it works without JavaScript); nothing is saved.
 */
export const reportReviewAddPage = definePage({
  PAGE_NAME: 'report-import-add-row',
  PATH: '/la/:la/reports/import/:token/add',
  REQUIRED_PERMISSION: 'report:import',
  LA_PARAM: 'la',
  BACK: (params) => urls.reportReview(params.la, params.token),
  SCHEMA: z.record(z.string().regex(/^[\w-]+$/), z.string().max(20_000)),
  async POST(req, _res, ctx) {
    const pending = stagedFor(req, ctx)
    const { fields, row } = addRecommendationRow(ctx.body)
    await ctx.formErrors({}, fields, `${urls.reportReview(ctx.laCode!, pending.token)}#recommendation-${row + 1}`)
  },
})
