/**
 * One casework indicator as written in docs/indicators.md: its id (truth.json's key), what it counts and the SQL that
 * counts it over one snapshot. The SQL returns one row `{ numerator, denominator }` and may use the parameters
 * `$s` (snapshot id), `$a` (as-at date), `$y` (start of the year, exclusive), `$h` (start of the half year, exclusive)
 * and the working-day table `wd_day(day, idx, working)` (calendar.ts).
 */
export type IndicatorUnit = 'percent' | 'count' | 'ratio'

export interface IndicatorDefinition {
  id: string
  title: string
  definition: string
  basis: string
  polarity: 'higherIsBetter' | 'lowerIsBetter'
  unit: IndicatorUnit
  numerator: string
  denominator: string
  /** Tables that must hold rows in the snapshot, with the source that fills them (named when missing). */
  needs: Array<{ table: string; source: string; format?: string }>
  sql: string
}

export interface IndicatorValue {
  id: string
  title: string
  value: number | null
  numerator: number | null
  denominator: number | null
  unit: IndicatorUnit
  /** Why there is no value: a missing source or a zero denominator. */
  note?: string
}

export const defineIndicator = (d: IndicatorDefinition): IndicatorDefinition => d

/** docs/indicators.md: percent and ratio rounded half away from zero to 1 place; a count is its numerator. */
export function indicatorValue(unit: IndicatorUnit, numerator: number, denominator: number | null): number | null {
  if (unit === 'count') return numerator
  if (!denominator) return null
  const x = unit === 'percent' ? (100 * numerator) / denominator : numerator / denominator
  return (Math.sign(x) * Math.round(Math.abs(x) * 10 + 1e-9)) / 10
}
