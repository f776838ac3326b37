import { GRADES } from '../../engine/grades.ts'

/** The region and Ofsted grade filters of the overview and the risk ranking, as GOV.UK select items. */
export const regionGradeItems = (regions: string[], chosen: { region?: string | null; grade?: string | null }) => ({
  regionItems: [
    { value: '', text: 'All regions' },
    ...regions.map((r) => ({ value: r, text: r, selected: r === chosen.region })),
  ],
  gradeItems: [
    { value: '', text: 'Any grade' },
    ...GRADES.map((g) => ({ value: g, text: g, selected: g === chosen.grade })),
  ],
})
