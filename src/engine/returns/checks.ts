import type { DataIssue } from '../publicData/issues.ts'
import { parseDate, parseInteger, parseYesNo } from './values.ts'
import type { ReadContext } from './format.ts'

/** A value as the issue shows it: a spreadsheet date as its day, anything else as text (at most 200 characters). */
const shown = (value: unknown) =>
  value instanceof Date && !Number.isNaN(value.getTime())
    ? value.toISOString().slice(0, 10)
    : String(value).slice(0, 200)

/** Where a value came from, for its issue: the sheet or list, the row (line or child number), the column. */
export interface Where {
  sheet?: string
  row?: number
  column: string
}

/**
 * Field checks shared by every reader: each parses one value and, when it cannot be used as it is, records an issue
 * in the one shape (an error when the value is unusable, a warning when it is used with caution) and carries on.
 */
export class FieldChecks {
  constructor(
    private ctx: ReadContext,
    private source: string,
  ) {}

  issue(severity: DataIssue['severity'], where: Where, value: unknown, message: string) {
    this.ctx.issue({
      severity,
      source: this.source,
      ...(where.sheet ? { sheet: where.sheet } : {}),
      ...(where.row !== undefined ? { row: where.row } : {}),
      column: where.column,
      ...(value !== undefined && value !== null && value !== '' ? { value: shown(value) } : {}),
      message,
    })
  }

  /** A date: unreadable is an error (blanked); after the as-at date or before the child's birth, a warning. */
  date(value: unknown, where: Where, birth?: string | null): string | null {
    const iso = parseDate(value)
    if (iso === undefined) {
      this.issue('error', where, value, 'is not a date (use DD/MM/YYYY or YYYY-MM-DD)')
      return null
    }
    if (iso === null) return null
    if (iso > this.ctx.asAt) this.issue('warning', where, value, `is after the as-at date (${this.ctx.asAt})`)
    else if (birth && iso < birth) this.issue('warning', where, value, `is before the child's date of birth`)
    return iso
  }

  required(value: string | null, where: Where, what: string): value is string {
    if (value !== null) return true
    this.issue('error', where, undefined, `${what} is missing, so the row cannot be used`)
    return false
  }

  yesNo(value: unknown, where: Where): boolean | null {
    const b = parseYesNo(value)
    if (b === undefined) {
      this.issue('warning', where, value, 'is not a yes or no answer; left blank')
      return null
    }
    return b
  }

  integer(value: unknown, where: Where): number | null {
    const n = parseInteger(value)
    if (n === undefined || (n !== null && n < 0)) {
      this.issue('error', where, value, 'is not a whole number')
      return null
    }
    return n
  }

  /** Start and end in order; an end before its start is a warning. */
  order(start: string | null, end: string | null, where: Where, what: string) {
    if (start && end && end < start) this.issue('warning', where, end, `${what} ends before it starts (${start})`)
  }
}
