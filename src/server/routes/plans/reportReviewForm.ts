import { GRADES, type Grade } from '../../../engine/grades.ts'
import type { Extraction } from '../../../services/reports/reportImportService.ts'
import { FRAMEWORKS, normaliseAddressee, type Framework } from '../../../engine/plans/reports.ts'
import type { ConfirmedReport } from '../../../services/reports/importReport.ts'

/**
 * The import review page as flat form fields and back. Every extracted value is shown in an editable field; the
 * person confirms or corrects each one. Rows: j-{i}-area/grade (judgements), r-{i}-number/category/addressee/text
 * (recommendations), with r-{i}-remove and j-{i}-remove to drop a wrongly extracted row.
 */
export const REVIEW_MESSAGES = {
  framework: 'Select the inspection framework',
  date: 'Enter a real date, for example 2014-05-23, or leave it empty',
  grade: 'Select the grade as published',
  area: 'Enter the judgement area',
  category: 'Enter the category exactly as the report groups the recommendation',
  addressee: 'Select who the recommendation is for',
  text: 'Enter the recommendation text, or tick remove',
  checked: 'Confirm that you have checked every field against the report',
}

export type ReviewFields = Record<string, string | undefined>

const gradeOf = (v: string | null | undefined): string => {
  if (!v) return ''
  const g = GRADES.find((x) => x.toLowerCase() === v.trim().toLowerCase())
  // 'Adequate' (grade 3 before 2013) is offered as Ofsted's outcome files record it; the reader flags it beside the field.
  return g ?? (/requires improvement|^adequate$/i.test(v.trim()) ? 'Requires improvement' : v)
}

/** The extraction as form values (what the person sees first). */
export function extractionToFields(e: Extraction): ReviewFields {
  const f: ReviewFields = {
    framework: e.framework ?? '',
    inspectionStart: e.inspectionStart ?? '',
    inspectionEnd: e.inspectionEnd ?? '',
    published: e.published ?? '',
    lscbJudgement: gradeOf(e.lscbJudgement),
    judgementCount: String(e.judgements.length),
    recCount: String(e.recommendations.length),
  }
  e.judgements.forEach((j, i) => {
    f[`j-${i}-area`] = j.area
    f[`j-${i}-grade`] = gradeOf(j.grade)
  })
  e.recommendations.forEach((r, i) => {
    f[`r-${i}-number`] = r.number ?? ''
    f[`r-${i}-category`] = r.category
    f[`r-${i}-addressee`] = normaliseAddressee(r.addressee ?? '') ?? ''
    f[`r-${i}-text`] = r.text
    f[`r-${i}-theme`] = r.theme ?? ''
  })
  return f
}

const ISO = /^\d{4}-\d{2}-\d{2}$/
const count = (v: string | undefined) => Math.min(Math.max(Number(v) || 0, 0), 500)

/** Reads the submitted review form: the confirmed report, or errors keyed by field id. */
export function fieldsToReport(f: ReviewFields): {
  report?: Omit<ConfirmedReport, 'laCode' | 'file' | 'flags' | 'extraction'>
  errors: Record<string, string>
} {
  const errors: Record<string, string> = {}
  const date = (key: string) => {
    const v = (f[key] ?? '').trim()
    if (!v) return null
    if (!ISO.test(v) || Number.isNaN(Date.parse(v))) errors[key] = REVIEW_MESSAGES.date
    return v
  }
  if (!FRAMEWORKS.includes(f.framework as Framework)) errors.framework = REVIEW_MESSAGES.framework
  const inspectionStart = date('inspectionStart')
  const inspectionEnd = date('inspectionEnd')
  const published = date('published')
  const lscb = (f.lscbJudgement ?? '').trim()
  if (lscb && !GRADES.includes(lscb as Grade)) errors.lscbJudgement = REVIEW_MESSAGES.grade
  const judgements: Array<{ area: string; grade: Grade }> = []
  for (let i = 0; i < count(f.judgementCount); i++) {
    if (f[`j-${i}-remove`] === 'yes') continue
    const area = (f[`j-${i}-area`] ?? '').trim()
    const grade = (f[`j-${i}-grade`] ?? '').trim()
    if (!area) errors[`j-${i}-area`] = REVIEW_MESSAGES.area
    if (!GRADES.includes(grade as Grade)) errors[`j-${i}-grade`] = REVIEW_MESSAGES.grade
    judgements.push({ area, grade: grade as Grade })
  }
  const recommendations: Array<{
    number: string | null
    category: string
    addressee: string
    text: string
    theme: string | null
  }> = []
  for (let i = 0; i < count(f.recCount); i++) {
    if (f[`r-${i}-remove`] === 'yes') continue
    const category = (f[`r-${i}-category`] ?? '').trim()
    const addressee = (f[`r-${i}-addressee`] ?? '').trim()
    const text = (f[`r-${i}-text`] ?? '').trim()
    if (!category) errors[`r-${i}-category`] = REVIEW_MESSAGES.category
    if (!normaliseAddressee(addressee)) errors[`r-${i}-addressee`] = REVIEW_MESSAGES.addressee
    if (!text) errors[`r-${i}-text`] = REVIEW_MESSAGES.text
    recommendations.push({
      number: (f[`r-${i}-number`] ?? '').trim() || null,
      category,
      addressee,
      text,
      theme: (f[`r-${i}-theme`] ?? '').trim() || null,
    })
  }
  if (f.checked !== 'yes') errors.checked = REVIEW_MESSAGES.checked
  if (Object.keys(errors).length) return { errors }
  return {
    errors,
    report: {
      framework: f.framework as Framework,
      inspectionStart,
      inspectionEnd,
      published,
      lscbJudgement: (lscb || null) as Grade | null,
      judgements,
      recommendations,
    },
  }
}

/** Extractor flags as messages keyed by form field id where the flag names a field ("recommendations.3.category"). */
export function flagsByField(flags: unknown[] | undefined): { general: string[]; byField: Record<string, string> } {
  const general: string[] = []
  const byField: Record<string, string> = {}
  for (const flag of flags ?? []) {
    if (typeof flag === 'string') {
      general.push(flag)
      continue
    }
    const o = (flag ?? {}) as { field?: string; path?: string; message?: string; reason?: string }
    const message = o.message ?? o.reason ?? JSON.stringify(flag)
    const field = o.field ?? o.path
    const m = field ? /^(recommendations|judgements)\.(\d+)\.(\w+)$/.exec(field) : null
    const id = m ? `${m[1] === 'recommendations' ? 'r' : 'j'}-${m[2]}-${m[3]}` : field
    if (id) byField[id] = byField[id] ? `${byField[id]}; ${message}` : message
    general.push(field ? `${field}: ${message}` : message)
  }
  return { general, byField }
}
