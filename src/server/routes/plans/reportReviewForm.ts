import { GRADES } from '../../../engine/grades.ts'
import type { Extraction } from '../../../services/reports/reportImportService.ts'
import { normaliseAddressee } from '../../../engine/plans/reports.ts'

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
