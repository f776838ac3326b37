/**
 * Reads an Ofsted local authority children's services report or visit letter (PDF text layer, no OCR) into the
 * fields a person then confirms on the review page. Each framework has its own layout, read by its own module:
 * SIF 2013-18 (sif.ts), ILACS 2018- and the visit letters (ilacs.ts), and the pre-SIF 2012-13 inspections (lac2013.ts).
 * Whatever is not found is flagged for the reviewer rather than guessed.
 */
import { bulletRecommendations, ilacsJudgements } from './ilacs.ts'
import { lacJudgements, lacRecommendations } from './lac2013.ts'
import type { Flag, Framework, ParsedReport } from './model.ts'
import { pdfLines, ReportParseError } from './pdfText.ts'
import { lscbJudgement, sifJudgements, sifRecommendations } from './sif.ts'
import { isPageFurniture, joinLines, parseDateRange, parseLongDate } from './text.ts'

export type { ParsedReport, Framework } from './model.ts'
export { parseDateRange } from './text.ts'

function frameworkOf(lines: string[]): Framework {
  const head = lines.slice(0, 40)
  const title = joinLines(lines.slice(0, 8))
  if (head.some((l) => /^Monitoring visit (to|of) /i.test(l))) return 'monitoring visit'
  if (head.some((l) => /^Focused visit (to|of) /i.test(l))) return 'focused visit'
  if (/Inspection of .*local authority children.s services|Inspection of children.s social care services/i.test(title))
    return 'ILACS'
  if (/children in need of help and protection,? children looked after and care leavers/i.test(title)) return 'SIF'
  const text = joinLines(head)
  if (/monitoring visit/i.test(text)) return 'monitoring visit'
  if (/focused visit/i.test(text)) return 'focused visit'
  return 'other'
}

/** "Metropolitan Borough of Rotherham", "St Helens Metropolitan Borough Council", "Medway Children's Services" -> the name. */
export function cleanLaName(name: string): string {
  return name
    .replace(/^\d+\s+/, '')
    .replace(/^(The )?(Royal |London |Metropolitan |County )?Borough of /i, '')
    .replace(/^(City|County) of /i, '')
    .replace(/ Children.s Services$/i, '')
    .replace(/\b(City|Metropolitan Borough|Borough|County|District)? ?Council\b/gi, '')
    .replace(/\bMBC$/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function laName(lines: string[], framework: Framework): string {
  const head = joinLines(lines.slice(0, 40))
  const patterns = [
    /Inspection of (.+?) local authority children.s services/i,
    /(?:Focused|Monitoring) visit (?:to|of) (.+?) children.s services/i,
  ]
  for (const p of patterns) {
    const m = p.exec(head)
    if (m) return cleanLaName(m[1])
  }
  const content = lines.slice(0, 20).filter((l) => !isPageFurniture(l))
  if (framework === 'SIF') return cleanLaName(content[0] ?? '')
  if (framework === 'other') {
    // "Inspection of looked after children services" / "Medway Council"
    const council = content.find((l) => /Council$|^(Metropolitan )?Borough of /i.test(l))
    if (council) return cleanLaName(council)
  }
  // 2019 ILACS layout: the LA's name on the line(s) above "Inspection of children's social care services".
  const at = content.findIndex((l) => /^Inspection of children.s social care services$/i.test(l))
  if (at > 0) return cleanLaName(joinLines(content.slice(0, at)))
  return ''
}

function publishedDate(lines: string[], framework: Framework): string | null {
  const head = lines.slice(0, 40)
  const printed = head.find((l) => /^(Report )?published:? /i.test(l))
  if (printed) return parseLongDate(printed)
  if (framework === 'focused visit' || framework === 'monitoring visit') {
    // A letter is dated at its top, above the addressee.
    const dated = head.slice(0, 15).find((l) => /^\d{1,2} [A-Z][a-z]+ \d{4}$/.test(l))
    if (dated) return parseLongDate(dated)
  }
  return null
}

function inspectionDates(lines: string[]): [string | null, string | null] {
  const line = lines.slice(0, 60).find((l) => /^Inspection dates?:/i.test(l))
  if (line) return parseDateRange(line)
  const letter = /children.s services on ([^.]+?\d{4})/.exec(joinLines(lines.slice(0, 40)))
  return letter ? parseDateRange(letter[1]) : [null, null]
}

export async function parseOfstedReport(bytes: Uint8Array): Promise<ParsedReport> {
  const lines = await pdfLines(bytes)
  const text = lines.join(' ')
  // Ofsted reports and letters always name their inspectors; a letter that merely mentions Ofsted does not.
  if (!/Ofsted/i.test(text) || !/Majesty.s Inspector|lead inspector|\bHMI\b|inspectors?\b/i.test(text))
    throw new ReportParseError(
      'not-ofsted',
      'This PDF does not look like an Ofsted report on a local authority’s children’s services',
    )
  const framework = frameworkOf(lines)
  const flags: Flag[] = []
  const [inspectionStart, inspectionEnd] = inspectionDates(lines)
  if (!inspectionStart)
    flags.push({ field: 'inspectionStart', message: 'Inspection dates not found: enter them from the report' })

  let judgements: ParsedReport['judgements'] = []
  let recommendations: ParsedReport['recommendations'] = []
  let lscb: string | null = null
  if (framework === 'SIF') {
    const j = sifJudgements(lines)
    const r = sifRecommendations(lines)
    judgements = j.judgements
    recommendations = r.recommendations
    flags.push(...j.flags, ...r.flags)
    lscb = lscbJudgement(lines)
    const reviewsBoard = /Review of the effectiveness of the (Local Safeguarding Children Board|LSCB)/i.test(
      joinLines(lines.slice(0, 12)),
    )
    if (reviewsBoard && !lscb)
      flags.push({
        field: 'lscbJudgement',
        message: 'The report reviews the LSCB but its judgement was not found: enter it from the report',
      })
  } else if (framework === 'other') {
    judgements = lacJudgements(lines)
    recommendations = lacRecommendations(lines)
    flags.push({
      field: 'framework',
      message:
        'An inspection from before the single inspection framework (2013): check the framework, the judgements and the recommendations against the report',
    })
    judgements.forEach((j, i) => {
      if (j.grade === 'Adequate')
        flags.push({
          field: `judgements.${i}.grade`,
          message: 'Printed as “Adequate” (grade 3 before 2013), which Ofsted now records as Requires improvement',
        })
    })
    if (!judgements.length)
      flags.push({ field: 'judgements', message: 'No judgements were found: enter them from the report' })
    if (!recommendations.length)
      flags.push({ field: 'recommendations', message: 'No recommendations were found: enter them from the report' })
  } else {
    if (framework === 'ILACS') {
      judgements = ilacsJudgements(lines)
      if (!judgements.length)
        flags.push({ field: 'judgements', message: 'Judgement table not found: enter the judgements from the report' })
    }
    recommendations = bulletRecommendations(lines)
    if (framework === 'ILACS' && !recommendations.length)
      flags.push({ field: 'recommendations', message: 'No “What needs to improve” list was found: check the report' })
  }
  recommendations.forEach((r, i) => {
    if (r.text.length < 15)
      flags.push({
        field: `recommendations.${i}.text`,
        message: 'This recommendation is very short: check it against the report',
      })
  })

  const la = laName(lines, framework)
  if (!la) flags.push({ field: 'la', message: 'Local authority name not found' })
  const published = publishedDate(lines, framework)
  if (!published)
    flags.push({
      field: 'published',
      message: 'Publication date is not printed in the report: take it from Ofsted’s listing',
    })
  return {
    la,
    framework,
    inspectionStart,
    inspectionEnd,
    published,
    judgements,
    lscbJudgement: lscb,
    recommendations,
    flags,
  }
}
