import { parseGrade } from '../publicData/values.ts'
import { pdfLines, ReportParseError } from './pdfText.ts'

export interface ParsedReport {
  la: string
  framework: 'SIF' | 'ILACS' | 'focused visit' | 'monitoring visit' | 'other'
  inspectionStart: string | null
  inspectionEnd: string | null
  published: string | null
  judgements: Array<{ area: string; grade: string }>
  lscbJudgement: string | null
  recommendations: Array<{ number: string | null; category: string; addressee: string; text: string }>
  /** What the reader is unsure of: shown on the review page, never silently guessed. */
  flags: Array<{ field: string; message: string }>
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
const iso = (d: string, m: string, y: string) => {
  const month = MONTHS.indexOf(m.toLowerCase()) + 1
  return month ? `${y}-${String(month).padStart(2, '0')}-${d.padStart(2, '0')}` : null
}

/** '7 to 18 November 2022', '15 July 2019 to 26 July 2019', '13 and 14 December 2022'. */
export function parseDateRange(text: string): [string | null, string | null] {
  const full = /(\d{1,2}) ([A-Za-z]+) (\d{4}) (?:to|–|-) (\d{1,2}) ([A-Za-z]+) (\d{4})/.exec(text)
  if (full) return [iso(full[1], full[2], full[3]), iso(full[4], full[5], full[6])]
  const month = /(\d{1,2}) ([A-Za-z]+)? ?(?:to|and|–|-) (\d{1,2}) ([A-Za-z]+) (\d{4})/.exec(text)
  if (month) return [iso(month[1], month[2] ?? month[4], month[5]), iso(month[3], month[4], month[5])]
  const single = /(\d{1,2}) ([A-Za-z]+) (\d{4})/.exec(text)
  if (single) {
    const d = iso(single[1], single[2], single[3])
    return [d, d]
  }
  return [null, null]
}

const BULLET = /^[◼■•▪●]\s*/
const isPageNoise = (l: string) => l === '\f' || /^\d{1,3}$/.test(l) || l === ''

function frameworkOf(lines: string[]): ParsedReport['framework'] {
  const head = lines.slice(0, 40).join(' ')
  const title = lines.slice(0, 6).join(' ')
  if (/Inspection of .*local authority children.s services|Inspection of children.s social care services/i.test(title)) return 'ILACS'
  if (/monitoring visit/i.test(head)) return 'monitoring visit'
  if (/focused visit/i.test(head)) return 'focused visit'
  if (/children in need of help and protection.*children looked after and care leavers/i.test(head)) return 'SIF'
  return 'other'
}

function laName(lines: string[], framework: ParsedReport['framework']): string {
  const head = lines.slice(0, 40).join(' ')
  const patterns = [
    /Inspection of (.+?) local authority children.s services/i,
    /Focused visit to (.+?) children.s services/i,
    /Monitoring visit to (.+?) children.s services/i,
    /^(.+?) Children.s Services Inspection of children.s social care/i,
  ]
  for (const p of patterns) {
    const m = p.exec(head)
    if (m) return cleanLa(m[1])
  }
  // 2019 ILACS layout: the LA's name on the line(s) above 'Inspection of children's social care services'.
  const at = lines.findIndex((l) => /^Inspection of children.s social care services$/i.test(l))
  const above = lines.slice(0, Math.max(at, 0)).filter((l) => !isPageNoise(l))
  if (at > 0 && above.length) return cleanLa(above[above.length - 1].replace(/ Children.s Services$/i, ''))
  void framework
  return ''
}

function cleanLa(name: string) {
  return name
    .replace(/^\d+\s+/, '')
    .replace(/\b(City|Metropolitan Borough|Borough|County)? ?Council\b/gi, '')
    .replace(/\bMBC$/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** ILACS judgement table: area text over one or more lines, then its grade (alone or at the end of the line). */
function ilacsJudgements(lines: string[]) {
  const start = lines.findIndex((l) => /^Judgement Grade$/i.test(l))
  const out: Array<{ area: string; grade: string }> = []
  if (start < 0) return out
  let area = ''
  for (const line of lines.slice(start + 1, start + 40)) {
    if (/^to be good$/i.test(line)) continue // 'Requires improvement' wrapped onto a second line
    const g = /(Outstanding|Good|Requires improvement to be good|Requires improvement|Inadequate)$/.exec(line)
    if (g) {
      const text = (area + ' ' + line.slice(0, g.index)).trim()
      out.push({ area: text, grade: parseGrade(g[1])!.grade })
      area = ''
      if (/^Overall effectiveness/i.test(text)) break
    } else area += ' ' + line
  }
  return out
}

const HEADING = /^(What needs to improve.*|Areas? for priority action.*)$/i
/** A short capitalised line with no full stop ('Findings', 'Next steps') is a heading, which ends a list. */
const isHeadingLike = (l: string) => /^[A-Z][^.]{0,30}$/.test(l) && l.split(' ').length <= 3

/**
 * Bulleted lists under headings ('What needs to improve?', 'Areas for priority action'): category = heading. A heading
 * followed by a paragraph (with or without sub-bullets) is one recommendation: the paragraph and its bullets.
 */
function bulletRecommendations(lines: string[]) {
  const out: ParsedReport['recommendations'] = []
  let category: string | null = null
  let current: string | null = null
  let paragraph = false
  const flush = () => {
    if (category && current) out.push({ number: null, category, addressee: 'local authority', text: current.trim() })
    current = null
  }
  for (const line of lines) {
    if (HEADING.test(line) && !BULLET.test(line)) {
      flush()
      category = line.replace(/\?$/, '').trim()
      paragraph = false
      continue
    }
    if (!category || isPageNoise(line)) continue
    if (current === null && !BULLET.test(line) && !paragraph) {
      paragraph = true
      current = line
      continue
    }
    if (paragraph) {
      if (isHeadingLike(line)) {
        flush()
        category = null
      } else current += ' ' + line.replace(BULLET, '')
      continue
    }
    if (BULLET.test(line)) {
      flush()
      current = line.replace(BULLET, '')
    } else if (current !== null && !/[.;:]$/.test(current.trim()) && !isHeadingLike(line)) current += ' ' + line
    else {
      flush()
      category = null
    }
  }
  flush()
  return out
}

/**
 * Reads an Ofsted local authority children's services report or visit letter. This first version reads ILACS
 * inspections and focused visits (judgements, dates, bulleted recommendations); for SIF and older reports it returns
 * what it can and flags the rest for the reviewer.
 */
export async function parseOfstedReport(bytes: Uint8Array): Promise<ParsedReport> {
  const lines = await pdfLines(bytes)
  const framework = frameworkOf(lines)
  const text = lines.join(' ')
  // Ofsted reports and letters always name their inspectors; a letter that merely mentions Ofsted does not.
  if (!/Ofsted/i.test(text) || !/Majesty.s Inspector|lead inspector|\bHMI\b|inspectors?\b/i.test(text)) throw new ReportParseError('not-ofsted', 'This PDF does not look like an Ofsted report on a local authority’s children’s services')
  const flags: ParsedReport['flags'] = []
  const datesLine = lines.find((l) => /^Inspection dates?:/i.test(l)) ?? lines.slice(0, 40).find((l) => /visit to .* children.s services on /i.test(l)) ?? ''
  const datesText = datesLine || (/(services on [^.]+\d{4})/.exec(text)?.[1] ?? '')
  const [inspectionStart, inspectionEnd] = parseDateRange(datesText)
  if (!inspectionStart) flags.push({ field: 'inspectionStart', message: 'Inspection dates not found' })
  const judgements = framework === 'ILACS' ? ilacsJudgements(lines) : []
  if (framework === 'ILACS' && !judgements.length) flags.push({ field: 'judgements', message: 'Judgement table not found' })
  const recommendations = framework === 'ILACS' || framework === 'focused visit' || framework === 'monitoring visit' ? bulletRecommendations(lines) : []
  if (framework === 'SIF' || framework === 'other') flags.push({ field: 'recommendations', message: `This reader does not yet read ${framework} reports' recommendations and judgements: enter them by hand` })
  const la = laName(lines, framework)
  if (!la) flags.push({ field: 'la', message: 'Local authority name not found' })
  flags.push({ field: 'published', message: 'Publication date is not printed in the report: take it from Ofsted’s listing' })
  return { la, framework, inspectionStart, inspectionEnd, published: null, judgements, lscbJudgement: null, recommendations, flags }
}
