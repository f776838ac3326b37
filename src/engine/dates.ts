export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** '2014-05-23' -> '23 May 2014' (GOV.UK date style). */
export function formatDate(value: unknown): string {
  if (!value) return ''
  const iso = value instanceof Date ? value.toISOString() : String(value)
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`
}

/** Every ISO date written inside a text as a person reads it: 'after the as-at date (2014-03-31)' -> '(31 March 2014)'. */
export function readableDates(value: unknown): string {
  if (value === null || value === undefined) return ''
  return String(value).replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (iso, y: string, m: string, d: string) =>
    Number(m) >= 1 && Number(m) <= 12 && Number(d) >= 1 && Number(d) <= 31 ? formatDate(`${y}-${m}-${d}`) : iso,
  )
}

/** '2014-09-01' (or '2014-09') -> 'September 2014'. */
export function formatMonth(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`
}
