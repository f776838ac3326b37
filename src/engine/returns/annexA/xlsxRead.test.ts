import assert from 'node:assert/strict'
import { test } from 'node:test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { UnreadableFileError } from '../format.ts'
import { isDateFormatCode, xlsxWorkbookSheets } from './xlsxRead.ts'

/** A workbook written by exceljs (shared strings, a date format, a formula, an error, a gap, a boolean). */
async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const one = wb.addWorksheet('List 1')
  one.addRow(['Child ID', 'Date of birth', 'Age', 'Open?'])
  one.addRow(['C1', new Date(Date.UTC(2010, 2, 31)), { formula: '2+3', result: 5 }, true])
  one.getCell('B2').numFmt = 'dd/mm/yyyy'
  one.addRow(['C2 & <co>', 41729, { error: '#N/A' }])
  one.getCell('A5').value = 'after a blank row'
  one.getCell('D5').value = 'D, gaps before it'
  const two = wb.addWorksheet('List 2 "quoted"')
  two.addRow(['only'])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** The same package with its parts stored in another order (JSZip keeps the order files are added in). */
async function reorder(bytes: Buffer, order: (names: string[]) => string[]): Promise<Buffer> {
  const src = await JSZip.loadAsync(bytes)
  const out = new JSZip()
  const names = Object.keys(src.files).filter((n) => !src.files[n]!.dir)
  for (const n of order(names)) out.file(n, await src.file(n)!.async('nodebuffer'))
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

async function read(bytes: Buffer) {
  const out: Array<{ name: string; rows: Array<{ row: number; cells: unknown[] }> }> = []
  for (const s of xlsxWorkbookSheets(bytes)) {
    const rows = []
    for await (const r of s.rows) rows.push(r)
    out.push({ name: s.name, rows })
  }
  return out
}

test('reads names, order and values: text, dates by format, formula results, errors and gaps as null', async () => {
  const sheets = await read(await workbook())
  assert.deepEqual(
    sheets.map((s) => s.name),
    ['List 1', 'List 2 "quoted"'],
  )
  assert.deepEqual(sheets[0]!.rows, [
    { row: 1, cells: ['Child ID', 'Date of birth', 'Age', 'Open?'] },
    { row: 2, cells: ['C1', new Date(Date.UTC(2010, 2, 31)), 5, true] },
    { row: 3, cells: ['C2 & <co>', 41729, null] },
    { row: 5, cells: ['after a blank row', null, null, 'D, gaps before it'] },
  ])
  assert.deepEqual(sheets[1]!.rows, [{ row: 1, cells: ['only'] }])
})

test('the order the parts are stored in does not matter (workbook part last, shared strings after the sheets)', async () => {
  // exceljs stores the workbook part last and the shared strings after the sheets; reversed, they come first. Each
  // part's name is first met in its local header, so indexOf gives the stored order.
  const asWritten = await workbook()
  const reversed = await reorder(asWritten, (n) => [...n].reverse())
  const before = (b: Buffer, x: string, y: string) => b.indexOf(x) < b.indexOf(y)
  const sheet = 'xl/worksheets/sheet1.xml'
  assert.ok(before(asWritten, sheet, 'xl/workbook.xml') && before(asWritten, sheet, 'xl/sharedStrings.xml'))
  assert.ok(before(reversed, 'xl/workbook.xml', sheet) && before(reversed, 'xl/sharedStrings.xml', sheet))
  assert.deepEqual(await read(reversed), await read(asWritten))
})

test('a sheet whose XML is broken is refused by name, not read in part', async () => {
  const src = await JSZip.loadAsync(await workbook())
  const xml = await src.file('xl/worksheets/sheet1.xml')!.async('string')
  src.file('xl/worksheets/sheet1.xml', xml.replace('</sheetData>', '<row r="9"><c r="A9"><v>1</v></sheetData>'))
  const bytes = await src.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
  const [first] = [...xlsxWorkbookSheets(bytes)]
  await assert.rejects(
    async () => {
      for await (const _ of first!.rows);
    },
    (e: Error) => e instanceof UnreadableFileError && /damaged sheet "List 1"/.test(e.message),
  )
  src.remove('xl/workbook.xml')
  const noBook = await src.generateAsync({ type: 'nodebuffer' })
  assert.throws(() => [...xlsxWorkbookSheets(noBook)], /has no workbook part/)
})

test('date format codes: dates and times yes; numbers, text and currency in brackets or quotes no', () => {
  for (const yes of ['dd/mm/yyyy', 'd-mmm-yy', 'h:mm', '[$-809]dd mmmm yyyy', 'yyyy-mm-dd;@'])
    assert.ok(isDateFormatCode(yes), yes)
  for (const no of ['General', '0.00', '#,##0', '[Red]0.00', '"days"0', '0.00E+00', '@', '[$£-809]#,##0.00'])
    assert.ok(!isDateFormatCode(no), no)
})
