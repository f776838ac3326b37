import { addDays, COVERED_YEARS, isWorkingDay } from '../../calendar/workingDays.ts'

/**
 * The working-day table the indicator SQL joins: every day of the shipped England and Wales calendar with `working`
 * and `idx`, the number of working days up to and including it. So `workingDaysBetween(d, e)` is
 * `idx(e) - idx(d)` (floored at 0), and `addWorkingDays(d, n)` is the working day whose idx is
 * `idx(d) + n` (+ 1 when d is not a working day).
 */
export function calendarSql(): string[] {
  const values: string[] = []
  let idx = 0
  for (let day = `${COVERED_YEARS.from}-01-01`; day <= `${COVERED_YEARS.to}-12-31`; day = addDays(day, 1)) {
    const working = isWorkingDay(day)
    if (working) idx++
    values.push(`('${day}'::DATE, ${idx}, ${working})`)
  }
  return [
    `CREATE OR REPLACE TEMP TABLE wd_day (day DATE PRIMARY KEY, idx INTEGER NOT NULL, working BOOLEAN NOT NULL)`,
    `INSERT INTO wd_day VALUES ${values.join(', ')}`,
  ]
}

/** SQL for the deadline "within n working days of" the date expression `date` (a DATE). */
export const workingDeadline = (date: string, n: number) =>
  `(SELECT w.day FROM wd_day w, wd_day c WHERE c.day = ${date} AND w.working
     AND w.idx = c.idx + (CASE WHEN c.working THEN 0 ELSE 1 END) + ${n})`

/** SQL for workingDaysBetween(from, to) over two DATE expressions. */
export const workingDaysBetween = (from: string, to: string) =>
  `greatest(0, (SELECT idx FROM wd_day WHERE day = ${to}) - (SELECT idx FROM wd_day WHERE day = ${from}))`
