import fs from 'node:fs'
import { sniffUpload } from '../../uploads/sniff.ts'
import { UnreadableFileError } from '../format.ts'
import { csvTextRows } from '../csvStream.ts'
import { textChunks } from '../text.ts'
import { xlsxPartWithDoctype } from './xlsxDoctype.ts'
import { xlsxWorkbookSheets } from './xlsxRead.ts'

export interface SheetRow {
  row: number
  cells: unknown[]
}
export interface Sheet {
  name: string
  rows: AsyncIterable<SheetRow>
}

export const XLSX_LIMITS = { maxBytes: 200 * 1024 * 1024 }

/**
 * The workbook's sheets, row by row. The zip is checked first (entry count, sizes, compression ratio, paths:
 * engine/uploads/sniff.ts) and refused if any part has a DTD; then each sheet is inflated and parsed as it is read
 * (xlsxRead.ts), so the parts may be stored in any order.
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
  yield* xlsxWorkbookSheets(bytes)
}

/** A CSV's rows (any of the encodings text.ts knows), parsed by papaparse as they stream. */
export async function* csvRows(path: string, head: Uint8Array): AsyncIterable<SheetRow> {
  let row = 0
  for await (const rows of csvTextRows(textChunks(path, head))) for (const cells of rows) yield { row: ++row, cells }
}
