import { FieldChecks } from '../checks.ts'
import { defineReturnFormat, UnreadableFileError, type ReturnFile } from '../format.ts'
import { firstLine, textChunks } from '../text.ts'
import { CinParser } from './cinParser.ts'
import { CinChildMapper } from './cinRecords.ts'
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
    const mapper = new CinChildMapper(
      checks,
      CIN_YEARS.get(Math.min(CIN_LAST_YEAR, Math.max(CIN_FIRST_YEAR, year))),
      year,
      ctx.rows,
    )
    let headerChecked = false
    const parser = new CinParser((c) => {
      if (!headerChecked) headerChecked = checkHeader(parser.header, ctx.laCode)
      mapper.map(c)
    })
    // Rows go straight into ctx.rows as each child closes; the empty batches let the caller breathe between chunks.
    for await (const chunk of textChunks(file.path, file.head)) {
      parser.write(chunk)
      yield []
    }
    parser.end()
    if (!headerChecked) checkHeader(parser.header, ctx.laCode)
  },
})

/** The header's LEA must be the LA the upload is for. */
function checkHeader(header: Record<string, string>, laCode: string): true {
  const lea = header.LEA?.trim()
  if (!lea) throw new UnreadableFileError('has no LEA in its header, so it cannot be checked against the LA')
  if (lea !== laCode)
    throw new UnreadableFileError(`is the CIN census of LA ${lea}, not of LA ${laCode}; nothing from it was loaded`)
  return true
}
