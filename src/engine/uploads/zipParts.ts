import { Readable } from 'node:stream'
import zlib from 'node:zlib'

/**
 * A zip's parts, read from its central directory in a buffer. Random access, so the order a writer stored the parts in
 * does not matter (exceljs's streaming reader depended on it, and under load sometimes read a sheet before the workbook
 * part that names it).
 */
export interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  size: number
  localOffset: number
}

/** Every entry of the central directory, or undefined when it cannot be read or holds more than `maxEntries`. */
export function centralDirectory(buf: Buffer, maxEntries = 10_000): ZipEntry[] | undefined {
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  if (eocd < 0) return undefined
  const count = buf.readUInt16LE(eocd + 10)
  if (count > maxEntries) return undefined
  let p = buf.readUInt32LE(eocd + 16)
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

/** A part's stored (maybe compressed) bytes, after its local header; undefined when the header is not where it says. */
export function storedBytes(buf: Buffer, e: ZipEntry): Buffer | undefined {
  const p = e.localOffset
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) return undefined
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28)
  if (start + e.compressedSize > buf.length) return undefined
  return buf.subarray(start, start + e.compressedSize)
}

/** A part's bytes, inflated to at most `cap` (its declared size): undefined when it is damaged or inflates past that. */
export function readEntry(buf: Buffer, e: ZipEntry, cap: number): Buffer | undefined {
  const data = storedBytes(buf, e)
  if (!data) return undefined
  try {
    if (e.method === 0) return data.length <= cap ? data : undefined
    if (e.method === 8) return zlib.inflateRawSync(data, { maxOutputLength: Math.max(cap, 1) })
  } catch {
    return undefined
  }
  return undefined
}

/** A part's bytes as a stream of chunks, inflated as they are read (for parts too big to inflate whole). */
export function entryStream(buf: Buffer, e: ZipEntry): Readable | undefined {
  const data = storedBytes(buf, e)
  if (!data) return undefined
  if (e.method === 0) return Readable.from([data])
  if (e.method !== 8) return undefined
  const inflate = zlib.createInflateRaw()
  inflate.end(data)
  return inflate
}
