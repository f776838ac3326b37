import { GRADES } from '../../../../../engine/grades.ts'
import type { Extraction } from '../../../../../services/reports/reportImportService.ts'
import { normaliseAddressee } from '../../../../../engine/plans/reports.ts'

/**
 * The extraction as the import review page's flat form fields (read back by confirmImportCommand's schema,
 * src/services/reports/confirmImport.ts). Rows: j-{i}-area/grade (judgements), r-{i}-number/category/addressee/text
 * (recommendations), with r-{i}-remove and j-{i}-remove to drop a wrongly extracted row.
 */
export type ReviewFields = Record<string, string | undefined>

const gradeOf = (v: string | null | undefined): string => {
  if (!v) return ''
  const g = GRADES.find((x) => x.toLowerCase() === v.trim().toLowerCase())
  // 'Adequate' (grade 3 before 2013) is offered as Ofsted's outcome files record it; the reader flags it beside the field.
  return g ?? (/requires improvement|^adequate$/i.test(v.trim()) ? 'Requires improvement' : v)
}

/** The PDF page the reader found a row on (engine/inspections/model.ts), as a form value; '' when unknown. */
const pageOf = (row: object): string => {
  const page = (row as { page?: unknown }).page
  return typeof page === 'number' && Number.isInteger(page) && page > 0 ? String(page) : ''
}

/**
 * The page each row was read from, for the review page's evidence links: j-{i} and r-{i} -> the page number, or null
 * for a row the reviewer added (or a value that is not a page number, since the form can be posted back as anything).
 */
export function evidencePages(values: ReviewFields): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  for (const [key, value] of Object.entries(values)) {
    const m = /^([jr]-\d+)-page$/.exec(key)
    if (m) out[m[1]] = value && /^\d{1,4}$/.test(value) ? Number(value) : null
  }
  return out
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
    f[`j-${i}-page`] = pageOf(j)
  })
  e.recommendations.forEach((r, i) => {
    f[`r-${i}-number`] = r.number ?? ''
    f[`r-${i}-category`] = r.category
    f[`r-${i}-addressee`] = normaliseAddressee(r.addressee ?? '') ?? ''
    f[`r-${i}-text`] = r.text
    f[`r-${i}-theme`] = r.theme ?? ''
    f[`r-${i}-page`] = pageOf(r)
  })
  return f
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
