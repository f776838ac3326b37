import { z, type ZodTypeAny } from 'zod'
import { oneOf, optionalDateInput, optionalText, plainErrorMap, requiredText } from '../../engine/forms/fields.ts'
import { GRADES } from '../../engine/grades.ts'
import { FRAMEWORKS, normaliseAddressee } from '../../engine/plans/reports.ts'
import { defineCommand } from '../commands/command.ts'
import type { PlanActor } from '../plans/versionedRecords.ts'
import type { ReportImportService } from './reportImportService.ts'

/**
 * The import review page as one command. Its form is flat: every extracted value in an editable field, rows as
 * j-{i}-area/grade (judgements) and r-{i}-number/category/addressee/theme/text (recommendations), with j-{i}-remove and
 * r-{i}-remove to drop a wrongly read row. This schema is the only check of what the person confirmed; errors come
 * back on the form's own field names, in the order the page shows them.
 */
export const REVIEW_MESSAGES = {
  framework: 'Select the inspection framework',
  grade: 'Select the grade as published',
  area: 'Enter the judgement area',
  category: 'Enter the category exactly as the report groups the recommendation',
  addressee: 'Select who the recommendation is for',
  text: 'Enter the recommendation text, or tick remove',
  checked: 'Confirm that you have checked every field against the report',
  endBeforeStart: 'The last day of the inspection must be on or after the first',
}

const FIELD = {
  framework: oneOf(FRAMEWORKS, REVIEW_MESSAGES.framework),
  lscb: z.union([z.literal(''), oneOf(GRADES, REVIEW_MESSAGES.grade)]).transform((v) => v || null),
  area: requiredText({ label: 'the judgement area', missing: REVIEW_MESSAGES.area, max: 300 }),
  grade: oneOf(GRADES, REVIEW_MESSAGES.grade),
  number: optionalText({ label: 'the paragraph number', max: 20 }),
  category: requiredText({ label: 'the category', missing: REVIEW_MESSAGES.category, max: 500 }),
  theme: optionalText({ label: 'the theme', max: 500 }),
  text: requiredText({ label: 'the recommendation text', missing: REVIEW_MESSAGES.text, max: 20_000 }),
  /** A national administrator's reason for saving a report about another council (importReport's checkCouncil). */
  overrideReason: optionalText({ label: 'the reason', max: 2000 }),
}

type Fields = Record<string, string>
const rowCount = (v: string | undefined) => Math.min(Math.max(Number(v) || 0, 0), 500)

/** Checks one field with its builder; each problem becomes an issue on the form's field name. */
function field<S extends ZodTypeAny>(ctx: z.RefinementCtx, key: string, schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value, { errorMap: plainErrorMap })
  if (r.success) return r.data
  for (const issue of r.error.issues)
    ctx.addIssue({
      code: 'custom',
      path: [key],
      message: issue.message,
      params: issue.code === 'custom' ? issue.params : undefined,
    })
  return undefined as z.output<S>
}

/** A date posted as three boxes (`<key>-day|month|year`) or, from the extraction, as an ISO date. */
function dateField(ctx: z.RefinementCtx, f: Fields, key: string, label: string): string | null {
  const boxes = ['day', 'month', 'year'].some((p) => `${key}-${p}` in f)
  const value = boxes ? { day: f[`${key}-day`], month: f[`${key}-month`], year: f[`${key}-year`] } : f[key]
  return field(ctx, key, optionalDateInput({ label }), value) ?? null
}

function judgements(ctx: z.RefinementCtx, f: Fields) {
  const rows = []
  for (let i = 0; i < rowCount(f.judgementCount); i++) {
    if (f[`j-${i}-remove`] === 'yes') continue
    const area = field(ctx, `j-${i}-area`, FIELD.area, f[`j-${i}-area`])
    const grade = field(ctx, `j-${i}-grade`, FIELD.grade, f[`j-${i}-grade`])
    rows.push({ area, grade })
  }
  return rows
}

function recommendations(ctx: z.RefinementCtx, f: Fields) {
  const rows = []
  for (let i = 0; i < rowCount(f.recCount); i++) {
    if (f[`r-${i}-remove`] === 'yes') continue
    const number = field(ctx, `r-${i}-number`, FIELD.number, f[`r-${i}-number`])
    const category = field(ctx, `r-${i}-category`, FIELD.category, f[`r-${i}-category`])
    const addressee = normaliseAddressee(f[`r-${i}-addressee`] ?? '')
    if (!addressee) ctx.addIssue({ code: 'custom', path: [`r-${i}-addressee`], message: REVIEW_MESSAGES.addressee })
    const theme = field(ctx, `r-${i}-theme`, FIELD.theme, f[`r-${i}-theme`])
    const text = field(ctx, `r-${i}-text`, FIELD.text, f[`r-${i}-text`])
    rows.push({ number, category, addressee: addressee ?? '', text, theme })
  }
  return rows
}

/** The review form -> the confirmed report (or, for "Cancel import", nothing to check). */
export const reviewFormSchema = z.record(z.string().regex(/^[\w-]+$/), z.string().max(20_000)).transform((f, ctx) => {
  if (f.action === 'discard') return { discard: true as const }
  const framework = field(ctx, 'framework', FIELD.framework, f.framework)
  const inspectionStart = dateField(ctx, f, 'inspectionStart', 'the first day of the inspection')
  const inspectionEnd = dateField(ctx, f, 'inspectionEnd', 'the last day of the inspection')
  if (inspectionStart && inspectionEnd && inspectionEnd < inspectionStart)
    ctx.addIssue({ code: 'custom', path: ['inspectionEnd'], message: REVIEW_MESSAGES.endBeforeStart })
  const published = dateField(ctx, f, 'published', 'the publication date')
  const judgementRows = judgements(ctx, f)
  const lscbJudgement = field(ctx, 'lscbJudgement', FIELD.lscb, f.lscbJudgement ?? '')
  const recommendationRows = recommendations(ctx, f)
  const laOverrideReason = field(ctx, 'laOverrideReason', FIELD.overrideReason, f.laOverrideReason ?? '')
  if (f.checked !== 'yes') ctx.addIssue({ code: 'custom', path: ['checked'], message: REVIEW_MESSAGES.checked })
  const report = {
    framework,
    inspectionStart,
    inspectionEnd,
    published,
    judgements: judgementRows,
    lscbJudgement,
    recommendations: recommendationRows,
    laOverrideReason,
  }
  return { discard: false as const, report }
})

export type ReviewedReport = Extract<z.output<typeof reviewFormSchema>, { discard: false }>['report']

/** Saves the report a person confirmed on the review page (or discards the staged import). */
export const confirmImportCommand = defineCommand({
  name: 'report.confirm-import',
  permission: 'report:import',
  schema: reviewFormSchema,
  async run(deps: { importer: ReportImportService; on: { token: string; laCode: string } }, input, actor: PlanActor) {
    const { token, laCode } = deps.on
    if (input.discard) {
      deps.importer.discard(token, laCode, actor)
      return null
    }
    return deps.importer.confirm(token, laCode, input.report, actor)
  },
})
