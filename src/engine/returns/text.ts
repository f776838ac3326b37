import fs from 'node:fs'

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

/**
 * The encoding of a text file from its first bytes: a BOM (UTF-8, UTF-16 LE/BE), UTF-16 without a BOM (every other
 * byte zero), otherwise UTF-8 when the head decodes cleanly, else Windows-1252 (Excel's "CSV" on Windows).
 */
export function detectEncoding(head: Uint8Array): { encoding: TextEncodingName; bomBytes: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3 }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 }
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 }
  if (head.length >= 4 && head[1] === 0 && head[3] === 0 && head[0] !== 0) return { encoding: 'utf-16le', bomBytes: 0 }
  if (head.length >= 4 && head[0] === 0 && head[2] === 0 && head[1] !== 0) return { encoding: 'utf-16be', bomBytes: 0 }
  // A head cut in the middle of a multi-byte character still counts as UTF-8: drop up to 3 trailing bytes.
  for (let cut = 0; cut <= 3 && cut < head.length; cut++)
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut))
      return { encoding: 'utf-8', bomBytes: 0 }
    } catch {
      // try a shorter head
    }
  return { encoding: 'windows-1252', bomBytes: 0 }
}

/** The first `bytes` of a file. */
export function readHead(file: string, bytes = 64 * 1024): Buffer {
  const fd = fs.openSync(file, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    const n = fs.readSync(fd, buf, 0, bytes, 0)
    return buf.subarray(0, n)
  } finally {
    fs.closeSync(fd)
  }
}

/** The file as text chunks, decoded in its own encoding, without the BOM. */
export async function* textChunks(file: string, head?: Uint8Array): AsyncIterable<string> {
  const { encoding, bomBytes } = detectEncoding(head ?? readHead(file))
  const decoder = new TextDecoder(encoding)
  for await (const chunk of fs.createReadStream(file, { start: bomBytes, highWaterMark: 1 << 20 }))
    yield decoder.decode(chunk as Buffer, { stream: true })
  const rest = decoder.decode()
  if (rest) yield rest
}

/** The first line of a text head (decoded, BOM dropped), for recognising a CSV by its columns. */
export function firstLine(head: Uint8Array): string {
  const { encoding, bomBytes } = detectEncoding(head)
  const text = new TextDecoder(encoding).decode(head.subarray(bomBytes))
  const end = text.search(/\r?\n/)
  return end < 0 ? text : text.slice(0, end)
}
