import { z } from 'zod'
import { refuseNotPdf, ReportParseError } from '../../engine/inspections/index.ts'
import { InputError, defineCommand } from '../commands/command.ts'
import type { PlanActor } from '../plans/index.ts'
import type { ReportImportService } from './reportImportService.ts'

export const STAGE_MESSAGES = { report: 'Select the Ofsted report (PDF)' }

interface UploadedReport {
  bytes: Buffer
  fileName: string
}

/**
 * Step 1 of an import: read an uploaded Ofsted report and stage it for review (nothing is saved to the plans until the
 * review is confirmed, confirmImport.ts). The file arrives beside the form's fields (multipart), so its presence and
 * kind are checked in `run`: a file that is not a PDF is named (an HTML error page saved as .pdf, as scrapes of
 * Ofsted's site hold) before the reader sees it.
 */
export const stageReportCommand = defineCommand({
  name: 'report.stage',
  permission: 'report:import',
  schema: z
    .object({
      report: z
        .custom<UploadedReport>((v) => Buffer.isBuffer((v as UploadedReport | undefined)?.bytes), STAGE_MESSAGES.report)
        .optional(),
    })
    .strict(),
  async run(deps: { importer: ReportImportService; laCode: string }, input, actor: PlanActor) {
    if (!input.report) throw InputError.field('report', STAGE_MESSAGES.report)
    try {
      refuseNotPdf(new Uint8Array(input.report.bytes))
    } catch (err) {
      if (err instanceof ReportParseError) throw InputError.field('report', err.message)
      throw err
    }
    const { bytes, fileName } = input.report
    return deps.importer.stage({ bytes, fileName, laCode: deps.laCode }, actor)
  },
})
