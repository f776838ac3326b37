import type { Grade } from '../grades.ts'

/** Symbols DfE and EES publish in place of a number (domain.md §7.2). Never read as zero. */
export const SUPPRESSION_SYMBOLS: Record<string, string> = {
  c: 'suppressed to protect confidentiality',
  x: 'not available',
  z: 'not applicable',
  k: 'rounds to zero but is not zero',
  u: 'low reliability',
  low: 'rounds to zero but is not zero',
  '..': 'not available',
  ':': 'not available',
  '-': 'nil or not applicable',
  'n/a': 'not applicable',
  na: 'not applicable',
}

export type StatValue =
  { value: number; symbol: null } | { value: null; symbol: string } | { value: null; symbol: null }

/**
 * Parses a published statistic: a number (commas allowed), a suppression symbol kept as such, or blank.
 * Returns undefined when the text is neither (a corrupt cell).
 * @example parseStatValue('1,234') // { value: 1234, symbol: null }
 * @example parseStatValue('c')     // { value: null, symbol: 'c' }
 */
export function parseStatValue(raw: string): StatValue | undefined {
  const t = raw.trim()
  if (t === '') return { value: null, symbol: null }
  const lower = t.toLowerCase()
  if (lower in SUPPRESSION_SYMBOLS) return { value: null, symbol: lower === 'low' ? 'k' : lower }
  const n = Number(t.replace(/,/g, ''))
  if (!Number.isFinite(n) || !/^[-+]?[\d,]*\.?\d+(e[-+]?\d+)?$/i.test(t)) return undefined
  return { value: n, symbol: null }
}

/**
 * An Ofsted grade as Sightline spells it, with the label as published. 'Adequate' (before 2013) and
 * 'Requires improvement to be good' both become 'Requires improvement'.
 */
export function parseGrade(raw: string): { grade: Grade; original: string } | undefined {
  const t = raw.trim()
  const l = t.toLowerCase()
  if (!t) return undefined
  if (l.startsWith('outstanding')) return { grade: 'Outstanding', original: t }
  if (l.startsWith('good')) return { grade: 'Good', original: t }
  if (l.startsWith('requires improvement') || l === 'adequate' || l === 'satisfactory')
    return { grade: 'Requires improvement', original: t }
  if (l.startsWith('inadequate')) return { grade: 'Inadequate', original: t }
  return undefined
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/**
 * Dates as they arrive: ISO, '2014-05-23 00:00:00', DD/MM/YYYY, '23 May 2014', Excel serial numbers.
 * @example parseDate('23/05/2014') // '2014-05-23'
 */
export function parseDate(raw: string): string | undefined {
  const t = raw.trim()
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?$/.exec(t)
  if (m) return valid(+m[1], +m[2], +m[3])
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t)
  if (m) return valid(+m[3], +m[2], +m[1])
  m = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(t)
  if (m) {
    const month = MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1
    return month ? valid(+m[3], month, +m[1]) : undefined
  }
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(t)) * 86400_000)
    return d.toISOString().slice(0, 10)
  }
  return undefined
}

function valid(y: number, mo: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, mo - 1, d))
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined
  return dt.toISOString().slice(0, 10)
}

/** 'Very Close', 'Close ' (trailing space), 'Not Close' -> 'Very close', 'Close', 'Not close'. */
export function normaliseBand(raw: string): string | undefined {
  const t = raw.trim().toLowerCase().replace(/\s+/g, ' ')
  const bands = ['extremely close', 'very close', 'close', 'somewhat close', 'not close']
  if (!bands.includes(t)) return undefined
  return t[0].toUpperCase() + t.slice(1)
}

/** LA names compared loosely: case, '&'/'and', 'City of', punctuation and 'Council' ignored. */
export function normaliseLaName(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\b(city of|county of|council|borough of|the|royal borough of|london borough of)\b/g, ' ')
    .replace(/[^a-z]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ')
}
