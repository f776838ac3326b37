/**
 * Every layout family the reader knows, in the order they are tried: the first whose detect() accepts the report reads
 * it. To read a new layout, add a module with a LayoutFamily here; nothing else in the reader names a framework.
 */
import type { ReportText } from '../reportText.ts'
import type { LayoutFamily } from './family.ts'
import { focusedVisit, ilacsShort, ilacsStandard, monitoringVisit } from './ilacs.ts'
import { pre2013LookedAfter, pre2013Safeguarding } from './pre2013.ts'
import { lscbReview, sif, sifReinspection } from './sif.ts'

export type { LayoutFamily } from './family.ts'

export const FAMILIES: LayoutFamily[] = [
  monitoringVisit,
  focusedVisit,
  ilacsStandard,
  ilacsShort,
  sif,
  sifReinspection,
  lscbReview,
  pre2013LookedAfter,
  pre2013Safeguarding,
]

export function familyOf(doc: ReportText): LayoutFamily | null {
  return FAMILIES.find((f) => f.detect(doc)) ?? null
}
