const MONTHS = [
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
