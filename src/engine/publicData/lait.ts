import { parquetMetadata, parquetReadObjects } from 'hyparquet'
import { readCsv } from './csvTable.ts'
import type { DataIssue } from './issues.ts'
import type { MeasureRow, StatisticRow } from './statistics.ts'
import { parseStatValue } from './values.ts'

/**
 * The LAIT indicator dictionary (448 rows): one stat_measure per indicator, keyed on `Measure_short`, which is the
 * `Short Desc` the values file uses (`Measure_code` is a topic-level code shared by many indicators, so it cannot be
 * the key). An indicator listed under two topics keeps its first entry.
 */
export function readLaitDictionary(text: string, source: string) {
  const { table, issues } = readCsv(text, source, [
    'Measure_code',
    'Measure_short',
    'Measure',
    'Polarity',
    'Description',
    'y_axis_name',
  ])
  const rows: Array<MeasureRow & { polarity: string | null; description: string | null; topic: string }> = []
  const seen = new Set<string>()
  for (const r of table?.rows ?? []) {
    const code = r.get('Measure_short')
    if (!code) {
      issues.push({
        severity: 'warning',
        source,
        row: r.line,
        column: 'Measure_short',
        message: 'row skipped: no indicator id',
      })
      continue
    }
    if (seen.has(code)) continue
    seen.add(code)
    const polarity = r.get('Polarity')
    const yearType = r.get('Year_Type')
    rows.push({
      dataset: 'lait',
      measure: code,
      topic: r.get('Topic'),
      title: r.get('Measure') || code,
      unit: r.get('y_axis_name') || 'value',
      // 'High' or 'Low' is good; '-' and 'NA' mean no polarity (volumes such as referrals per 10k).
      polarity: polarity === 'High' || polarity === 'Low' ? polarity : null,
      description: [r.get('Description'), yearType ? `Period: ${yearType}.` : ''].filter(Boolean).join(' ') || null,
    })
  }
  return { rows, issues: issues as DataIssue[] }
}

/**
 * The LAIT topics whose values are loaded: children's social care. LAIT's education topics (key stages, SEN, absence,
 * early years...; about 60% of its 641,000 values) are left out to keep the load fast on PGlite; their dictionary
 * entries are still loaded.
 */
export const LAIT_TOPICS = [
  'Children in Need',
  'Child Protection',
  'Children Looked After',
  'Adoption',
  "Children's Services Workforce",
  "Children's Service Finance",
  // Deprivation covariates for the unidentified-risk regression (e.g. ChildPov: % of children in low income families).
  'Economic Factors',
]

/** LAIT's area numbers for England and the regions (the values file has no geographic level column). */
const LAIT_AREAS: Record<number, { level: 'National' | 'Regional'; code: string }> = {
  970: { level: 'National', code: 'England' },
  980: { level: 'Regional', code: 'North East' },
  981: { level: 'Regional', code: 'North West' },
  982: { level: 'Regional', code: 'Yorkshire and The Humber' },
  983: { level: 'Regional', code: 'East Midlands' },
  984: { level: 'Regional', code: 'West Midlands' },
  985: { level: 'Regional', code: 'East of England' },
  986: { level: 'Regional', code: 'London' },
  987: { level: 'Regional', code: 'Inner London' },
  988: { level: 'Regional', code: 'Outer London' },
  989: { level: 'Regional', code: 'South East' },
  990: { level: 'Regional', code: 'South West' },
}

/**
 * The year a LAIT period label ends in: '2016-17' and '2016-17 (OT)' -> 2017, '2015/16' -> 2016, '2014-16' (three
 * years rolling) -> 2016, '2013/14-15/16' -> 2016, '2018 (Rev)' -> 2018. Returns undefined for anything else ('0').
 * @example laitYear('2013/14-15/16') // 2016
 */
export function laitYear(label: string): number | undefined {
  const m = /^(\d{4})(?:[-/](\d{2}))?(?:-(\d{2})\/(\d{2}))?(?:\s*\([A-Za-z]+\))?$/.exec(label.trim())
  if (!m) return undefined
  const start = Number(m[1])
  if (start < 1990 || start > 2100) return undefined
  const last = m[4] ?? m[2]
  if (!last) return start
  const end = Math.floor(start / 100) * 100 + Number(last)
  return end >= start ? end : end + 100
}

/**
 * LAIT indicator values (`bds_long_0.parquet`: Short Desc, Years, LA Number, Values), as statistic rows of the
 * dataset 'lait' with the indicator's `Short Desc` as measure and the end year of its period as year. '-' is kept as
 * a symbol, never zero. `measures` limits the indicators read (see LAIT_TOPICS).
 */
export async function readLaitValues(file: ArrayBuffer, source: string, options: { measures?: Set<string> } = {}) {
  const issues: DataIssue[] = []
  const rows: StatisticRow[] = []
  let records: Array<Record<string, unknown>>
  try {
    parquetMetadata(file)
    records = await parquetReadObjects({ file, columns: ['Short Desc', 'Years', 'LA Number', 'Values'] })
  } catch (err) {
    issues.push({ severity: 'error', source, message: `not a readable Parquet file: ${(err as Error).message}` })
    return { rows, issues, placeholders: 0 }
  }
  const seen = new Set<string>()
  const skippedPeriods = new Map<string, number>()
  let placeholders = 0
  records.forEach((rec, i) => {
    const row = i + 1 // data row number (Parquet has no lines)
    const r = classifyLaitRecord(rec, options.measures)
    if (r.kind === 'issue') return issues.push({ severity: 'error', source, row, ...r.issue })
    if (r.kind === 'other-measure') return
    if (r.kind === 'not-a-year') return skippedPeriods.set(r.label, (skippedPeriods.get(r.label) ?? 0) + 1)
    if (r.kind === 'placeholder') return placeholders++
    const key = `${r.measure}|${r.area.code}|${r.year}`
    if (seen.has(key))
      return issues.push({
        severity: 'warning',
        source,
        row,
        message: `duplicate value for ${r.measure} ${r.area.code} ${r.label}: first one kept`,
      })
    seen.add(key)
    rows.push({
      dataset: 'lait',
      measure: r.measure,
      geographicLevel: r.area.level,
      areaCode: r.area.code,
      year: r.year,
      value: r.parsed.value,
      symbol: r.parsed.symbol,
    })
  })
  for (const [label, n] of skippedPeriods)
    issues.push({
      severity: 'warning',
      source,
      column: 'Years',
      value: label,
      message: `${n} values skipped: period is not a year`,
    })
  return { rows, issues, placeholders }
}

type LaitArea = NonNullable<ReturnType<typeof laitArea>>
type LaitRecord =
  | { kind: 'issue'; issue: { column: string; value: string; message: string } }
  | { kind: 'other-measure' }
  | { kind: 'not-a-year'; label: string }
  | { kind: 'placeholder' }
  | {
      kind: 'value'
      measure: string
      label: string
      year: number
      area: LaitArea
      parsed: NonNullable<ReturnType<typeof parseStatValue>>
    }

/** England, a region (LAIT_AREAS) or an LA by its 3-digit number; undefined for anything else. */
function laitArea(laNumber: number) {
  return (
    LAIT_AREAS[laNumber] ??
    (laNumber >= 100 && laNumber <= 999 ? { level: 'Local authority' as const, code: String(laNumber) } : undefined)
  )
}

/** What one LAIT record is: a value, a placeholder, a period that is not a year, another indicator, or an issue. */
function classifyLaitRecord(rec: Record<string, unknown>, measures?: Set<string>): LaitRecord {
  const measure = String(rec['Short Desc'] ?? '').trim()
  const label = String(rec['Years'] ?? '').trim()
  const laNumber = Number(rec['LA Number'])
  const raw = rec['Values'] === null || rec['Values'] === undefined ? '' : String(rec['Values'])
  if (!measure || !Number.isInteger(laNumber)) {
    const column = measure ? 'LA Number' : 'Short Desc'
    return {
      kind: 'issue',
      issue: { column, value: String(rec['LA Number'] ?? ''), message: 'missing indicator or area' },
    }
  }
  if (measures && !measures.has(measure)) return { kind: 'other-measure' }
  const year = laitYear(label)
  if (year === undefined) return { kind: 'not-a-year', label }
  const area = laitArea(laNumber)
  if (!area)
    return {
      kind: 'issue',
      issue: { column: 'LA Number', value: String(laNumber), message: 'not an LA, region or England number' },
    }
  // LAIT writes '-' in every LA and period it has no figure for (15% of the file): an absent row says the same.
  if (raw.trim() === '-') return { kind: 'placeholder' }
  const parsed = parseStatValue(raw)
  if (!parsed)
    return {
      kind: 'issue',
      issue: { column: 'Values', value: raw, message: 'not a number or a known suppression symbol' },
    }
  return { kind: 'value', measure, label, year, area, parsed }
}
