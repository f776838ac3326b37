import { GRADES, type Grade } from '../../engine/grades.ts'
import type { ConfirmedReport } from './importReport.ts'
import type { Extraction } from './reportReader.ts'

/** The extraction as a report to save unchanged (CLI import): grades spelt as Sightline spells them. */
export function extractionAsReport(e: Extraction, laCode: string): ConfirmedReport {
  // 'Adequate' (the third grade before 2013) is saved as Ofsted's outcome files record it; the reader flagged it.
  const grade = (g: string | null) =>
    g
      ? ((GRADES.find((x) => x.toLowerCase() === g.trim().toLowerCase()) ??
          (/^adequate$/i.test(g.trim()) ? 'Requires improvement' : g)) as Grade)
      : null
  return {
    laCode,
    framework: (e.framework ?? 'other') as ConfirmedReport['framework'],
    inspectionStart: e.inspectionStart,
    inspectionEnd: e.inspectionEnd,
    published: e.published,
    judgements: e.judgements.map((j) => ({ area: j.area, grade: grade(j.grade)! })),
    lscbJudgement: grade(e.lscbJudgement),
    recommendations: e.recommendations,
    flags: e.flags ?? [],
    extraction: e,
  }
}
