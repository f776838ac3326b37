import type { Grade } from '../grades.ts'
import { readCsv } from './csvTable.ts'
import { HISTORY, ILACS_AREAS, ILACS_TYPE, frameworkOf, judgementsFrom } from './inspectionFrameworks.ts'
import type { JudgementRow } from './inspectionFrameworks.ts'
import { normaliseLaName, parseDate } from './values.ts'

export type { JudgementRow } from './inspectionFrameworks.ts'

export interface InspectionRow {
  laCode: string
  framework: string
  startDate: string | null
  endDate: string | null
  published: string | null
  overallGrade: Grade | null
  source: string
  sourceKey: string
  judgements: JudgementRow[]
}

export const OVERALL = 'Overall effectiveness'

/** LA lookups by name (for the 2009-2023 history, which has no codes) and by ONS code (the 2025 files). */
export interface LaIndex {
  byName(name: string, former: boolean): string | undefined
  byOnsCode(code: string): string | undefined
}

export function laIndex(
  las: Array<{ laCode: string; onsCode: string | null; name: string; isCurrent: boolean; aliases: string[] }>,
): LaIndex {
  const current = new Map<string, string>()
  const former = new Map<string, string>()
  const ons = new Map<string, string>()
  for (const la of las) {
    const target = la.isCurrent ? current : former
    for (const n of [la.name, ...la.aliases])
      if (!target.has(normaliseLaName(n))) target.set(normaliseLaName(n), la.laCode)
    if (la.onsCode) ons.set(la.onsCode.toUpperCase(), la.laCode)
  }
  return {
    byName: (name, isFormer) => {
      const key = normaliseLaName(name)
      return isFormer ? (former.get(key) ?? current.get(key)) : (current.get(key) ?? former.get(key))
    },
    byOnsCode: (code) => ons.get(code.trim().toUpperCase()),
  }
}

/**
 * Ofsted's history of LA children's services inspections 2009-2023 (one row per LA, one column group per framework).
 * The file has a second table of LAs that existed before restructuring (from the 'Table 11' line).
 */
export function readInspectionHistory(text: string, source: string, las: LaIndex) {
  const required = ['Local authority name', ...HISTORY.map((h) => h.date)]
  const { table, issues } = readCsv(text, source, required)
  const rows: InspectionRow[] = []
  let former = false
  for (const r of table?.rows ?? []) {
    const first = r.cells[0]?.trim() ?? ''
    if (/^table \d+/i.test(first)) {
      former = true
      continue
    }
    const name = r.get('Local authority name')
    if (!name || name === 'Local authority name') continue
    const laCode = las.byName(name, former)
    if (!laCode) {
      issues.push({
        severity: 'error',
        source,
        row: r.line,
        column: 'Local authority name',
        value: name,
        message: 'unknown local authority',
      })
      continue
    }
    for (const h of HISTORY) {
      const rawDate = r.get(h.date)
      if (!rawDate) continue
      const published = parseDate(rawDate)
      if (!published) {
        issues.push({ severity: 'error', source, row: r.line, column: h.date, value: rawDate, message: 'not a date' })
        continue
      }
      const judgements = judgementsFrom(
        r,
        [...(h.overall ? [[OVERALL, h.overall] as [string, string]] : []), ...h.judgements],
        source,
        issues,
      )
      const typeColumn = h.date.replace('publication date', 'inspection type')
      const framework = frameworkOf(r.get(typeColumn), h.framework)
      rows.push({
        laCode,
        framework,
        startDate: null,
        endDate: null,
        published,
        overallGrade: judgements.find((j) => j.area === OVERALL)?.grade ?? null,
        source: 'ofsted-history-2009-2023',
        sourceKey: `${laCode}|${framework.startsWith('ILACS') ? 'ILACS' : framework}|${published}`,
        judgements,
      })
    }
  }
  return { rows, issues }
}

/** Ofsted's 2025 outcome files (ILACS history; in-year inspections and visits), keyed by ONS code. */
export function readIlacsOutcomes(text: string, source: string, las: LaIndex, kind: 'history' | 'in-year') {
  const dateCol = kind === 'history' ? 'Inspection date' : 'Inspection/Visit date'
  const typeCol = kind === 'history' ? 'Inspection type' : 'Inspection/Visit type'
  const { table, issues } = readCsv(text, source, [
    'Local authority area code',
    dateCol,
    'Publication date',
    typeCol,
    'Overall effectiveness',
  ])
  const rows: InspectionRow[] = []
  for (const r of table?.rows ?? []) {
    const ons = r.get('Local authority area code')
    const laCode = las.byOnsCode(ons)
    if (!laCode) {
      issues.push({
        severity: 'error',
        source,
        row: r.line,
        column: 'Local authority area code',
        value: ons,
        message: 'unknown ONS code',
      })
      continue
    }
    const type = r.get(typeCol)
    const framework = ILACS_TYPE[type.toLowerCase()] ?? type
    const startDate = r.get(dateCol) ? (parseDate(r.get(dateCol)) ?? null) : null
    const published = r.get('Publication date') ? (parseDate(r.get('Publication date')) ?? null) : null
    if ((r.get(dateCol) && !startDate) || (r.get('Publication date') && !published)) {
      issues.push({
        severity: 'error',
        source,
        row: r.line,
        value: `${r.get(dateCol)} / ${r.get('Publication date')}`,
        message: 'not a date',
      })
      continue
    }
    const judgements = judgementsFrom(
      r,
      [
        [OVERALL, 'Overall effectiveness'],
        [ILACS_AREAS.leaders, 'The impact of leaders on social work practice with children and families'],
        [ILACS_AREAS.help, 'The experiences and progress of children who need help and protection'],
        [
          (startDate ?? '') >= '2023-01-01' ? ILACS_AREAS.inCare : ILACS_AREAS.care,
          'The experiences and progress of children in care',
        ],
        [ILACS_AREAS.leavers, 'The experiences and progress of care leavers'],
      ],
      source,
      issues,
    )
    const theme = r.get('Visit Theme')
    rows.push({
      laCode,
      framework: theme ? `${framework}: ${theme}` : framework,
      startDate,
      endDate: null,
      published,
      overallGrade: judgements.find((j) => j.area === OVERALL)?.grade ?? null,
      source: `ofsted-outcomes-2025-${kind}`,
      sourceKey: `${laCode}|${framework.startsWith('ILACS') ? 'ILACS' : framework}|${published ?? startDate}`,
      judgements,
    })
  }
  return { rows, issues }
}

/**
 * Merges the sources so one real inspection is one row: the 2025 files (with fieldwork dates) win over the
 * 2009-2023 history for the same LA, framework and publication date. A history ILACS row whose date differs from the
 * 2025 file's (Nottingham's 2022 inspection is 2022-11-05 in the history, published 2022-09-05) is the same inspection
 * when the LA and overall grade match and the dates are under 92 days apart.
 */
export function mergeInspections(...sources: InspectionRow[][]): InspectionRow[] {
  const byKey = new Map<string, InspectionRow>()
  const sameInspection = (a: InspectionRow, b: InspectionRow) => {
    if (a.laCode !== b.laCode || !a.framework.startsWith('ILACS') || !b.framework.startsWith('ILACS')) return false
    if (a.overallGrade !== b.overallGrade || !a.published || !b.published) return false
    return Math.abs(Date.parse(a.published) - Date.parse(b.published)) < 92 * 86400_000
  }
  for (const list of sources) {
    for (const row of list) {
      const existing = byKey.get(row.sourceKey)
      if (existing) {
        if (!existing.startDate && row.startDate)
          byKey.set(row.sourceKey, { ...row, judgements: row.judgements.length ? row.judgements : existing.judgements })
        continue
      }
      if (!row.startDate && [...byKey.values()].some((e) => e.startDate && sameInspection(e, row))) continue
      byKey.set(row.sourceKey, row)
    }
  }
  return [...byKey.values()]
}
