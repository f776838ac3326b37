import { bankHolidays, COVERED_YEARS } from '../calendar/workingDays.ts'

/**
 * Fast day arithmetic for the simulator: a day is an integer (days since 1970-01-01, UTC). Working days follow the
 * shipped England and Wales bank holidays (src/engine/calendar), precomputed once into a prefix count so that
 * "within N working days" and "working days between" are array look-ups at national scale. Same conventions as
 * src/engine/calendar/workingDays.ts (docs/indicators.md).
 */
export type Day = number

const MS = 86_400_000
export const dayOf = (iso: string): Day => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / MS
export const isoOf = (d: Day): string => new Date(d * MS).toISOString().slice(0, 10)

/** DD/MM/YYYY, as Annex A and the SSDA903 CSVs write dates. */
export function ukOf(d: Day): string {
  const s = isoOf(d)
  return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`
}

const FIRST = dayOf(`${COVERED_YEARS.from}-01-01`)
const LAST = dayOf(`${COVERED_YEARS.to}-12-31`)
let cumulative: Int32Array | undefined
let working: Int32Array | undefined

function tables() {
  if (!cumulative || !working) {
    const holidays = bankHolidays()
    cumulative = new Int32Array(LAST - FIRST + 1)
    const list: number[] = []
    let n = 0
    for (let d = FIRST; d <= LAST; d++) {
      const dow = new Date(d * MS).getUTCDay()
      if (dow !== 0 && dow !== 6 && !holidays.has(isoOf(d))) {
        n++
        list.push(d)
      }
      cumulative[d - FIRST] = n
    }
    working = Int32Array.from(list)
  }
  return { cumulative, working }
}

export const DAY_RANGE = { first: FIRST, last: LAST }

function check(d: Day) {
  if (d < FIRST || d > LAST)
    throw new RangeError(`Bank holidays are known for ${COVERED_YEARS.from}-${COVERED_YEARS.to} only`)
}

export function isWorking(d: Day): boolean {
  check(d)
  const c = tables().cumulative
  return d === FIRST ? c[0] === 1 : c[d - FIRST] > c[d - FIRST - 1]
}

/** The deadline "within n working days of d" (d is day 0; a non-working d counts from the next working day). */
export function addWorking(d: Day, n: number): Day {
  check(d)
  const { cumulative: c, working: w } = tables()
  const idx = isWorking(d) ? c[d - FIRST] - 1 : c[d - FIRST]
  return w[Math.min(idx + n, w.length - 1)]
}

/** Working days after a up to and including b (0 when b <= a). */
export function workingBetween(a: Day, b: Day): number {
  if (b <= a) return 0
  check(a)
  check(b)
  const c = tables().cumulative
  return c[b - FIRST] - c[a - FIRST]
}

/** Same day of the month n months later, clamped to the month's end. */
export function addMonthsDay(d: Day, n: number): Day {
  const date = new Date(d * MS)
  const y = date.getUTCFullYear()
  const m = date.getUTCMonth() + n
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  return Date.UTC(y, m, Math.min(date.getUTCDate(), last)) / MS
}

/** Whole years of age on day d for a child born on dob. */
export function ageOn(dob: Day, d: Day): number {
  const a = new Date(dob * MS)
  const b = new Date(d * MS)
  let age = b.getUTCFullYear() - a.getUTCFullYear()
  if (b.getUTCMonth() < a.getUTCMonth() || (b.getUTCMonth() === a.getUTCMonth() && b.getUTCDate() < a.getUTCDate()))
    age--
  return age
}
