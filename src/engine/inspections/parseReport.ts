/**
 * Reads an Ofsted local authority children's services report or visit letter (PDF text layer, no OCR) into the
 * fields a person then confirms on the review page. The layout families (families/index.ts) each recognise and read
 * their own layout; reportHeader.ts reads what every report shares (the council, the dates), refusals.ts refuses what
 * is not a local authority report, and checks.ts runs the self-checks. Whatever is not found is flagged, never guessed.
 */
import { selfCheckFlags } from './checks.ts'
import { familyOf } from './families/index.ts'
import type { Flag, ParsedReport } from './model.ts'
import { pdfLines } from './pdfText.ts'
import { notAnLaReport, refuseWhatIsNotAnLaReport } from './refusals.ts'
import { inspectionDates, laName, publishedDate } from './reportHeader.ts'
import { reportText, type ReportText } from './reportText.ts'

export type { ParsedReport, Framework } from './model.ts'
export { parseDateRange } from './text.ts'
export { cleanLaName } from './reportHeader.ts'

/** The council and the dates, each flagged when it is missing or does not make sense. */
function readHeader(lines: string[], datedLetter: boolean) {
  const flags: Flag[] = []
  const [inspectionStart, inspectionEnd] = inspectionDates(lines)
  if (!inspectionStart)
    flags.push({ field: 'inspectionStart', message: 'Inspection dates not found: enter them from the report', page: 1 })
  else if (inspectionEnd && inspectionEnd < inspectionStart)
    flags.push({
      field: 'inspectionStart',
      message: 'The inspection seems to end before it starts: check the dates',
      page: 1,
    })
  const la = laName(lines)
  if (!la) flags.push({ field: 'la', message: 'Local authority name not found', page: 1 })
  const published = publishedDate(lines, datedLetter)
  if (!published)
    flags.push({
      field: 'published',
      message: 'Publication date is not printed in the report: take it from Ofsted’s listing',
    })
  return { la, inspectionStart, inspectionEnd, published, flags }
}

export async function parseOfstedReport(bytes: Uint8Array): Promise<ParsedReport> {
  const doc: ReportText = reportText(await pdfLines(bytes))
  refuseWhatIsNotAnLaReport(doc)
  const family = familyOf(doc)
  if (!family) throw notAnLaReport(doc)
  const reading = family.read(doc)
  const header = readHeader(doc.lines, family.datedLetter)
  const flags: Flag[] = [...reading.flags, ...selfCheckFlags(family, doc, reading), ...header.flags]
  return {
    la: header.la,
    framework: family.framework,
    family: family.id,
    pages: doc.pages,
    inspectionStart: header.inspectionStart,
    inspectionEnd: header.inspectionEnd,
    published: header.published,
    judgements: reading.judgements,
    lscbJudgement: reading.lscbJudgement,
    lscbJudgementPage: reading.lscbJudgementPage,
    recommendations: reading.recommendations,
    flags,
  }
}
