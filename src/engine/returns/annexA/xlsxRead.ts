import { StringDecoder } from 'node:string_decoder'
import type { SaxesParser } from 'saxes'
import { saxesParser } from '../saxes.ts'
import { centralDirectory, entryStream, type ZipEntry } from '../../uploads/zipParts.ts'
import { cellValue, dateStyles, partText, sharedStrings, sheetParts, type Book } from './xlsxBook.ts'
import { UnreadableFileError } from '../format.ts'

/**
 * A workbook's sheets read straight from its zip: the workbook part for the sheets' names and order, its relationships
 * for where each sheet is, the shared strings, then each sheet's XML inflated and parsed as it streams. Every part is
 * found through the central directory, so it does not matter in which order the writer stored them (exceljs's
 * streaming reader did depend on that, and failed now and then on workbooks whose workbook part comes last).
 *
 * Values are what Excel stored: numbers, text, true/false, a formula's cached result, and a Date (midnight UTC for a
 * whole day) for a number whose cell has a date format (as exceljs gave); error cells and empty cells are null.
 */
export type XlsxValue = string | number | boolean | Date | null
export interface XlsxRow {
  row: number
  cells: XlsxValue[]
}
export interface XlsxSheet {
  name: string
  rows: AsyncIterable<XlsxRow>
}
function columnOf(ref: string | undefined): number | undefined {
  if (!ref) return undefined
  let col = 0
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i)
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64)
    else break
  }
  return col > 0 ? col : undefined
}

/** A SAX parser over a sheet's XML that hands each finished row to `done`. */
function rowParser(book: Book, done: (row: XlsxRow) => void): SaxesParser {
  let row: XlsxRow | null = null
  let lastRow = 0
  let col = 0
  let type: string | undefined
  let style = 0
  let v: string | null = null
  let inline: string | null = null
  let inV = false
  let inT = false
  const p = saxesParser()
  p.on('opentag', (t) => {
    switch (t.name) {
      case 'row': {
        const r = Number.parseInt(String(t.attributes.r ?? ''), 10)
        lastRow = Number.isFinite(r) && r > 0 ? r : lastRow + 1
        row = { row: lastRow, cells: [] }
        col = 0
        break
      }
      case 'c':
        col = columnOf(t.attributes.r as string | undefined) ?? col + 1
        type = t.attributes.t as string | undefined
        style = Number.parseInt(String(t.attributes.s ?? '0'), 10) || 0
        v = null
        inline = null
        break
      case 'v':
        inV = true
        v = ''
        break
      case 't':
        if (row && type === 'inlineStr') {
          inT = true
          inline ??= ''
        }
        break
    }
  })
  const onText = (s: string) => {
    if (inV) v += s
    else if (inT) inline += s
  }
  p.on('text', onText)
  p.on('cdata', onText)
  p.on('closetag', (t) => {
    switch (t.name) {
      case 'v':
        inV = false
        break
      case 't':
        inT = false
        break
      case 'c':
        if (row) {
          const value = cellValue(type, style, v, inline, book)
          // As exceljs: the row's cells run to its last cell with a value or an error; gaps before it are null.
          if (value !== null || type === 'e') {
            while (row.cells.length < col - 1) row.cells.push(null)
            row.cells[col - 1] = value
          }
        }
        break
      case 'row':
        if (row) done(row)
        row = null
        break
    }
  })
  return p
}

async function* sheetRows(
  buf: Buffer,
  e: ZipEntry,
  name: string,
  book: Book,
): AsyncGenerator<XlsxRow, void, undefined> {
  const stream = entryStream(buf, e)
  if (!stream) throw new UnreadableFileError(`has a damaged sheet "${name}", so it was not read`)
  const ready: XlsxRow[] = []
  const p = rowParser(book, (row) => ready.push(row))
  const decoder = new StringDecoder('utf8')
  try {
    for await (const chunk of stream) {
      p.write(decoder.write(chunk as Buffer))
      yield* ready.splice(0)
    }
    p.write(decoder.end()).close()
  } catch (err) {
    if (err instanceof UnreadableFileError) throw err
    throw new UnreadableFileError(
      `has a damaged sheet "${name}" (its XML does not parse or inflate), so it was not read`,
    )
  } finally {
    stream.destroy()
  }
  yield* ready.splice(0)
}

/** The workbook's sheets; each sheet's rows are read only when iterated. The buffer must hold the whole file. */
export function* xlsxWorkbookSheets(buf: Buffer): Generator<XlsxSheet> {
  const entries = centralDirectory(buf)
  if (!entries) throw new UnreadableFileError('is a damaged Excel workbook (its zip directory cannot be read)')
  const byName = new Map(entries.map((e) => [e.name, e]))
  const strings = sharedStrings(partText(buf, byName.get('xl/sharedStrings.xml'), 'xl/sharedStrings.xml'))
  const dates = dateStyles(partText(buf, byName.get('xl/styles.xml'), 'xl/styles.xml'))
  const { sheets, date1904 } = sheetParts(buf, byName)
  const book: Book = { strings, dates, date1904 }
  for (const s of sheets) yield { name: s.name, rows: sheetRows(buf, byName.get(s.path)!, s.name, book) }
}

export { isDateFormatCode } from './xlsxBook.ts'
