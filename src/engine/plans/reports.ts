import { formatDate } from '../dates.ts'

/** The inspection frameworks an imported Ofsted report can belong to. */
export const FRAMEWORKS = ['SIF', 'ILACS', 'focused visit', 'monitoring visit', 'other'] as const
export type Framework = (typeof FRAMEWORKS)[number]

/** Who a recommendation is for, as stored. */
export const ADDRESSEES = ['local authority', 'safeguarding board'] as const
export type Addressee = (typeof ADDRESSEES)[number]

/** "LSCB", "Local Safeguarding Children Board", "the local authority" -> the two stored addressees. */
export function normaliseAddressee(v: string): Addressee | undefined {
  const s = v.trim().toLowerCase()
  if (/lscb|safeguarding (children )?(board|partnership)|^board$|partners/.test(s)) return 'safeguarding board'
  if (/^(la|local authority|the local authority|council)$/.test(s) || s.includes('local authority'))
    return 'local authority'
  return undefined
}

/** "monitoring visit report published 12 May 2016": how a person tells one of an LA's reports from another. */
export function reportName(r: Record<string, unknown>): string {
  const when = r.inspectionStart
    ? ` (inspected ${formatDate(r.inspectionStart)})`
    : r.published
      ? ` (published ${formatDate(r.published)})`
      : ''
  return `${String(r.framework ?? 'Ofsted')} report${when}`
}

/** '2014-07' or '2014-07-15' -> '2014-07-01'; undefined when it is not a month. */
export function monthStart(v: string): string | undefined {
  const m = /^(\d{4})-(\d{2})(-\d{2})?$/.exec(v ?? '')
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined
  return `${m[1]}-${m[2]}-01`
}

/** Which of the register's framework labels (Ofsted's outcome files) each reader framework corresponds to. */
const REGISTER_FRAMEWORKS: Record<Framework, RegExp> = {
  SIF: /^SIF/,
  ILACS: /^ILACS/,
  'focused visit': /^Focused visit/i,
  'monitoring visit': /^Monitoring visit/i,
  other: /^(SLAC|CPI|TLAC)/,
}

/** Ofsted publishes a report within a few weeks of the visit; a listing more than this many days later is another one. */
const PUBLICATION_WINDOW_DAYS = 150

/** An inspection as the register records it. */
export interface RegisterInspection {
  id: number
  framework: string
  startDate: string | null
  endDate: string | null
  published: string | null
  overallGrade: string | null
}

/** What a report says about its own inspection. */
export interface ReportDates {
  framework: Framework
  inspectionStart: string | null
  inspectionEnd: string | null
  published: string | null
}

/**
 * The register's record of the same inspection, from the LA's inspections in publication order. In order: same first
 * day; same publication date; and, since Ofsted's outcome files give only publication dates and most reports do not
 * print one, the first inspection of the same framework published within 150 days after the visit ended.
 */
export function matchRegisterInspection<T extends RegisterInspection>(rows: T[], r: ReportDates): T | null {
  const byStart = rows.find(
    (x) =>
      r.inspectionStart &&
      x.startDate === r.inspectionStart &&
      (!r.inspectionEnd || !x.endDate || x.endDate === r.inspectionEnd),
  )
  const family = REGISTER_FRAMEWORKS[r.framework]
  const byPublished = rows.find((x) => r.published && !x.startDate && x.published === r.published)
  const visitEnd = r.inspectionEnd ?? r.inspectionStart
  const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000
  const byWindow = visitEnd
    ? rows.find(
        (x) =>
          !r.published &&
          x.published &&
          family.test(x.framework) &&
          days(visitEnd, x.published) >= 0 &&
          days(visitEnd, x.published) <= PUBLICATION_WINDOW_DAYS,
      )
    : undefined
  return byStart ?? byPublished ?? byWindow ?? null
}

/** One recommendation as the report reader gives it. */
export interface RecommendationInput {
  number: string | null
  category: string
  addressee: string
  text: string
  /** The theme sub-heading the report groups it under, if any. */
  theme?: string | null
}

/** A council's name as compared: 'Bristol, City of' in the register is 'Bristol City Council' in a report, read as 'Bristol'. */
function simpleCouncilName(n: string) {
  return n
    .toLowerCase()
    .replace(/,\s*(city|county) of$/, '')
    .replace(/&/g, 'and')
    .replace(/[^a-z]/g, '')
}

/** @example sameCouncil('Bristol', 'Bristol, City of') // true; sameCouncil('Derby', 'Norfolk') // false */
export function sameCouncil(named: string, registerName: string): boolean {
  return simpleCouncilName(named) === simpleCouncilName(registerName)
}
