/** A layout family: how to recognise its reports, how to read them, and what its framework requires them to hold. */
import type { FamilyReading, Framework } from '../model.ts'
import type { ReportText } from '../reportText.ts'

export interface LayoutFamily {
  /** Shown in check:reports and kept with the extraction: 'SIF', 'SIF re-inspection', 'ILACS short', ... */
  id: string
  framework: Framework
  detect(doc: ReportText): boolean
  read(doc: ReportText): FamilyReading
  /** The judgement rows a report of this family must have (self-check), each as a name and a test on the area. */
  requiredJudgements: Array<[string, RegExp]>
  /** Whether the report must grade the Local Safeguarding Children Board. */
  requiresLscb: (doc: ReportText) => boolean
  /** Whether a report of this family always makes recommendations. */
  requiresRecommendations: boolean
  /** A letter, dated at its top (the date it was sent is its publication date). */
  datedLetter: boolean
}
