import { bankHolidays, COVERED_YEARS } from '../../calendar/workingDays.ts'

let sql: string[] | undefined

/**
 * The working-day table the indicator SQL joins: every day of the shipped England and Wales calendar with `working`
 * and `idx`, the number of working days up to and including it. So `workingDaysBetween(d, e)` is
 * `idx(e) - idx(d)` (floored at 0), and `addWorkingDays(d, n)` is the working day whose idx is
 * `idx(d) + n` (+ 1 when d is not a working day).
 * DuckDB generates the days and counts the working ones (Monday to Friday, not a bank holiday): only the bank holidays
 * are listed, so the statement is a few KB, not one row per day (about 7,700, which took DuckDB longer to parse than
 * every indicator's query together on a small council). calendar.test.ts checks every day against workingDays.ts.
 */
export function calendarSql(): string[] {
  if (sql) return sql
  const holidays = [...bankHolidays().keys()].map((d) => `DATE '${d}'`).join(', ')
  const days = `range(DATE '${COVERED_YEARS.from}-01-01', DATE '${COVERED_YEARS.to + 1}-01-01', INTERVAL 1 DAY) t(d)`
  sql = [
    `CREATE OR REPLACE TEMP TABLE wd_day (day DATE PRIMARY KEY, idx INTEGER NOT NULL, working BOOLEAN NOT NULL)`,
    `INSERT INTO wd_day SELECT day, (sum(working::INTEGER) OVER (ORDER BY day))::INTEGER, working FROM (
       SELECT d::DATE AS day, isodow(d) < 6 AND d::DATE NOT IN (${holidays}) AS working FROM ${days}) ORDER BY day`,
  ]
  return sql
}

/** SQL for the deadline "within n working days of" the date expression `date` (a DATE). */
export const workingDeadline = (date: string, n: number) =>
  `(SELECT w.day FROM wd_day w, wd_day c WHERE c.day = ${date} AND w.working
     AND w.idx = c.idx + (CASE WHEN c.working THEN 0 ELSE 1 END) + ${n})`

/** SQL for workingDaysBetween(from, to) over two DATE expressions. */
export const workingDaysBetween = (from: string, to: string) =>
  `greatest(0, (SELECT idx FROM wd_day WHERE day = ${to}) - (SELECT idx FROM wd_day WHERE day = ${from}))`
