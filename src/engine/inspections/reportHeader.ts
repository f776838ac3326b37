/**
 * What every report and letter shares, whatever its layout family: the council it is about, the inspection dates and
 * the publication date. Each reader returns null (or '') when the text does not say; parseReport.ts flags that.
 */
import { joinLines, isPageFurniture, parseDateRange, parseLongDate } from './text.ts'

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

export function laName(lines: string[]): string {
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

export function publishedDate(lines: string[], letter: boolean): string | null {
  const head = lines.slice(0, 40)
  const printed = head.find((l) => /^(Report )?published:? /i.test(l))
  if (printed) return parseLongDate(printed)
  // A letter is dated at its top, above the addressee.
  const dated = letter ? head.slice(0, 15).find((l) => /^\d{1,2} [A-Z][a-z]+ \d{4}$/.test(l)) : undefined
  return dated ? parseLongDate(dated) : null
}

export function inspectionDates(lines: string[]): [string | null, string | null] {
  const at = lines.slice(0, 60).findIndex((l) => /^Inspection dates?:/i.test(l))
  // The dates may wrap: 'Inspection dates: 19 November-11 December 2013 and 28 – 30' / 'January 2014' (Sheffield 2014).
  if (at >= 0) return parseDateRange(/\d{4}$/.test(lines[at]) ? lines[at] : joinLines(lines.slice(at, at + 2)))
  const letter = /children.s services on ([^.]+?\d{4})/.exec(joinLines(lines.slice(0, 40)))
  return letter ? parseDateRange(letter[1]) : [null, null]
}
