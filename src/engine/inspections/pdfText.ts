import { loadPdfjs } from './pdfjs.ts'

export class ReportParseError extends Error {
  constructor(
    public code:
      | 'not-pdf'
      | 'encrypted'
      | 'corrupt'
      | 'no-text'
      | 'too-large'
      | 'not-ofsted'
      | 'not-la-report'
      | 'truncated'
      // From the web server's parsing worker (server/workers/reportParser.ts): too slow, too much memory, too many at once.
      | 'timeout'
      | 'too-complex'
      | 'busy',
    message: string,
  ) {
    super(message)
  }
}

export const MAX_REPORT_BYTES = 50 * 1024 * 1024

/** A file that is not a PDF at all, refused before anything reads it: a web page saved as .pdf is named as one. */
export function refuseNotPdf(bytes: Uint8Array) {
  const start = Buffer.from(bytes.subarray(0, 1024)).toString('latin1')
  if (start.startsWith('%PDF-')) return
  if (/^\s*(<!doctype html|<html|<head|<\?xml)/i.test(start))
    throw new ReportParseError(
      'not-pdf',
      'This file is a web page (HTML), not a PDF: it is probably an error page saved in place of the report. Download the report again',
    )
  throw new ReportParseError('not-pdf', 'The selected file must be a PDF')
}

/** The text of a PDF, one line per text row, pages separated by form feeds. No OCR: scanned PDFs are refused. */
export async function pdfLines(bytes: Uint8Array): Promise<string[]> {
  if (bytes.length > MAX_REPORT_BYTES)
    throw new ReportParseError(
      'too-large',
      `The file is ${(bytes.length / 1048576).toFixed(0)} MB; reports over 50 MB are refused`,
    )
  refuseNotPdf(bytes)
  // Every complete PDF ends with an %%EOF marker; a download cut short does not.
  if (
    !Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048)))
      .toString('latin1')
      .includes('%%EOF')
  )
    throw new ReportParseError(
      'truncated',
      'This PDF is incomplete: the file stops before its end, as when a download is cut short. Download the report again',
    )
  let doc
  try {
    // pdf.js takes about half a second to load: loaded with the first report read, not by everything importing this module.
    const { getDocument } = await loadPdfjs()
    doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: true, verbosity: 0 })
      .promise
  } catch (err) {
    const e = err as Error
    if (/password/i.test(e.name + e.message))
      throw new ReportParseError('encrypted', 'This PDF is protected by a password, so it cannot be read')
    throw new ReportParseError('corrupt', `This PDF cannot be read: it may be damaged (${e.message})`)
  }
  const lines: string[] = []
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p)
    const content = await page.getTextContent()
    let line = ''
    let lastY: number | undefined
    for (const item of content.items as Array<{ str: string; transform: number[] }>) {
      const y = item.transform[5]
      if (lastY !== undefined && Math.abs(y - lastY) > 2) {
        lines.push(line)
        line = ''
      }
      line += item.str
      lastY = y
    }
    lines.push(line, '\f')
  }
  await doc.destroy()
  const text = lines.join('').trim()
  if (text.length < 20)
    throw new ReportParseError(
      'no-text',
      'This PDF has no text layer (it may be a scan); Sightline does not read scanned reports',
    )
  return lines.map((l) => (l === '\f' ? l : l.replace(/\s+/g, ' ').trim()))
}
