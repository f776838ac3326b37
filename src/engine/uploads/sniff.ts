import zlib from 'node:zlib'

/**
 * Upload type checks from content (magic bytes), never from the file name: PDF, DOCX, XLSX, CSV, PNG and JPEG only.
 * DOCX and XLSX are zip packages whose [Content_Types].xml declares the right main part; the zip is checked for bombs
 * (entry count, declared sizes, ratio) and path traversal, and the XML for DTDs, without unpacking anything else.
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
}

const ZIP_LIMITS = {
  maxEntries: 10_000,
  maxTotalBytes: 500 * 1024 * 1024,
  maxRatio: 200,
  maxContentTypesBytes: 1024 * 1024,
}

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v)

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
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf' // %PDF-
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
  if (!trimmed || trimmed.startsWith('<') || trimmed.startsWith('{') || trimmed.startsWith('%')) return false
  const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '')
  const commas = (l: string) => (l.match(/,/g) ?? []).length
  const first = commas(lines[0])
  // Every line up to 50 has the same number of separators outside quotes? Too strict for quoted commas: require a comma
  // somewhere in the header, or a single column throughout.
  return first > 0 || lines.slice(0, 50).every((l) => commas(l) === 0)
}

interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  size: number
  localOffset: number
}

function centralDirectory(buf: Buffer): ZipEntry[] | undefined {
  const min = Math.max(0, buf.length - 65_557)
  let eocd = -1
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return undefined
  const count = buf.readUInt16LE(eocd + 10)
  let p = buf.readUInt32LE(eocd + 16)
  if (count > ZIP_LIMITS.maxEntries) return undefined
  const entries: ZipEntry[] = []
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return undefined
    const nameLen = buf.readUInt16LE(p + 28)
    entries.push({
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      localOffset: buf.readUInt32LE(p + 42),
    })
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32)
  }
  return entries
}

function readEntry(buf: Buffer, e: ZipEntry): Buffer | undefined {
  if (e.size > ZIP_LIMITS.maxContentTypesBytes) return undefined
  const p = e.localOffset
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) return undefined
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28)
  const data = buf.subarray(start, start + e.compressedSize)
  try {
    if (e.method === 0) return data
    if (e.method === 8) return zlib.inflateRawSync(data, { maxOutputLength: ZIP_LIMITS.maxContentTypesBytes })
  } catch {
    return undefined
  }
  return undefined
}

/** 'docx' | 'xlsx' for a well-formed package of that type, 'unsafe' for a bomb/traversal/DTD, undefined for other zips. */
export function officeKind(buf: Buffer): 'docx' | 'xlsx' | 'unsafe' | undefined {
  const entries = centralDirectory(buf)
  if (!entries) return 'unsafe'
  const total = entries.reduce((s, e) => s + e.size, 0)
  const packed = entries.reduce((s, e) => s + e.compressedSize, 0)
  if (total > ZIP_LIMITS.maxTotalBytes || (packed > 0 && total / packed > ZIP_LIMITS.maxRatio)) return 'unsafe'
  if (entries.some((e) => e.name.startsWith('/') || e.name.includes('\\') || e.name.split('/').includes('..')))
    return 'unsafe'
  const ct = entries.find((e) => e.name === '[Content_Types].xml')
  if (!ct) return undefined
  const xml = readEntry(buf, ct)?.toString('utf8')
  if (xml === undefined) return 'unsafe'
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return 'unsafe'
  const names = new Set(entries.map((e) => e.name))
  if (
    xml.includes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml') &&
    names.has('word/document.xml')
  )
    return 'docx'
  if (
    xml.includes('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml') &&
    names.has('xl/workbook.xml')
  )
    return 'xlsx'
  return undefined
}
