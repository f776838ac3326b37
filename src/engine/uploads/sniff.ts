import { officeKind } from './ooxml.ts'
import { pdfProblem } from './pdfCheck.ts'

/**
 * Upload type checks from content (magic bytes), never from the file name: PDF, DOCX, XLSX, CSV, PNG and JPEG only.
 * DOCX and XLSX are zip packages whose [Content_Types].xml declares the right main part; the zip is checked for bombs
 * (ooxml.ts); a PDF must be a plain PDF (pdfCheck.ts).
 */

export const ALLOWED_UPLOADS = {
  pdf: { mediaType: 'application/pdf', label: 'PDF' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word document (DOCX)',
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel workbook (XLSX)',
  },
  csv: { mediaType: 'text/csv', label: 'CSV' },
  png: { mediaType: 'image/png', label: 'PNG image' },
  jpeg: { mediaType: 'image/jpeg', label: 'JPEG image' },
} as const
export type UploadKind = keyof typeof ALLOWED_UPLOADS

export type SniffResult = { ok: true; kind: UploadKind; mediaType: string } | { ok: false; message: string }

export const UPLOAD_MESSAGES = {
  empty: 'The selected file is empty',
  type: 'The selected file must be a PDF, DOCX, XLSX, CSV, PNG or JPEG',
  tooBig: (maxBytes: number) => `The selected file must be smaller than ${Math.floor(maxBytes / 1024 / 1024)}MB`,
  badZip: 'The selected file is a damaged or unsafe Word or Excel file',
  pdf: {
    damaged: 'The selected PDF is damaged or incomplete: save it again as a PDF and upload that',
    polyglot: 'The selected file is not only a PDF (it also holds web page or archive content), so it cannot be stored',
    active:
      'The selected PDF contains active content (JavaScript, attachments, launch or form actions): save it again without them, or print it to PDF',
  },
}

const EXTENSIONS: Record<string, UploadKind> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  csv: 'csv',
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
}

/**
 * Why a file whose name promises one allowed kind but whose content is another cannot be kept (a text file renamed
 * minutes.pdf would be stored as CSV and fail to open as the PDF everyone expects); undefined when they agree or the
 * name promises nothing we take.
 * @example nameMismatch('csv', 'minutes.pdf') // 'The selected file is called minutes.pdf but is not a PDF: ...'
 */
export function nameMismatch(kind: UploadKind, fileName: string): string | undefined {
  const promised = EXTENSIONS[/\.([A-Za-z0-9]+)$/.exec(fileName)?.[1].toLowerCase() ?? '']
  if (!promised || promised === kind) return undefined
  return `The selected file is called ${fileName} but is not a ${ALLOWED_UPLOADS[promised].label}: choose the file again`
}

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v)

/** Whether the bytes begin as a PDF does (%PDF-), whatever the file is called; not whether it is a safe one. */
export const startsLikePdf = (b: Uint8Array) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])

/**
 * @example sniffUpload(Buffer.from('%PDF-1.7 ...'), 20e6) // { ok: true, kind: 'pdf', mediaType: 'application/pdf' }
 */
export function sniffUpload(bytes: Uint8Array, maxBytes: number): SniffResult {
  if (bytes.length === 0) return { ok: false, message: UPLOAD_MESSAGES.empty }
  if (bytes.length > maxBytes) return { ok: false, message: UPLOAD_MESSAGES.tooBig(maxBytes) }
  const kind = detect(bytes)
  if (typeof kind === 'object') return kind
  if (!kind) return { ok: false, message: UPLOAD_MESSAGES.type }
  return { ok: true, kind, mediaType: ALLOWED_UPLOADS[kind].mediaType }
}

function detect(b: Uint8Array): UploadKind | undefined | { ok: false; message: string } {
  if (startsLikePdf(b)) {
    const problem = pdfProblem(Buffer.from(b.buffer, b.byteOffset, b.byteLength))
    return problem ? { ok: false, message: UPLOAD_MESSAGES.pdf[problem] } : 'pdf'
  }
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    const kind = officeKind(Buffer.from(b.buffer, b.byteOffset, b.byteLength))
    return kind === 'unsafe' ? { ok: false, message: UPLOAD_MESSAGES.badZip } : kind
  }
  if (looksLikeCsv(b)) return 'csv'
  return undefined
}

/** UTF-8 text without control characters, not markup, whose first line has a comma or is a single column. */
function looksLikeCsv(b: Uint8Array): boolean {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b)
  } catch {
    return false
  }
  text = text.replace(/^\uFEFF/, '')
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) return false
  const trimmed = text.trimStart()
  if (!trimmed || /^(<|\{|%|#!)/.test(trimmed)) return false
  const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '')
  const commas = (l: string) => (l.match(/,/g) ?? []).length
  const first = commas(lines[0])
  // Every line up to 50 has the same number of separators outside quotes? Too strict for quoted commas: require a comma
  // somewhere in the header, or a single column throughout.
  return first > 0 || lines.slice(0, 50).every((l) => commas(l) === 0)
}
