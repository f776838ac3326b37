import { PlanForbiddenError } from '../planErrors.ts'
import type { PlanActor, PlanService } from '../plans/index.ts'
import type { ConfirmedReport } from './importReport.ts'
import { checkAgainstRegister, readReport, type Extractor } from './reportReader.ts'
import { stagedImports, type PendingImport } from './stagedImports.ts'

export type { Extraction, Extractor } from './reportReader.ts'
export type { PendingImport } from './stagedImports.ts'
export { extractionAsReport } from './extractionAsReport.ts'

/**
 * Import in two steps, so that nothing is saved until a person has confirmed every field: `stage` reads the PDF and
 * keeps it (and the extraction) in a private folder under the data directory (stagedImports.ts); `confirm` saves the
 * corrected report through the plan service and removes the staged files; `discard` removes them.
 */
export function reportImportService(
  plans: PlanService,
  options: { dataDir: string; reportLimitBytes: number; extractor?: Extractor },
) {
  const staged = stagedImports(options.dataDir)
  const read = (bytes: Buffer) => readReport(bytes, options)
  const readFor = async (bytes: Buffer, laCode: string) => checkAgainstRegister(plans, await read(bytes), laCode)

  /** The staged import, only for the person who uploaded it and only on its LA. */
  function pending(token: string, laCode: string, actor: PlanActor): PendingImport {
    const found = staged.load(token)
    if (found.laCode !== laCode || found.userId !== actor.id)
      throw new PlanForbiddenError('This import belongs to someone else')
    return found
  }

  return {
    /** Reads a report without keeping anything (CLI `reports import`, which has no review page). */
    read,

    /** Reads a report for an LA and checks it against the register (reportReader.ts, checkAgainstRegister). */
    readFor,

    async stage(input: { bytes: Buffer; fileName: string; laCode: string }, actor: PlanActor): Promise<PendingImport> {
      if (actor.laScope && !actor.laScope.includes(input.laCode))
        throw new PlanForbiddenError('You do not have access to this local authority')
      const extraction = await readFor(input.bytes, input.laCode)
      return staged.save(input.bytes, {
        laCode: input.laCode,
        userId: actor.id,
        fileName: input.fileName,
        createdAt: new Date().toISOString(),
        extraction,
      })
    },

    pending,

    /** The staged PDF itself, for the same person on the same LA as `pending`. */
    stagedPdf(token: string, laCode: string, actor: PlanActor): Buffer {
      return staged.pdf(pending(token, laCode, actor).token)
    },

    async confirm(
      token: string,
      laCode: string,
      report: Omit<ConfirmedReport, 'laCode' | 'file' | 'flags' | 'extraction'>,
      actor: PlanActor,
    ) {
      const found = pending(token, laCode, actor)
      const result = await plans.importReport(
        {
          ...report,
          laCode,
          file: { bytes: staged.pdf(token), fileName: found.fileName },
          flags: found.extraction.flags ?? [],
          extraction: found.extraction,
        },
        actor,
      )
      staged.remove(token)
      return result
    },

    discard(token: string, laCode: string, actor: PlanActor) {
      pending(token, laCode, actor)
      staged.remove(token)
    },
  }
}

export type ReportImportService = ReturnType<typeof reportImportService>
