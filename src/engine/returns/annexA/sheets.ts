import fs from 'node:fs'
import { sniffUpload } from '../../uploads/sniff.ts'
import { UnreadableFileError } from '../format.ts'
import { csvTextRows } from '../csvStream.ts'
import { textChunks } from '../text.ts'
import { xlsxPartWithDoctype } from './xlsxDoctype.ts'

export interface SheetRow {
  row: number
  cells: unknown[]
}
export interface Sheet {
  name: string
  rows: AsyncIterable<SheetRow>
}

export const XLSX_LIMITS = { maxBytes: 200 * 1024 * 1024, maxWholeReadBytes: 50 * 1024 * 1024 }

/** A cell's plain value: formulas give their result, rich text its text, errors nothing. */
export function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return null
  if (typeof v !== 'object' || v instanceof Date) return v
  const o = v as Record<string, unknown>
  if ('result' in o) return cellValue(o.result)
  if ('error' in o) return null
  if (Array.isArray(o.richText)) return (o.richText as Array<{ text: string }>).map((t) => t.text).join('')
  if ('text' in o) return cellValue(o.text)
  return null
}

const cellsOf = (values: unknown) => (Array.isArray(values) ? values.slice(1).map(cellValue) : [])

/**
 * The workbook's sheets, row by row, streamed with exceljs's WorkbookReader. The zip is checked first (entry count,
 * sizes, compression ratio, paths: engine/uploads/sniff.ts). A workbook that keeps its shared strings after its
 * sheets cannot be streamed; up to 50 MB it is read whole instead.
 */
export async function* xlsxSheets(path: string): AsyncIterable<Sheet> {
  const size = fs.statSync(path).size
  if (size > XLSX_LIMITS.maxBytes)
    throw new UnreadableFileError(`is larger than ${XLSX_LIMITS.maxBytes / 1024 / 1024} MB, the most a workbook may be`)
  const bytes = fs.readFileSync(path)
  const sniffed = sniffUpload(bytes, XLSX_LIMITS.maxBytes)
  if (!sniffed.ok || sniffed.kind !== 'xlsx')
    throw new UnreadableFileError('is a damaged or unsafe Excel workbook (or not a workbook), so it was not read')
  const withDtd = xlsxPartWithDoctype(bytes)
  if (withDtd)
    throw new UnreadableFileError(
      `contains a DOCTYPE (a DTD) in its part ${withDtd}; Annex A workbooks must not, so it was not read`,
    )
  const strings = bytes.indexOf('xl/sharedStrings.xml')
  const sheets = bytes.indexOf('xl/worksheets/')
  if (strings > sheets && sheets >= 0) {
    if (size > XLSX_LIMITS.maxWholeReadBytes)
      throw new UnreadableFileError(
        'stores its text after its sheets and is too large to read that way; save it again in Excel',
      )
    yield* wholeWorkbook(bytes)
    return
  }
  // exceljs takes a third of a second to load: loaded when a workbook is read, not by everything importing this module.
  const reader = new (await import('exceljs')).default.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  })
  for await (const ws of reader) {
    const name = (ws as unknown as { name: string }).name
    async function* rows(): AsyncIterable<SheetRow> {
      for await (const row of ws) yield { row: row.number, cells: cellsOf(row.values) }
    }
    yield { name, rows: rows() }
  }
}

async function* wholeWorkbook(bytes: Buffer): AsyncIterable<Sheet> {
  const wb = new (await import('exceljs')).default.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  for (const ws of wb.worksheets) {
    const list: SheetRow[] = []
    ws.eachRow((row, n) => list.push({ row: n, cells: cellsOf(row.values) }))
    async function* rows(): AsyncIterable<SheetRow> {
      yield* list
    }
    yield { name: ws.name, rows: rows() }
  }
}

/** A CSV's rows (any of the encodings text.ts knows), parsed by papaparse as they stream. */
export async function* csvRows(path: string, head: Uint8Array): AsyncIterable<SheetRow> {
  let row = 0
  for await (const rows of csvTextRows(textChunks(path, head))) for (const cells of rows) yield { row: ++row, cells }
}
