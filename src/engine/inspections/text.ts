/** Small text helpers shared by the report readers: dates, grades, bullets, page furniture and line joining. */

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

const MONTH_WORD = '(January|February|March|April|May|June|July|August|September|October|November|December)'

function iso(day: string, month: string, year: string): string | null {
  const m = MONTHS.indexOf(month.toLowerCase()) + 1
  const d = Number(day)
  if (!m || d < 1 || d > 31) return null
  const date = new Date(Date.UTC(Number(year), m - 1, d))
  if (date.getUTCMonth() !== m - 1) return null
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** '23 May 2014' (or '10/08/2015', as Stoke-on-Trent 2015 prints it) as an ISO date, or null. */
export function parseLongDate(text: string): string | null {
  const m = new RegExp(`\\b(\\d{1,2}) ${MONTH_WORD} (\\d{4})\\b`, 'i').exec(text)
  if (m) return iso(m[1], m[2], m[3])
  const n = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(text)
  return n ? iso(n[1], MONTHS[Number(n[2]) - 1] ?? '', n[3]) : null
}

/**
 * Inspection dates as Ofsted prints them: '7 to 18 November 2022', '15 July 2019 to 26 July 2019',
 * '13 and 14 December 2022', '28 January–5 February 2014', '16 September – 8 October 2014', '15-19 July 2013',
 * '23 May to 15 June 2016', '13 October 2020'.
 */
export function parseDateRange(raw: string): [string | null, string | null] {
  const periods = inspectionPeriods(raw)
  return [periods[0][0], periods[periods.length - 1][1]]
}

/**
 * The on-site periods of an inspection, first to last: '5 to 9 December 2022 and 14 to 15 February 2023' (South
 * Tyneside 2023) is two, '19 November-11 December 2013 and 28 – 30 January 2014' (Sheffield 2014) is two, while
 * '13 and 14 December 2022' is one.
 */
export function inspectionPeriods(raw: string): Array<[string | null, string | null]> {
  const parts = raw.split(/\s+and\s+(?=\d)/)
  const dated = (part: string) => /\d{1,2}\s*[A-Za-z]+\s+\d{4}/.test(part)
  if (parts.length > 1 && parts.every(dated)) return parts.map(onePeriod)
  return [onePeriod(raw)]
}

function onePeriod(raw: string): [string | null, string | null] {
  // Day/month/year numbers: '1/06/2015 – 25/06/2015' (Stoke-on-Trent 2015).
  const numeric = /\b(\d{1,2}\/\d{1,2}\/\d{4})\s*(?:[–—-]|to)\s*(\d{1,2}\/\d{1,2}\/\d{4})\b/.exec(raw)
  if (numeric) return [parseLongDate(numeric[1]), parseLongDate(numeric[2])]
  const text = raw.replace(/\s*[–—-]\s*/g, ' to ').replace(/\s+/g, ' ')
  const D = '(\\d{1,2})'
  const Y = '(\\d{4})'
  const SEP = ' (?:to|and|until) '
  let m = new RegExp(`${D} ${MONTH_WORD} ${Y}${SEP}${D} ${MONTH_WORD} ${Y}`, 'i').exec(text)
  if (m) return [iso(m[1], m[2], m[3]), iso(m[4], m[5], m[6])]
  m = new RegExp(`${D} ${MONTH_WORD}${SEP}${D} ${MONTH_WORD} ${Y}`, 'i').exec(text)
  if (m) return [iso(m[1], m[2], m[5]), iso(m[3], m[4], m[5])]
  m = new RegExp(`${D}${SEP}${D} ${MONTH_WORD} ${Y}`, 'i').exec(text)
  if (m) return [iso(m[1], m[3], m[4]), iso(m[2], m[3], m[4])]
  const single = parseLongDate(text)
  return [single, single]
}

export type ReportGrade = 'Outstanding' | 'Good' | 'Requires improvement' | 'Adequate' | 'Inadequate'

/**
 * A grade word as printed ('Requires Improvement', 'requires improvement to be good', 'inadequate', 'Adequate'),
 * in Sightline's spelling. 'Adequate' (the third grade before 2013) is kept as printed.
 */
export function gradeWord(raw: string): ReportGrade | null {
  const t = raw.trim().toLowerCase()
  if (/^outstanding\b/.test(t)) return 'Outstanding'
  if (/^good\b/.test(t)) return 'Good'
  if (/^requires? improvement\b/.test(t)) return 'Requires improvement'
  if (/^inadequate\b/.test(t)) return 'Inadequate'
  if (/^adequate\b/.test(t)) return 'Adequate'
  return null
}

/** Bullet glyphs as the PDFs' fonts give them: GOV.UK squares, dots, and Wingdings/Symbol private-use code points. */
export const BULLET = /^[◼■•▪●·\uf000-\uf0ff]\s*/

/** Page numbers, form feeds, blank lines and running headers ("Medway Council Inspection of ... 8"). */
export function isPageFurniture(line: string): boolean {
  return (
    line === '\f' ||
    line === '' ||
    /^\d{1,3}$/.test(line) ||
    /^© Crown copyright/.test(line) ||
    /Inspection of (safeguarding and )?looked after children( services)? \d{1,3}$/.test(line)
  )
}

/** Joins wrapped lines: a line ending in a hyphen runs on without a space ('co-' + 'worked'), others with one. */
export function joinLines(parts: string[]): string {
  let out = ''
  for (const part of parts) {
    const p = part.trim()
    if (!p) continue
    if (!out) out = p
    else if (/[A-Za-z]-$/.test(out)) out += p
    else out += ' ' + p
  }
  return out.replace(/\s+/g, ' ').trim()
}
