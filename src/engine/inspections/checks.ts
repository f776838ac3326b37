/**
 * Self-checks on a reading: whatever a report itself lets us verify, verified, and every doubt turned into a flag on
 * the field, with the page where the reviewer should look. Nothing here changes what was read.
 */
import type { LayoutFamily } from './families/family.ts'
import type { FamilyReading, Flag, Judgement, Recommendation } from './model.ts'
import type { ReportText } from './reportText.ts'

/** Paragraph numbers run on by one within each addressee's list (the LA's, then the board's), across categories. */
export function numberingFlags(recommendations: Recommendation[]): Flag[] {
  const flags: Flag[] = []
  const last = new Map<string, number>()
  recommendations.forEach((r, i) => {
    if (r.number === null) return
    const n = Number(r.number)
    const before = last.get(r.addressee)
    if (before !== undefined && n !== before + 1)
      flags.push({
        field: `recommendations.${i}.number`,
        message:
          n > before + 1
            ? `Paragraph ${before} is followed by ${n}: ${n - before - 1 === 1 ? 'one recommendation' : 'recommendations'} may have been missed`
            : `Paragraph ${n} follows ${before}: check the numbering against the report`,
        page: r.page,
      })
    last.set(r.addressee, n)
  })
  return flags
}

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve']

/** "This report makes eight recommendations": where a report states its count, the list must have that many. */
export function statedCountFlags(doc: ReportText, recommendations: Recommendation[]): Flag[] {
  const stated =
    /\b(?:this report makes|the following|we make|inspectors make|inspectors have made) (\w+) recommendations?\b/i
  const lscb = recommendations.filter((r) => r.addressee === 'safeguarding board').length
  const la = recommendations.length - lscb
  const flags: Flag[] = []
  doc.lines.forEach((line, i) => {
    const m = stated.exec(line)
    if (!m) return
    const n = NUMBER_WORDS.indexOf(m[1].toLowerCase()) + 1 || Number(m[1])
    if (n && n !== la && n !== lscb && n !== recommendations.length)
      flags.push({
        field: 'recommendations',
        message: `The report says it makes ${n} recommendations; ${recommendations.length} were read`,
        page: doc.pageOf[i],
      })
  })
  return flags
}

/** "(Recommendation)" tags in the body, and "(Recommendation 7)" cross-references, point at items that were read. */
export function crossReferenceFlags(doc: ReportText, recommendations: Recommendation[]): Flag[] {
  const flags: Flag[] = []
  const numbers = new Set(recommendations.filter((r) => r.addressee === 'local authority').map((r) => r.number))
  let taggedPage: number | null = null
  doc.lines.forEach((line, i) => {
    if (/\(Recommendation\)/.test(line)) taggedPage ??= doc.pageOf[i]
    for (const m of line.matchAll(/\(Recommendations? (\d{1,3})(?:(?:, | and )(\d{1,3}))*\)/gi)) {
      const cited = m[0].match(/\d{1,3}/g) ?? []
      const missing = cited.filter((n) => !numbers.has(n))
      if (missing.length)
        flags.push({
          field: 'recommendations',
          message: `The report cites recommendation ${missing.join(' and ')} (“${m[0]}”), which was not read`,
          page: doc.pageOf[i],
        })
    }
  })
  if (taggedPage !== null && !recommendations.length)
    flags.push({
      field: 'recommendations',
      message: 'The report tags findings “(Recommendation)” but no recommendations were read: enter them',
      page: taggedPage,
    })
  return flags
}

/** The judgement rows and the LSCB grade the family's framework requires, and a list where one is required. */
export function requiredFieldFlags(family: LayoutFamily, doc: ReportText, reading: FamilyReading): Flag[] {
  const flags: Flag[] = []
  const tablePage = reading.judgements[0]?.page ?? 1
  const missing = family.requiredJudgements.filter(([, area]) => !reading.judgements.some((j) => area.test(j.area)))
  if (missing.length)
    flags.push({
      field: 'judgements',
      message: `No judgement was read for ${missing.map(([name]) => name).join(', ')}: enter ${missing.length === 1 ? 'it' : 'them'} from the report`,
      page: tablePage,
    })
  if (family.requiresLscb(doc) && !reading.lscbJudgement)
    flags.push({
      field: 'lscbJudgement',
      message: 'The report reviews the LSCB but its judgement was not found: enter it from the report',
      page: 1,
    })
  if (family.requiresRecommendations && !reading.recommendations.length) {
    // Where to look: the first heading of the kind that opens a list, past the contents page (which ends in a number).
    const heading = doc.body.findIndex((l) =>
      /^(Recommendations|What needs to improve|Areas? for (priority action|improvement)|Priority and immediate action)\b(?!.*\s\d{1,3}$)/i.test(
        l,
      ),
    )
    flags.push({
      field: 'recommendations',
      ...(heading >= 0
        ? { message: 'No recommendations were found: enter them from the report', page: doc.bodyPage[heading] }
        : {
            message:
              'The report has no list of recommendations the reader knows (no “What needs to improve” or “Recommendations” heading); a report may make none: check it and enter any',
          }),
    })
  }
  reading.recommendations.forEach((r, i) => {
    if (r.text.length < 15)
      flags.push({
        field: `recommendations.${i}.text`,
        message: 'This recommendation is very short: check it against the report',
        page: r.page,
      })
  })
  return flags
}

/** An area name holding a grade or a row number ("... to be good 2. Children looked after ...") is two rows run together. */
export function judgementRowFlags(judgements: Judgement[]): Flag[] {
  const merged = /\b(requires? improvement|inadequate|outstanding)\b|(^|\s)\d\.\d?\s/i
  return judgements.flatMap((j, i) =>
    merged.test(j.area)
      ? [
          {
            field: `judgements.${i}.area`,
            message: `“${j.area.slice(0, 60)}…” looks like two rows of the judgement table read as one: check the rows against the report`,
            page: j.page,
          },
        ]
      : [],
  )
}

export function selfCheckFlags(family: LayoutFamily, doc: ReportText, reading: FamilyReading): Flag[] {
  return [
    ...requiredFieldFlags(family, doc, reading),
    ...judgementRowFlags(reading.judgements),
    ...numberingFlags(reading.recommendations),
    ...statedCountFlags(doc, reading.recommendations),
    ...crossReferenceFlags(doc, reading.recommendations),
  ]
}
