import { FieldChecks } from '../checks.ts'
import { defineReturnFormat, UnreadableFileError, type ReturnFile } from '../format.ts'
import { firstLine, textChunks } from '../text.ts'
import { CinOffThread } from './cinOffThread.ts'
import { CinParser } from './cinParser.ts'
import { CinChildMapper } from './cinRecords.ts'
import { CinChildren } from './cinTokens.ts'
import { CIN_FIRST_YEAR, CIN_LAST_YEAR, CIN_VERSIONS, CIN_YEARS } from './versions.ts'

const headText = (file: ReturnFile) => firstLine(file.head) + new TextDecoder().decode(file.head.subarray(0, 4096))

/** The DfE Children in Need census XML, collection years 2013-14 to 2025-26 (versions.ts). */
export const cinCensus = defineReturnFormat({
  id: 'cin',
  title: 'CIN census XML',
  versions: CIN_VERSIONS,
  detect(file) {
    const head = headText(file)
    if (!/<Message[\s>]/.test(head) || !/<Collection>\s*CIN\s*<\/Collection>|<CINdetails>|<LAchildID>/.test(head))
      return null
    const ref = /<ReferenceDate>\s*(\d{4})-/.exec(head)?.[1] ?? /<Year>\s*(\d{4})/.exec(head)?.[1]
    return { version: ref ?? 'unknown', description: `CIN census${ref ? ` ${Number(ref) - 1}-${ref.slice(2)}` : ''}` }
  },
  async *read(file, detected, ctx) {
    const checks = new FieldChecks(ctx, file.fileName)
    const year = Number(detected.version)
    if (!CIN_YEARS.has(year))
      checks.issue(
        'warning',
        { column: 'ReferenceDate' },
        detected.version,
        `is outside the collection years this reader knows (${CIN_FIRST_YEAR - 1}-${String(CIN_FIRST_YEAR).slice(2)} to ${CIN_LAST_YEAR - 1}-${String(CIN_LAST_YEAR).slice(2)}); read as the nearest year`,
      )
    let headerChecked = false
    const parser = new CinParser(() => {
      if (!headerChecked) headerChecked = checkHeader(parser.header, ctx.laCode)
    })
    const offThread = file.bytes >= CIN_LIMITS.offThreadBytes ? ctx.rows.offThread?.() : undefined
    // A large file is read on two threads: this one parses, the other maps and writes rows (cinThread.ts).
    const thread =
      offThread &&
      new CinOffThread(offThread, { fileName: file.fileName, laCode: ctx.laCode, asAt: ctx.asAt, year }, (i) =>
        ctx.issue(i),
      )
    const mapper = thread
      ? undefined
      : new CinChildMapper(
          checks,
          CIN_YEARS.get(Math.min(CIN_LAST_YEAR, Math.max(CIN_FIRST_YEAR, year))),
          year,
          ctx.rows,
        )
    const children = mapper && new CinChildren((c) => mapper.map(c))
    const pass = (tokens: Uint8Array) => (thread ? thread.send(tokens) : children!.feed(tokens))
    /** Parses; a file found unreadable part way still has the children before the fault mapped (their issues kept). */
    const parse = async (step: () => void) => {
      try {
        step()
      } catch (err) {
        if (headerChecked) {
          await pass(parser.take())
          await thread?.finish()
        }
        throw err
      }
      await pass(parser.take())
    }
    try {
      // Rows go straight into ctx.rows (or the thread's files) as each child closes; the empty batches let the
      // caller breathe between chunks.
      for await (const chunk of textChunks(file.path, file.head)) {
        await parse(() => parser.write(chunk))
        yield []
      }
      await parse(() => parser.end())
      if (!headerChecked) checkHeader(parser.header, ctx.laCode)
      await thread?.finish()
    } finally {
      await thread?.stop()
    }
  },
})

/** Files of at least this many bytes are read on two threads (cinOffThread.ts); smaller ones on the caller's. */
export const CIN_LIMITS = { offThreadBytes: 4 * 1024 ** 2 }

/** The header's LEA must be the LA the upload is for. */
function checkHeader(header: Record<string, string>, laCode: string): true {
  const lea = header.LEA?.trim()
  if (!lea) throw new UnreadableFileError('has no LEA in its header, so it cannot be checked against the LA')
  if (lea !== laCode)
    throw new UnreadableFileError(`is the CIN census of LA ${lea}, not of LA ${laCode}; nothing from it was loaded`)
  return true
}
