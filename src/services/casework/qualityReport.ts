import type { CaseworkStore } from '../../engine/casework/store.ts'
import { toCsv } from '../../engine/csv.ts'

export interface QualityFilter {
  severity?: 'error' | 'warning'
  source?: string
  /** The list, sheet or table (entity) of the file: 'List 7', 'episodes'. */
  sheet?: string
  /** Words in the message, column or value. */
  q?: string
}

export interface QualityIssue {
  severity: 'error' | 'warning'
  source: string
  sheet: string | null
  row: number | null
  column: string | null
  value: string | null
  message: string
}

const COLUMNS: Array<keyof QualityIssue & string> = ['severity', 'source', 'sheet', 'row', 'column', 'value', 'message']
const HEADINGS = ['Severity', 'File or source', 'Sheet or list', 'Row', 'Column', 'Value', 'Problem']

function where(snapshotId: number, f: QualityFilter) {
  const clauses = ['snapshot_id = $id']
  const params: Record<string, string | number> = { id: snapshotId }
  if (f.severity) {
    clauses.push('severity = $severity')
    params.severity = f.severity
  }
  if (f.source) {
    clauses.push('source = $source')
    params.source = f.source
  }
  if (f.sheet) {
    clauses.push('sheet = $sheet')
    params.sheet = f.sheet
  }
  if (f.q) {
    clauses.push(`(message ILIKE $q OR column_name ILIKE $q OR value ILIKE $q)`)
    params.q = `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`
  }
  return { sql: clauses.join(' AND '), params }
}

/** The data-quality issues of one snapshot, filtered, in file and row order (a page of them, or all). */
export async function qualityIssues(
  store: CaseworkStore,
  snapshotId: number,
  f: QualityFilter = {},
  page?: { offset: number; limit: number },
): Promise<{ issues: QualityIssue[]; total: number }> {
  const w = where(snapshotId, f)
  const [{ n }] = await store.rows<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM data_issue WHERE ${w.sql}`,
    w.params,
  )
  const limit = page ? `LIMIT ${Math.floor(page.limit)} OFFSET ${Math.floor(page.offset)}` : ''
  const issues = await store.rows<QualityIssue>(
    `SELECT severity, source, sheet, row_number AS "row", column_name AS "column", value, message FROM data_issue
     WHERE ${w.sql} ORDER BY source, sheet NULLS FIRST, row_number NULLS FIRST, severity ${limit}`,
    w.params,
  )
  return { issues, total: n }
}

/** The files and sources a snapshot's issues came from, for the filter. */
export async function qualitySources(store: CaseworkStore, snapshotId: number): Promise<string[]> {
  const rows = await store.rows<{ source: string }>(
    'SELECT DISTINCT source FROM data_issue WHERE snapshot_id = $id ORDER BY source',
    { id: snapshotId },
  )
  return rows.map((r) => r.source)
}

/** The lists, sheets and tables (entities) a snapshot's issues name, for the filter. */
export async function qualitySheets(store: CaseworkStore, snapshotId: number): Promise<string[]> {
  const rows = await store.rows<{ sheet: string }>(
    'SELECT DISTINCT sheet FROM data_issue WHERE snapshot_id = $id AND sheet IS NOT NULL ORDER BY sheet',
    { id: snapshotId },
  )
  return rows.map((r) => r.sheet)
}

export function qualityCsv(issues: QualityIssue[]): string {
  return toCsv(issues, COLUMNS, HEADINGS)
}

export async function qualityXlsx(issues: QualityIssue[]): Promise<Buffer> {
  // exceljs takes a third of a second to load: loaded when a workbook is made, not by every start and command.
  const wb = new (await import('exceljs')).default.Workbook()
  wb.creator = 'Sightline'
  const ws = wb.addWorksheet('Data quality')
  ws.addRow(HEADINGS).font = { bold: true }
  for (const i of issues) ws.addRow(COLUMNS.map((c) => i[c] ?? ''))
  ws.columns.forEach((c, n) => (c.width = [10, 30, 14, 8, 30, 20, 80][n]))
  return Buffer.from(await wb.xlsx.writeBuffer())
}
