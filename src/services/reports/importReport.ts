import { z } from 'zod'
import {
  insertJudgements,
  insertRecommendations,
  laNames,
  registerInspectionsOf,
  sameReport,
} from '../../data/repositories/reportRepository.ts'
import type { DbOrTx, Tx } from '../../data/store.ts'
import { recordAudit } from '../auditService.ts'
import { oneOf, optionalDateInput, optionalText, requiredText } from '../../engine/forms/fields.ts'
import { GRADES } from '../../engine/grades.ts'
import {
  FRAMEWORKS,
  matchRegisterInspection,
  normaliseAddressee,
  sameCouncil,
  type ReportDates,
} from '../../engine/plans/reports.ts'
import { InputError, defineCommand } from '../commands/command.ts'
import type { PlanDeps } from '../plans/deps.ts'
import { storeFile, type UploadedFile } from '../plans/storedFiles.ts'
import { assertScope, type PlanActor } from '../plans/versionedRecords.ts'

export const REPORT_MESSAGES = {
  la: 'Select the local authority',
  framework: 'Select the inspection framework',
  endBeforeStart: 'The last day of the inspection must be on or after the first',
  area: 'Enter the judgement area',
  grade: 'Select the grade as published',
  category: 'Enter the category exactly as the report groups the recommendation',
  addressee: 'Select who the recommendation is for',
  text: 'Enter the recommendation text',
  unknownLa: (code: string) => `There is no local authority with code ${code} in the register`,
  duplicate: (id: number) => `This report has already been imported (report ${id})`,
  otherCouncil: (named: string, la: string) =>
    `This report is about ${named}, not ${la}, so it cannot be saved into ${la}’s records: upload ${la}’s own report. Only a national administrator can override this, with a reason`,
  overrideReason: (named: string, la: string) => `Enter why this report about ${named} belongs in ${la}’s records`,
}

/** Only a national administrator (or the system, run by the operator) may save a report about another council. */
const mayOverrideCouncil = (actor: PlanActor) =>
  actor.role === null || (actor.role === 'national' && actor.isAdmin === true)

/**
 * A report names the council it is about (the reader's `la`): saving Derby's report into Norfolk's records is refused,
 * unless a national administrator overrides it with a reason, which the audit trail keeps.
 */
async function checkCouncil(
  tx: Tx,
  report: { laCode: string; extraction?: unknown; laOverrideReason?: string | null },
  actor: PlanActor,
) {
  const named = (report.extraction as { la?: unknown } | null | undefined)?.la
  const la = (await laNames(tx, [report.laCode])).get(report.laCode)
  if (typeof named !== 'string' || !named.trim() || !la || sameCouncil(named, la)) return null
  if (!mayOverrideCouncil(actor)) throw InputError.field('form', REPORT_MESSAGES.otherCouncil(named, la))
  if (!report.laOverrideReason) throw InputError.field('laOverrideReason', REPORT_MESSAGES.overrideReason(named, la))
  return { named, reason: report.laOverrideReason }
}

/** The register's record of the inspection a report describes, or null (see matchRegisterInspection). */
export async function registerInspectionFor(db: DbOrTx, r: ReportDates & { laCode: string }) {
  return matchRegisterInspection(await registerInspectionsOf(db, r.laCode), r)
}

const grade = oneOf(GRADES, REPORT_MESSAGES.grade)

/** The PDF page the reader found an item on (engine/inspections/model.ts), kept with the extraction for the record. */
const page = z.coerce.number().int().positive().nullable().optional()

/** One recommendation as read from a report and confirmed by a person. */
const recommendation = z
  .object({
    number: z
      .union([z.string(), z.number(), z.null()])
      .optional()
      .transform((v) => (v === null || v === undefined ? null : String(v).trim() || null)),
    category: requiredText({ label: 'the category', missing: REPORT_MESSAGES.category, max: 500 }),
    addressee: z.unknown().transform((v, ctx) => {
      const a = normaliseAddressee(typeof v === 'string' ? v : '')
      if (!a) ctx.addIssue({ code: 'custom', message: REPORT_MESSAGES.addressee })
      return a ?? z.NEVER
    }),
    text: requiredText({ label: 'the recommendation text', missing: REPORT_MESSAGES.text, max: 20_000 }),
    theme: optionalText({ label: 'the theme', max: 500 })
      .optional()
      .transform((v) => v ?? null),
    page,
  })
  .strict()

/** An Ofsted report as a person confirmed it (the extractor's output, corrected), or as the CLI imports it. */
export const confirmedReportSchema = z
  .object({
    laCode: requiredText({ label: 'the local authority', missing: REPORT_MESSAGES.la, max: 9 }),
    framework: oneOf(FRAMEWORKS, REPORT_MESSAGES.framework),
    inspectionStart: optionalDateInput({ label: 'the first day of the inspection' }),
    inspectionEnd: optionalDateInput({ label: 'the last day of the inspection' }),
    published: optionalDateInput({ label: 'the publication date' }),
    judgements: z.array(
      z
        .object({ area: requiredText({ label: 'the area', missing: REPORT_MESSAGES.area, max: 300 }), grade, page })
        .strict(),
    ),
    lscbJudgement: z
      .union([z.null(), z.literal(''), grade])
      .optional()
      .transform((v) => v || null),
    recommendations: z.array(recommendation),
    flags: z.array(z.unknown()).optional(),
    /** The extractor's output before corrections, kept for the record. */
    extraction: z.unknown().optional(),
    file: z.custom<UploadedFile>((v) => Buffer.isBuffer((v as UploadedFile | undefined)?.bytes)).optional(),
    /** A national administrator's reason for saving a report that names another council (see checkCouncil). */
    laOverrideReason: optionalText({ label: 'the reason', max: 2000 }).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.inspectionStart && v.inspectionEnd && v.inspectionEnd < v.inspectionStart)
      ctx.addIssue({ code: 'custom', path: ['inspectionEnd'], message: REPORT_MESSAGES.endBeforeStart })
  })

export type ConfirmedReport = z.input<typeof confirmedReportSchema>

/** Saves a confirmed report with its recommendations; links the register's record of the same inspection. */
export const importReportCommand = defineCommand({
  name: 'report.import',
  permission: 'report:import',
  schema: confirmedReportSchema,
  run({ records, limits }: PlanDeps, report, actor: PlanActor) {
    assertScope(actor, report.laCode)
    return records.transaction(async (tx) => {
      if (!(await laNames(tx, [report.laCode])).size)
        throw InputError.field('la', REPORT_MESSAGES.unknownLa(report.laCode))
      const override = await checkCouncil(tx, report, actor)
      const dupe = await sameReport(tx, report)
      if (dupe) throw InputError.field('form', REPORT_MESSAGES.duplicate(dupe.id))
      const inspectionId = (await registerInspectionFor(tx, report))?.id ?? null
      const file = report.file ? await storeFile(tx, report.file, actor, ['pdf'], limits.reportLimitBytes) : undefined
      const values = {
        laCode: report.laCode,
        framework: report.framework,
        inspectionStart: report.inspectionStart,
        inspectionEnd: report.inspectionEnd,
        published: report.published,
        lscbJudgement: report.lscbJudgement,
        inspectionId,
        fileId: file?.id ?? null,
        flags: report.flags ?? [],
        extraction: report.extraction ?? null,
        importedBy: actor.id,
        importedAt: records.now(),
      }
      const row = await records.create(tx, 'report', values, { planId: null, laCode: report.laCode }, actor, 'import')
      if (override)
        await recordAudit(tx, {
          actor,
          action: 'report.other-council-override',
          subjectType: 'report',
          subjectId: row.id,
          laCode: report.laCode,
          after: { reportNames: override.named, reason: override.reason },
        })
      await insertJudgements(tx, row.id, report.judgements)
      await insertRecommendations(tx, row.id, report.recommendations)
      return {
        reportId: row.id,
        inspectionId,
        recommendations: report.recommendations.length,
        fileSha256: file?.sha256 ?? null,
      }
    })
  },
})
