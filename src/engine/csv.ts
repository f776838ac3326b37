import Papa from 'papaparse'

const FORMULA_START = /^[=+\-@\t\r]/

/** A cell as text: numbers rounded to 6 decimals (non-finite -> empty), text that a spreadsheet would run as a formula prefixed with an apostrophe. */
function downloadCell(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toFixed(6))) : ''
  const s = String(v)
  return FORMULA_START.test(s) ? `'${s}` : s
}

/**
 * Writes CSV (RFC 4180, papaparse) for downloads. Cells that a spreadsheet would run as a formula (= + - @ tab CR at
 * the start) are prefixed with an apostrophe, so a downloaded file can never execute anything.
 * @example toCsv([{ a: 1, b: 'x,y' }], ['a', 'b']) // 'a,b\r\n1,"x,y"\r\n'
 */
export function toCsv<T extends object>(rows: T[], columns: Array<keyof T & string>, headers?: string[]): string {
  const data = rows.map((r) => columns.map((c) => downloadCell((r as Record<string, unknown>)[c])))
  const fields = (headers ?? columns).map(downloadCell)
  return Papa.unparse({ fields, data }, { newline: '\r\n' }) + '\r\n'
}

/**
 * CSV body for PostgreSQL's COPY: no header, only quoting (no formula guard: a '-' symbol must stay '-'). An empty
 * unquoted field is NULL; an empty string is written quoted.
 * @example toCopyCsv([{ a: null, b: '' }], ['a', 'b']) // ',""'
 */
export function toCopyCsv<T extends object>(rows: T[], columns: Array<keyof T & string>): string {
  const data = rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c] ?? null))
  return Papa.unparse(data, { newline: '\n', quotes: (value: unknown) => value === '' })
}
