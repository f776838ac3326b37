import zlib from 'node:zlib'

/**
 * Is a file that starts "%PDF-" really a plain PDF? It must end like one (an end-of-file marker: a truncated download has none),
 * must not also be another format (HTML or a zip archive hidden in the same bytes, a "polyglot") and must not carry
 * active content (JavaScript, launch actions, embedded files, forms that submit). Names are read after undoing PDF's
 * "#xx" escapes, and compressed object streams (where a modern PDF keeps most objects) are searched too.
 */

export type PdfProblem = 'damaged' | 'polyglot' | 'active'

const ACTIVE_NAMES =
  /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData|GoToE)(?=[\s()<>[\]{}/%]|$)/
const HTML_MARKUP = /<(html|script|body|iframe|svg|object|embed)[\s/>]/i
const OBJECT_STREAM = /\/Type\s*\/ObjStm/g
const MAX_INFLATED = 16 * 1024 * 1024

/** Undo "#xx" escapes in names: "/J#61vaScript" is "/JavaScript". */
const unescapeNames = (text: string) =>
  text.replace(/\/[^\s/<>[\]()]*#[0-9a-fA-F]{2}[^\s/<>[\]()]*/g, (name) =>
    name.replace(/#([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  )

/** A zip archive's end record in the last 64 KB with a central directory where it says: a PDF+ZIP polyglot. */
function hasZipArchive(buf: Buffer): boolean {
  const min = Math.max(0, buf.length - 65_557)
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) !== 0x06054b50) continue
    const cdSize = buf.readUInt32LE(i + 12)
    const cdStart = i - cdSize
    if (cdStart >= 0 && cdSize > 0 && buf.readUInt32LE(cdStart) === 0x02014b50) return true
  }
  return false
}

/** The decompressed text of each object stream (bounded in total), where /JavaScript could otherwise hide. */
function objectStreams(buf: Buffer, latin: string): string[] {
  const out: string[] = []
  let budget = MAX_INFLATED
  for (const m of latin.matchAll(OBJECT_STREAM)) {
    const start = latin.indexOf('stream', m.index)
    const end = latin.indexOf('endstream', start)
    if (start < 0 || end < 0 || budget <= 0) continue
    let from = start + 'stream'.length
    if (latin[from] === '\r') from++
    if (latin[from] === '\n') from++
    try {
      const text = zlib.inflateSync(buf.subarray(from, end), { maxOutputLength: budget }).toString('latin1')
      budget -= text.length
      out.push(text)
    } catch {
      // A stream that does not inflate (another filter, or truncated) holds no readable names: nothing to search.
    }
  }
  return out
}

/** The file without the bytes inside its streams (images, fonts, page contents): only the objects' dictionaries. */
const withoutStreamData = (latin: string) => latin.replace(/stream\r?\n[\s\S]*?endstream/g, 'stream endstream')

/** undefined when the PDF is plain, else what is wrong with it. */
export function pdfProblem(buf: Buffer): PdfProblem | undefined {
  const latin = buf.toString('latin1')
  const tail = latin.slice(-2048)
  if (!tail.includes('%%EOF')) return 'damaged'
  if (HTML_MARKUP.test(latin) || hasZipArchive(buf)) return 'polyglot'
  if (ACTIVE_NAMES.test(unescapeNames(withoutStreamData(latin)))) return 'active'
  if (objectStreams(buf, latin).some((text) => ACTIVE_NAMES.test(unescapeNames(text)))) return 'active'
  return undefined
}
