/**
 * Reads an Ofsted local authority children's services report or visit letter (PDF text layer, no OCR) into the
 * fields a person then confirms on the review page. The layout families (families/index.ts) each recognise and read
 * their own layout; this module reads what every report shares (the council, the dates), refuses what is not a local
 * authority report, and runs the self-checks (checks.ts). Whatever is not found is flagged rather than guessed.
 */
import { selfCheckFlags } from './checks.ts'
import { familyOf } from './families/index.ts'
import type { Flag, ParsedReport } from './model.ts'
import { pdfLines, ReportParseError } from './pdfText.ts'
import { reportText, type ReportText } from './reportText.ts'
import { isPageFurniture, joinLines, parseDateRange, parseLongDate } from './text.ts'

export type { ParsedReport, Framework } from './model.ts'
export { parseDateRange } from './text.ts'

/** "Metropolitan Borough of Rotherham", "St Helens Metropolitan Borough Council", "Medway Children's Services" -> the name. */
export function cleanLaName(name: string): string {
  return (
    name
      .replace(/^\d+\s+/, '')
      .replace(/^(The )?(Royal |London |Metropolitan |County )?Borough of /i, '')
      .replace(/^(City|County) of /i, '')
      .replace(/ Children.s Services$/i, '')
      .replace(/\b(City|Metropolitan Borough|Borough|County|District)? ?Council\b/gi, '')
      .replace(/\bMBC$/, '')
      .replace(/\s+/g, ' ')
      .trim()
      // "Bedford Borough", "Nottingham City", "Tameside metropolitan borough", "St. Helens": the register's name.
      .replace(/ (City|(Metropolitan )?Borough)$/i, '')
      .replace(/^St\. /, 'St ')
  )
}

function laName(lines: string[]): string {
  const head = joinLines(lines.slice(0, 40))
  const patterns = [
    /Inspection of (.+?) local authority children.s (?:social care )?services/i,
    /Inspection of (.+? Council) children.s services/i,
    /(?:Focused|Monitoring) visit (?:to|of) (.+?) children.s services/i,
  ]
  for (const p of patterns) {
    const m = p.exec(head)
    if (m) return cleanLaName(m[1])
  }
  const content = lines.slice(0, 20).filter((l) => !isPageFurniture(l))
  // Pre-2013 reports: "Inspection of looked after children services" / "Medway Council".
  const council = content.slice(0, 4).find((l) => /Council$|^(Metropolitan )?Borough of /i.test(l))
  if (/^Inspection of /i.test(content[0] ?? '') && council) return cleanLaName(council)
  // SIF and 2018-19 ILACS: the LA's name on the line(s) above the title.
  const at = content.findIndex((l) =>
    /^(Re-?inspection|Inspection) of (children.s social care services|services for children|local authority children.s)|^Review of the effectiveness/i.test(
      l,
    ),
  )
  if (at > 0) return cleanLaName(joinLines(content.slice(0, at)).replace(/ Safeguarding Children Board$/i, ''))
  return ''
}
function publishedDate(lines: string[], letter: boolean): string | null {
  const head = lines.slice(0, 40)
  const printed = head.find((l) => /^(Report )?published:? /i.test(l))
  if (printed) return parseLongDate(printed)
  // A letter is dated at its top, above the addressee.
  const dated = letter ? head.slice(0, 15).find((l) => /^\d{1,2} [A-Z][a-z]+ \d{4}$/.test(l)) : undefined
  return dated ? parseLongDate(dated) : null
}

function inspectionDates(lines: string[]): [string | null, string | null] {
  const at = lines.slice(0, 60).findIndex((l) => /^Inspection dates?:/i.test(l))
  // The dates may wrap: 'Inspection dates: 19 November-11 December 2013 and 28 – 30' / 'January 2014' (Sheffield 2014).
  if (at >= 0) return parseDateRange(/\d{4}$/.test(lines[at]) ? lines[at] : joinLines(lines.slice(at, at + 2)))
  const letter = /children.s services on ([^.]+?\d{4})/.exec(joinLines(lines.slice(0, 40)))
  return letter ? parseDateRange(letter[1]) : [null, null]
}

/** Ofsted reports and letters always name their inspectors; a letter that merely mentions Ofsted does not. */
function refuseWhatIsNotAnLaReport(doc: ReportText) {
  const text = doc.lines.join(' ')
  if (!/Ofsted/i.test(text) || !/Majesty.s Inspector|lead inspector|\bHMI\b|inspectors?\b/i.test(text))
    throw new ReportParseError(
      'not-ofsted',
      'This PDF does not look like an Ofsted report on a local authority’s children’s services',
    )
}

/** A report Sightline has no layout for: say what it is when it is a single setting's report, never guess. */
function notAnLaReport(doc: ReportText): ReportParseError {
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

export async function parseOfstedReport(bytes: Uint8Array): Promise<ParsedReport> {
  const doc = reportText(await pdfLines(bytes))
  refuseWhatIsNotAnLaReport(doc)
  const family = familyOf(doc)
  if (!family) throw notAnLaReport(doc)
  const reading = family.read(doc)
  const flags: Flag[] = [...reading.flags, ...selfCheckFlags(family, doc, reading)]
  const [inspectionStart, inspectionEnd] = inspectionDates(doc.lines)
  if (!inspectionStart)
    flags.push({ field: 'inspectionStart', message: 'Inspection dates not found: enter them from the report', page: 1 })
  else if (inspectionEnd && inspectionEnd < inspectionStart)
    flags.push({
      field: 'inspectionStart',
      message: 'The inspection seems to end before it starts: check the dates',
      page: 1,
    })
  const la = laName(doc.lines)
  if (!la) flags.push({ field: 'la', message: 'Local authority name not found', page: 1 })
  const published = publishedDate(doc.lines, family.datedLetter)
  if (!published)
    flags.push({
      field: 'published',
      message: 'Publication date is not printed in the report: take it from Ofsted’s listing',
    })
  return {
    la,
    framework: family.framework,
    family: family.id,
    pages: doc.pages,
    inspectionStart,
    inspectionEnd,
    published,
    judgements: reading.judgements,
    lscbJudgement: reading.lscbJudgement,
    lscbJudgementPage: reading.lscbJudgementPage,
    recommendations: reading.recommendations,
    flags,
  }
}
