import zlib from 'node:zlib'

/**
 * Is a zip a Word or Excel package, and safe to keep? The central directory is read, every part is inflated with its
 * declared size as the cap (a part that inflates past what it declares is a bomb with false sizes), and the package is
 * refused for too many parts, too much in total, a ratio no document has, paths that climb out, a DTD in the content
 * types, a zip inside the zip, or macros and ActiveX.
 */

const ZIP_LIMITS = {
  maxEntries: 10_000,
  maxTotalBytes: 256 * 1024 * 1024,
  maxRatio: 200,
  maxContentTypesBytes: 1024 * 1024,
}

const ACTIVE_PARTS = /(^|\/)(vbaProject\.bin|vbaData\.xml)$|(^|\/)activeX\//i

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

/** A part's bytes, inflated to at most `cap` (its declared size): undefined when it is damaged or inflates past that. */
function readEntry(buf: Buffer, e: ZipEntry, cap: number): Buffer | undefined {
  const p = e.localOffset
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) return undefined
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28)
  const data = buf.subarray(start, start + e.compressedSize)
  try {
    if (e.method === 0) return data.length <= cap ? data : undefined
    if (e.method === 8) return zlib.inflateRawSync(data, { maxOutputLength: Math.max(cap, 1) })
  } catch {
    return undefined
  }
  return undefined
}

/** Every part inflates to no more than it declares, and none is itself a zip (a package nested in the package). */
function partsAreHonest(buf: Buffer, entries: ZipEntry[]): boolean {
  for (const e of entries) {
    if (e.name.endsWith('/') && e.size === 0) continue
    const data = readEntry(buf, e, e.size)
    if (!data || data.length !== e.size) return false
    if (data.length >= 4 && data.readUInt32LE(0) === 0x04034b50) return false
  }
  return true
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
  if (entries.some((e) => ACTIVE_PARTS.test(e.name)) || !partsAreHonest(buf, entries)) return 'unsafe'
  const ct = entries.find((e) => e.name === '[Content_Types].xml')
  if (!ct) return undefined
  if (ct.size > ZIP_LIMITS.maxContentTypesBytes) return 'unsafe'
  const xml = readEntry(buf, ct, ct.size)?.toString('utf8')
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
