import { centralDirectory, readEntry, type ZipEntry } from './zipParts.ts'

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
  const entries = centralDirectory(buf, ZIP_LIMITS.maxEntries)
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
