import Papa from 'papaparse'
import type { DataIssue } from './issues.ts'

export interface CsvRow {
  /** 1-based line number in the file (the header is line 1 unless the table starts lower). */
  line: number
  cells: string[]
  get(column: string): string
}

export interface CsvTable {
  header: string[]
  rows: CsvRow[]
}

/** Header cells compared loosely: trimmed, case-folded, BOM and curly quotes removed, runs of spaces collapsed. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

/**
 * Reads CSV text into rows addressed by header name. Handles a UTF-8 BOM, CRLF, quoted fields. Checks that the
 * required columns exist (an error naming the missing ones otherwise) and that rows have the header's width.
 * @example readCsv('a,b\n1,2\n', 'x.csv', ['a']).table?.rows[0].get('b') // '2'
 */
export function readCsv(
  text: string,
  source: string,
  required: string[],
  options: { headerLine?: number; stopAt?: (cells: string[]) => boolean } = {},
): { table?: CsvTable; issues: DataIssue[] } {
  const issues: DataIssue[] = []
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: false })
  for (const e of parsed.errors.slice(0, 20)) {
    if (e.code === 'UndetectableDelimiter') continue
    issues.push({ severity: 'error', source, row: (e.row ?? 0) + 1, message: `malformed CSV: ${e.message}` })
  }
  const data = parsed.data
  const headerIndex = (options.headerLine ?? 1) - 1
  const header = (data[headerIndex] ?? []).map((h) => h.replace(/^\uFEFF/, '').trim())
  const index = new Map<string, number>()
  header.forEach((h, i) => {
    const key = normaliseHeader(h)
    if (!index.has(key)) index.set(key, i)
  })
  const missing = required.filter((r) => !index.has(normaliseHeader(r)))
  if (!header.length || missing.length) {
    issues.push({
      severity: 'error',
      source,
      row: headerIndex + 1,
      message: header.length
        ? `missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`
        : 'the file is empty',
    })
    return { issues }
  }
  const rows: CsvRow[] = []
  for (let i = headerIndex + 1; i < data.length; i++) {
    const cells = data[i]
    if (cells.every((c) => c.trim() === '')) continue
    if (options.stopAt?.(cells)) break
    const line = i + 1
    if (cells.length < header.length && cells.length > 1)
      issues.push({
        severity: 'error',
        source,
        row: line,
        message: `expected ${header.length} columns, found ${cells.length}`,
      })
    rows.push({
      line,
      cells,
      get: (column: string) => {
        const at = index.get(normaliseHeader(column))
        return at === undefined ? '' : (cells[at] ?? '').trim()
      },
    })
  }
  return { table: { header, rows }, issues }
}
