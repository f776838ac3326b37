/** What the reader refuses, and how it says so: a document that is not an Ofsted report on a local authority. */
import { ReportParseError } from './pdfText.ts'
import type { ReportText } from './reportText.ts'
import { joinLines } from './text.ts'

/** Ofsted reports and letters always name their inspectors; a letter that merely mentions Ofsted does not. */
export function refuseWhatIsNotAnLaReport(doc: ReportText) {
  const text = doc.lines.join(' ')
  if (!/Ofsted/i.test(text) || !/Majesty.s Inspector|lead inspector|\bHMI\b|inspectors?\b/i.test(text))
    throw new ReportParseError(
      'not-ofsted',
      'This PDF does not look like an Ofsted report on a local authority’s children’s services',
    )
}

/** A report Sightline has no layout for: say what it is when it is a single setting's report, never guess. */
export function notAnLaReport(doc: ReportText): ReportParseError {
  const head = joinLines(doc.lines.slice(0, 30))
  if (/Unique reference number|\bURN\b|social care common inspection framework|registered provider/i.test(head))
    return new ReportParseError(
      'not-la-report',
      /children.s home/i.test(head)
        ? 'This is an Ofsted report on a children’s home (a single setting), not on a local authority’s children’s services'
        : 'This is an Ofsted report on a single provider or setting (it has a unique reference number), not on a local authority’s children’s services',
    )
  return new ReportParseError(
    'not-la-report',
    `This Ofsted document is not a layout Sightline reads (it begins “${doc.title.slice(0, 90)}”): local authority inspection reports and visit letters only`,
  )
}
