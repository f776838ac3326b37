/**
 * Value parsing shared by the readers: dates in every form councils send (ISO, UK text, Excel serials), yes/no in
 * its many spellings, sex codes, and the official code at the front of an Ofsted "letter) code: label" value.
 * Each returns null for a blank and `undefined` for a value it cannot read (the reader then records an issue).
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
}

/** `DDDD-DD-DD` by character codes (the CIN census's form), without a regular expression. */
function isIsoShape(s: string): boolean {
  for (let i = 0; i < 10; i++) {
    const c = s.charCodeAt(i)
    if (i === 4 || i === 7 ? c !== 45 : c < 48 || c > 57) return false
  }
  return true
}

/** An ISO-shaped date as it is when it is a real day (no new string), else undefined. */
function isoDay(s: string): string | undefined {
  const y = s.charCodeAt(0) * 1000 + s.charCodeAt(1) * 100 + s.charCodeAt(2) * 10 + s.charCodeAt(3) - 48 * 1111
  const m = s.charCodeAt(5) * 10 + s.charCodeAt(6) - 48 * 11
  const d = s.charCodeAt(8) * 10 + s.charCodeAt(9) - 48 * 11
  return isDay(y, m, d) ? s : undefined
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

const pad = (n: number) => String(n).padStart(2, '0')

function isDay(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]) return false
  return !(m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)))
}

const validIso = (y: number, m: number, d: number): string | undefined =>
  isDay(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : undefined

const fullYear = (y: string) => (y.length === 2 ? (Number(y) > 50 ? 1900 : 2000) + Number(y) : Number(y))

/** Excel's day number (1900 date system, with its 1900 leap-year bug) to ISO. */
export function excelSerialDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 100_000) return undefined
  const ms = Math.round((Math.floor(serial) - 25569) * 86_400_000)
  return new Date(ms).toISOString().slice(0, 10)
}

/**
 * @example parseDate('31/03/2014') // '2014-03-31'
 * @example parseDate(41729) // '2014-03-31' (Excel serial)
 * @example parseDate('31-Mar-14') // '2014-03-31'
 */
export function parseDate(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' && value.length === 10 && isIsoShape(value)) return isoDay(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10)
  if (typeof value === 'number') return excelSerialDate(value)
  const s = String(value).trim()
  if (s === '') return null
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(s)
  if (m) return validIso(+m[1], +m[2], +m[3])
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: [\d:]+)?$/.exec(s)
  if (m) return validIso(fullYear(m[3]), +m[2], +m[1])
  m = /^(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{2}|\d{4})$/.exec(s)
  if (m && MONTHS[m[2].slice(0, 4).toLowerCase()] !== undefined)
    return validIso(fullYear(m[3]), MONTHS[m[2].slice(0, 4).toLowerCase()], +m[1])
  if (m && MONTHS[m[2].slice(0, 3).toLowerCase()] !== undefined)
    return validIso(fullYear(m[3]), MONTHS[m[2].slice(0, 3).toLowerCase()], +m[1])
  if (/^\d{5}(\.\d+)?$/.test(s)) return excelSerialDate(Number(s))
  return undefined
}

const YES = new Set(['y', 'yes', '1', 'true', 't', 'a) yes', '1 - yes', 'child seen'])
const NO = new Set(['n', 'no', '0', 'false', 'f', 'b) no', '0 - no', 'child not seen'])

/** @example parseYesNo('a) Yes') // true */
export function parseYesNo(value: unknown): boolean | null | undefined {
  if (value === null || value === undefined) return null
  if (typeof value === 'boolean') return value
  const s = String(value).trim().toLowerCase()
  if (s === '' || s === 'c) unknown' || s === 'unknown') return null
  if (YES.has(s)) return true
  if (NO.has(s)) return false
  return undefined
}

/** M, F or U from 1/2/0/9, M/F/U, Male/Female and Ofsted's lettered labels. */
export function parseSex(value: unknown): 'M' | 'F' | 'U' | null | undefined {
  if (value === null || value === undefined) return null
  const s = String(value)
    .trim()
    .toLowerCase()
    .replace(/^[a-d]\)\s*/, '')
  if (s === '') return null
  if (s === '1' || s === 'm' || s.startsWith('male') || s === '1 - male') return 'M'
  if (s === '2' || s === 'f' || s.startsWith('female') || s === '2 - female') return 'F'
  if (/^(0|9|u|i|not|unknown|unborn|indeterminate|neither|unspecified|withheld)/.test(s)) return 'U'
  return undefined
}

/** A whole number (Excel may give 2.0), or undefined when the value is not one. */
export function parseInteger(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null
  const s = String(value).trim()
  if (s === '') return null
  const n = Number(s)
  return Number.isInteger(n) ? n : undefined
}

/**
 * The official code in a value: "q) 6: Police" -> "6", "a) WBRI" -> "WBRI", "N1 - Abuse or Neglect" -> "N1",
 * "f) U6: Foster placement" -> "U6"; a value with no code is returned trimmed.
 */
export function codeOf(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' && value !== '' && isPlainCode(value)) return value
  const s = String(value)
    .trim()
    .replace(/^[a-z]{1,2}\)\s*/, '')
  if (s === '') return null
  const m = /^\[?([A-Z0-9]{1,4}[A-Z0-9]?)\]?(?:\s*[:\-–]\s+|\s*:|\s*$|\s+\[)/.exec(s)
  return m ? m[1] : s
}

/** Letters and digits only (a code as the CIN census sends it): nothing to trim, strip or look up. */
function isPlainCode(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false
  }
  return true
}

/** Upper-case letters and digits only: an id already clean. */
function isUpperCode(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false
  }
  return true
}

/** Cell text with stray spaces (and non-breaking spaces) removed; null for blanks and spreadsheet errors. */
export function cleanText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' && value !== '' && isPlainCode(value)) return value
  const s = String(value)
    .replace(/\u00a0/g, ' ')
    .trim()
  return s === '' || /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?)$/.test(s) ? null : s
}

/** A child or worker id: trimmed, upper-cased (councils' systems mix case), Excel's 12345.0 made 12345. */
export function cleanId(value: unknown): string | null {
  if (typeof value === 'string' && value !== '' && isUpperCode(value)) return value
  const s = cleanText(typeof value === 'number' ? String(value) : value)
  if (s === null) return null
  return s.replace(/\.0+$/, '').toUpperCase()
}

/** `YYYY-MM` of an ISO date. */
export const monthOf = (iso: string | null | undefined) => (iso ? iso.slice(0, 7) : null)
