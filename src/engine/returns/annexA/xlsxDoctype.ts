import zlib from 'node:zlib'
import { centralDirectory, storedBytes } from '../../uploads/zipParts.ts'

/** The XML and relationship parts of a zip, from its central directory (undefined when it cannot be read). */
function xmlParts(buf: Buffer): Array<{ name: string; method: number; data: Buffer }> | undefined {
  const out = []
  for (const e of centralDirectory(buf) ?? []) {
    const data = /\.(xml|rels|vml)$/i.test(e.name) ? storedBytes(buf, e) : undefined
    if (data) out.push({ name: e.name, method: e.method, data })
  }
  return out
}

/** The text of a part up to its root element's start (where a DOCTYPE must stand), inflating no more than needed. */
function prolog(part: { method: number; data: Buffer }): string {
  for (let n = 4096; ; n *= 2) {
    const slice = part.data.subarray(0, n)
    let text: string
    try {
      text =
        part.method === 8
          ? zlib.inflateRawSync(slice, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString('latin1')
          : slice.toString('latin1')
    } catch {
      return ''
    }
    const root = /<[A-Za-z_]/.exec(text)
    if (root) return text.slice(0, root.index)
    if (n >= part.data.length) return text
  }
}

/**
 * The first XML part of an XLSX package that has a DOCTYPE or an entity declaration (nothing in a real workbook does:
 * refusing it whole means no DTD is ever read, so no external entity is fetched and none expanded), or null.
 * Only each part's prolog, before its root element, is inflated.
 */
export function xlsxPartWithDoctype(buf: Buffer): string | null {
  for (const part of xmlParts(buf) ?? []) if (/<!DOCTYPE|<!ENTITY/i.test(prolog(part))) return part.name
  return null
}
