import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Papa from 'papaparse'

/**
 * Working days in England (domain.md §5): Monday to Friday, excluding England and Wales bank holidays, shipped as
 * data for 2010-2030 (data/public/bank-holidays-england-and-wales-2010-2030.csv). Dates are ISO 'YYYY-MM-DD' strings.
 */
const FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'data',
  'public',
  'bank-holidays-england-and-wales-2010-2030.csv',
)

let holidays: Map<string, string> | undefined
export const COVERED_YEARS = { from: 2010, to: 2030 }

export function bankHolidays(): Map<string, string> {
  if (!holidays) {
    holidays = new Map()
    const rows = Papa.parse<string[]>(fs.readFileSync(FILE, 'utf8'), { skipEmptyLines: true }).data.slice(1)
    for (const [date, title] of rows)
      if (/^\d{4}-\d{2}-\d{2}$/.test(date?.trim() ?? '')) holidays.set(date.trim(), title ?? '')
  }
  return holidays
}

function toDate(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) throw new RangeError(`Not an ISO date: ${iso}`)
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
}
const iso = (d: Date) => d.toISOString().slice(0, 10)

function checkCovered(day: string) {
  const y = Number(day.slice(0, 4))
  if (y < COVERED_YEARS.from || y > COVERED_YEARS.to)
    throw new RangeError(
      `Bank holidays are known for ${COVERED_YEARS.from}-${COVERED_YEARS.to} only; ${day} is outside them`,
    )
}

/** @example isWorkingDay('2014-05-26') // false (spring bank holiday) */
export function isWorkingDay(day: string): boolean {
  checkCovered(day)
  const dow = toDate(day).getUTCDay()
  return dow !== 0 && dow !== 6 && !bankHolidays().has(day)
}

export function addDays(day: string, n: number): string {
  const d = toDate(day)
  d.setUTCDate(d.getUTCDate() + n)
  return iso(d)
}

/**
 * The deadline "within n working days of start": start is day 0 (if it is not a working day, counting starts from the
 * next working day, the Sightline convention) and the deadline is n working days later.
 * @example addWorkingDays('2014-05-23', 45) // '2014-07-29'
 */
export function addWorkingDays(start: string, n: number): string {
  let day = start
  while (!isWorkingDay(day)) day = addDays(day, 1)
  let left = n
  while (left > 0) {
    day = addDays(day, 1)
    if (isWorkingDay(day)) left--
  }
  return day
}

/** Working days after start up to and including end (0 when end <= start). @example workingDaysBetween('2014-05-23', '2014-05-27') // 1 */
export function workingDaysBetween(start: string, end: string): number {
  let n = 0
  for (let day = addDays(start, 1); day <= end; day = addDays(day, 1)) if (isWorkingDay(day)) n++
  return n
}

/** Same day of the month n months later, clamped to the month's end. @example addMonths('2014-08-31', 6) // '2015-02-28' */
export function addMonths(day: string, n: number): string {
  const d = toDate(day)
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1))
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d.getUTCDate(), last))
  return iso(target)
}
