/**
 * CIN census collection years (year ending 31 March) and what changed in the XML from one year to the next, as in
 * the DfE's CIN_schema_YYYY.xsd: each year is the previous year's declaration plus its changes. The reader accepts
 * either spelling of a changed element in any year (councils' software lags) and warns when a file uses one its
 * year does not have.
 */
export interface CinYear {
  /** Element carrying the child's sex: GenderCurrent (1/2/0/9) until 2023-24, Sex (M/F/U) from 2024-25. */
  sexElement: 'GenderCurrent' | 'Sex'
  /** CINPlanDates (CIN plan start and end) collected. */
  cinPlanDates: boolean
}

const FIRST: CinYear = { sexElement: 'GenderCurrent', cinPlanDates: false }
const CHANGES: Record<number, Partial<CinYear>> = {
  2022: { cinPlanDates: true },
  2025: { sexElement: 'Sex' },
}

export const CIN_FIRST_YEAR = 2014
export const CIN_LAST_YEAR = 2026

export const CIN_YEARS: ReadonlyMap<number, CinYear> = (() => {
  const years = new Map<number, CinYear>()
  let year = FIRST
  for (let y = CIN_FIRST_YEAR; y <= CIN_LAST_YEAR; y++) {
    year = { ...year, ...CHANGES[y] }
    years.set(y, year)
  }
  return years
})()

export const CIN_VERSIONS = [...CIN_YEARS.keys()].map(String)
