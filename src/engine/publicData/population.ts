import { readCsv } from './csvTable.ts'
import type { DataIssue } from './issues.ts'
import { parseStatValue } from './values.ts'

export interface PopulationRow {
  areaCode: string
  geographicLevel: string
  year: number
  population: number
  vintage: string
}

export const POPULATION_VINTAGE = 'ONS mid-year estimates of children aged 0-17, 2012-2024 (as published by DfE)'

/** Area codes used across the register: the LA's 3-digit code, the region's name, or 'England'. */
export function areaCodeOf(level: string, laCode: string, regionName: string): string | undefined {
  if (level === 'National') return 'England'
  if (level === 'Regional') return regionName || undefined
  if (level === 'Local authority') {
    if (/^\d{3}$/.test(laCode)) return laCode
    // Shared services publish one row for several LAs ('314 / 318'): kept under a combined code.
    if (/^\d{3}(\s*\/\s*\d{3})+$/.test(laCode)) return laCode.replace(/\s+/g, '')
  }
  return undefined
}

export function readPopulation(text: string, source: string) {
  const { table, issues } = readCsv(text, source, [
    'time_period',
    'geographic_level',
    'region_name',
    'old_la_code',
    'age_group',
    'population_estimate',
  ])
  const rows: PopulationRow[] = []
  for (const r of table?.rows ?? []) {
    const level = r.get('geographic_level')
    const areaCode = areaCodeOf(level, r.get('old_la_code'), r.get('region_name'))
    const year = Number(r.get('time_period'))
    const population = Number(r.get('population_estimate').replace(/,/g, ''))
    if (!areaCode) {
      issues.push({
        severity: 'warning',
        source,
        row: r.line,
        column: 'geographic_level',
        value: level,
        message: 'row skipped: unknown area',
      })
      continue
    }
    const stat = parseStatValue(r.get('population_estimate'))
    if (stat && stat.value === null) {
      issues.push({
        severity: 'warning',
        source,
        row: r.line,
        column: 'population_estimate',
        value: r.get('population_estimate'),
        message: 'row skipped: no estimate published',
      })
      continue
    }
    if (!Number.isInteger(year) || !Number.isFinite(population) || population <= 0) {
      issues.push({
        severity: 'error',
        source,
        row: r.line,
        column: 'population_estimate',
        value: r.get('population_estimate'),
        message: 'population must be a positive number',
      })
      continue
    }
    rows.push({ areaCode, geographicLevel: level, year, population, vintage: POPULATION_VINTAGE })
  }
  return { rows, issues: issues as DataIssue[] }
}
