import type { SaxesParser, SaxesTagPlain } from 'saxes'
import { saxesParser } from '../saxes.ts'
import { readEntry, type ZipEntry } from '../../uploads/zipParts.ts'
import { UnreadableFileError } from '../format.ts'
import type { XlsxValue } from './xlsxRead.ts'

/** The workbook-wide parts of an XLSX package: the sheets' names and places, shared strings, date styles. */

const REL_NS_SUFFIX = /(^|:)id$/

function parseXml(text: string, part: string, on: (p: SaxesParser) => void): void {
  const p = saxesParser()
  on(p)
  try {
    p.write(text).close()
  } catch {
    throw new UnreadableFileError(`has a damaged part ${part} (its XML does not parse), so it was not read`)
  }
}

export function partText(buf: Buffer, e: ZipEntry | undefined, part: string): string | undefined {
  if (!e) return undefined
  const bytes = readEntry(buf, e, e.size)
  if (!bytes) throw new UnreadableFileError(`has a damaged part ${part}, so it was not read`)
  return bytes.toString('utf8')
}

/** 'worksheets/sheet1.xml' or '/xl/worksheets/sheet1.xml' (relative to xl/) to the zip path. */
function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1)
  const parts = ['xl']
  for (const s of target.split('/'))
    if (s === '..') parts.pop()
    else if (s !== '.' && s !== '') parts.push(s)
  return parts.join('/')
}

/** 'AB12' to 28; undefined when the reference has no column letters. */
export function sharedStrings(text: string | undefined): string[] {
  const out: string[] = []
  if (text === undefined) return out
  let current: string[] | null = null
  let inT = false
  let inPhonetic = 0
  parseXml(text, 'xl/sharedStrings.xml', (p) => {
    p.on('opentag', (t) => {
      if (t.name === 'si') current = []
      else if (t.name === 'rPh') inPhonetic++
      else if (t.name === 't' && current && !inPhonetic) inT = true
    })
    p.on('text', (s) => {
      if (inT) current!.push(s)
    })
    p.on('cdata', (s) => {
      if (inT) current!.push(s)
    })
    p.on('closetag', (t) => {
      if (t.name === 't') inT = false
      else if (t.name === 'rPh') inPhonetic--
      else if (t.name === 'si') {
        out.push(current!.join(''))
        current = null
      }
    })
  })
  return out
}

/** Excel's built-in number formats that show a date or time (ECMA-376 18.8.30 and the CJK ones Excel also writes). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
])

/** A format code that shows a date or time: y, m, d, h or s outside quoted text, [colour] and [$currency] blocks. */
export const isDateFormatCode = (code: string) =>
  /[ymdhs]/i.test(
    code
      .replace(/\[[^\]]*]/g, '')
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, '')
      .replace(/_.|\*./g, ''),
  )

/** For each cell style (the `s` of a cell), whether its number format is a date. */
export function dateStyles(text: string | undefined): boolean[] {
  const out: boolean[] = []
  if (text === undefined) return out
  const custom = new Map<number, string>()
  let inCellXfs = false
  parseXml(text, 'xl/styles.xml', (p) => {
    p.on('opentag', (t) => {
      if (t.name === 'numFmt') custom.set(Number(t.attributes.numFmtId), String(t.attributes.formatCode ?? ''))
      else if (t.name === 'cellXfs') inCellXfs = true
      else if (t.name === 'xf' && inCellXfs) {
        const id = Number(t.attributes.numFmtId ?? 0)
        const code = custom.get(id)
        out.push(code !== undefined ? isDateFormatCode(code) : BUILT_IN_DATE_FORMATS.has(id))
      }
    })
    p.on('closetag', (t) => {
      if (t.name === 'cellXfs') inCellXfs = false
    })
  })
  return out
}

/** The sheets, in the workbook's order, each with its name and where its part is. */
export function sheetParts(
  buf: Buffer,
  byName: Map<string, ZipEntry>,
): { sheets: Array<{ name: string; path: string }>; date1904: boolean } {
  const book = partText(buf, byName.get('xl/workbook.xml'), 'xl/workbook.xml')
  if (book === undefined) throw new UnreadableFileError('has no workbook part (xl/workbook.xml), so it was not read')
  const rels = new Map<string, string>()
  const relsText = partText(buf, byName.get('xl/_rels/workbook.xml.rels'), 'xl/_rels/workbook.xml.rels')
  if (relsText !== undefined)
    parseXml(relsText, 'xl/_rels/workbook.xml.rels', (p) =>
      p.on('opentag', (t) => {
        if (t.name === 'Relationship' && t.attributes.Id && t.attributes.Target)
          rels.set(String(t.attributes.Id), resolveTarget(String(t.attributes.Target)))
      }),
    )
  const sheets: Array<{ name: string; path: string }> = []
  let date1904 = false
  parseXml(book, 'xl/workbook.xml', (p) =>
    p.on('opentag', (t: SaxesTagPlain) => {
      if (t.name === 'workbookPr' || t.name.endsWith(':workbookPr'))
        date1904 = ['1', 'true'].includes(String(t.attributes.date1904 ?? ''))
      if (t.name !== 'sheet' && !t.name.endsWith(':sheet')) return
      const idAttr = Object.keys(t.attributes).find((k) => k !== 'sheetId' && REL_NS_SUFFIX.test(k))
      const target = idAttr ? rels.get(String(t.attributes[idAttr])) : undefined
      const sheetId = String(t.attributes.sheetId ?? '')
      const path = target ?? `xl/worksheets/sheet${sheetId}.xml`
      if (byName.has(path)) sheets.push({ name: String(t.attributes.name ?? ''), path })
    }),
  )
  return { sheets, date1904 }
}

export interface Book {
  strings: string[]
  dates: boolean[]
  date1904: boolean
}

/** One cell's stored value, from its type (`t`), style (`s`) and the text of its <v> (or of its inline string). */
export function cellValue(
  type: string | undefined,
  style: number,
  v: string | null,
  inline: string | null,
  book: Book,
): XlsxValue {
  if (type === 'inlineStr') return inline ?? v
  if (v === null) return null
  switch (type) {
    case 's': {
      const s = book.strings[Number.parseInt(v, 10)]
      return s === undefined ? null : s
    }
    case 'str':
      return v
    case 'b':
      return Number.parseInt(v, 10) !== 0
    case 'e':
      return null
    case 'd':
      return v
    default: {
      const n = Number.parseFloat(v)
      if (Number.isNaN(n)) return null
      if (!book.dates[style]) return n
      return new Date(Math.round((n - 25569 + (book.date1904 ? 1462 : 0)) * 86_400_000))
    }
  }
}
