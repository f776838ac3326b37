import zlib from 'node:zlib'

/** The XML and relationship parts of a zip, from its central directory (undefined when it cannot be read). */
function xmlParts(buf: Buffer): Array<{ name: string; method: number; data: Buffer }> | undefined {
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  if (eocd < 0) return undefined
  const out = []
  let p = buf.readUInt32LE(eocd + 16)
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return undefined
    const nameLen = buf.readUInt16LE(p + 28)
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen)
    const local = buf.readUInt32LE(p + 42)
    if (/\.(xml|rels|vml)$/i.test(name) && local + 30 <= buf.length) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
      out.push({ name, method: buf.readUInt16LE(p + 10), data: buf.subarray(start, start + buf.readUInt32LE(p + 20)) })
    }
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32)
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
