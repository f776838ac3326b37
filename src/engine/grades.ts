/** Ofsted's four grades as Sightline spells them (domain.md §2.1), best first. */
export const GRADES = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'] as const
export type Grade = (typeof GRADES)[number]

/** 1 = Outstanding ... 4 = Inadequate (Ofsted's own numbering). @example gradeRank('Inadequate') // 4 */
export function gradeRank(grade: Grade): number {
  return GRADES.indexOf(grade) + 1
}
