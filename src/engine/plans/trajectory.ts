import { monthStart } from './reports.ts'

/**
 * A KPI's trajectory (its monthly targets) as typed or pasted from a spreadsheet: one value per line (a column copied
 * from a spreadsheet), months counted on from the first month given; or a month and a value on each line, separated by
 * a tab (two columns copied), a comma or a space. Months as 2014-04, 04/2014 or Apr 2014; values may carry % or
 * thousands separators.
 */

export const TRAJECTORY_MESSAGES = {
  from: 'Enter the month of the first target, for example 2014-04, or put a month before each value',
  value: (line: number, text: string) =>
    `Line ${line}: “${text}” is not a number: enter one target per line, for example 75`,
  month: (line: number, text: string) => `Line ${line}: “${text}” is not a month: enter it as 2014-04 or Apr 2014`,
  twice: (line: number, month: string) => `Line ${line}: ${month} has two targets: enter each month once`,
  tooMany: 'Enter at most 120 monthly targets',
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** '2014-04', '2014-04-01', '04/2014', '4/2014', 'Apr 2014', 'April 2014', 'Apr-14' -> '2014-04-01'. */
export function parseMonth(text: string): string | undefined {
  const s = text.trim()
  const iso = monthStart(s)
  if (iso) return iso
  const slash = /^(\d{1,2})\/(\d{4})$/.exec(s)
  if (slash) return monthStart(`${slash[2]}-${slash[1].padStart(2, '0')}`)
  const named = /^([A-Za-z]{3})[a-z]*[\s-]+(\d{2}|\d{4})$/.exec(s)
  if (!named) return undefined
  const m = MONTHS.indexOf(named[1].toLowerCase())
  if (m < 0) return undefined
  const year = named[2].length === 2 ? `20${named[2]}` : named[2]
  return `${year}-${String(m + 1).padStart(2, '0')}-01`
}

/** '75', '75%', '1,250', ' -2.5 ' -> a number; anything else undefined. */
export function parseTarget(text: string): number | undefined {
  const s = text
    .trim()
    .replace(/%$/, '')
    .replace(/,(?=\d{3}\b)/g, '')
    .trim()
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined
  return Number(s)
}

function addMonths(month: string, n: number) {
  const [y, m] = month.split('-').map(Number)
  const i = y * 12 + (m - 1) + n
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`
}

export type TrajectoryResult =
  | { ok: true; points: Array<{ month: string; value: number }> }
  | { ok: false; field: 'trajectory' | 'trajectoryFrom'; message: string }

/**
 * @example parseTrajectory('65\n70\n75', '2014-04') // { ok: true, points: [{ month: '2014-04-01', value: 65 }, ...] }
 * @example parseTrajectory('Apr 2014\t65\nMay 2014\t70', '') // two points, months from the lines
 */
export function parseTrajectory(text: string, from: string): TrajectoryResult {
  const lines = text
    .split(/\r?\n/)
    .map((l, i) => ({ n: i + 1, text: l.trim() }))
    .filter((l) => l.text)
  if (lines.length > 120) return { ok: false, field: 'trajectory', message: TRAJECTORY_MESSAGES.tooMany }
  const points: Array<{ month: string; value: number }> = []
  const start = from.trim() ? parseMonth(from) : undefined
  if (from.trim() && !start) return { ok: false, field: 'trajectoryFrom', message: TRAJECTORY_MESSAGES.from }
  for (const [i, line] of lines.entries()) {
    // Two columns: split on a tab, else on the last comma or space before the value.
    const cells = line.text.includes('\t')
      ? line.text.split('\t')
      : (/^(.*\S)[\s,]+(\S+)$/.exec(line.text)?.slice(1) ?? [line.text])
    const twoColumns = cells.length >= 2 && parseTarget(cells[0]) === undefined
    const valueText = twoColumns ? cells[cells.length - 1] : line.text
    const value = parseTarget(valueText)
    if (value === undefined)
      return { ok: false, field: 'trajectory', message: TRAJECTORY_MESSAGES.value(line.n, valueText.trim()) }
    let month: string | undefined
    if (twoColumns) {
      month = parseMonth(
        cells
          .slice(0, -1)
          .join(' ')
          .replace(/[\s,]+$/, ''),
      )
      if (!month) return { ok: false, field: 'trajectory', message: TRAJECTORY_MESSAGES.month(line.n, cells[0].trim()) }
    } else {
      if (!start) return { ok: false, field: 'trajectoryFrom', message: TRAJECTORY_MESSAGES.from }
      month = addMonths(start, i)
    }
    if (points.some((p) => p.month === month))
      return { ok: false, field: 'trajectory', message: TRAJECTORY_MESSAGES.twice(line.n, month.slice(0, 7)) }
    points.push({ month, value })
  }
  return { ok: true, points: points.sort((a, b) => a.month.localeCompare(b.month)) }
}
