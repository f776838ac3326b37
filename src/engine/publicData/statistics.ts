import { readCsv, type CsvRow } from './csvTable.ts'
import type { DataIssue } from './issues.ts'
import { areaCodeOf } from './population.ts'
import { parseStatValue } from './values.ts'

/**
 * Published children's social care statistics in DfE's EES layout (one row per area and year, one column per
 * measure). Each dataset is declared once: its file, and the columns it publishes with Sightline's measure ids.
 * Measures not listed are loaded too, under their column name in snake case.
 */
export interface StatDataset {
  name: string
  file: string
  title: string
  /** column name -> [measure id, unit] */
  measures: Record<string, [string, string]>
  /** For files with one row per population type (the CLA file): column and label -> measure prefix. */
  pivot?: { column: string; labels: Record<string, string> }
}

const KEY_COLUMNS = new Set(
  [
    'time_period',
    'time_identifier',
    'geographic_level',
    'country_code',
    'country_name',
    'region_code',
    'region_name',
    'old_la_code',
    'new_la_code',
    'la_name',
    'category',
    'population_type',
  ].map((c) => c.toLowerCase()),
)

export const STAT_DATASETS: StatDataset[] = [
  {
    name: 'b1',
    file: 'b1_children_in_need_2013_to_2025.csv',
    title: 'Children in need (table B1)',
    measures: {
      At31_episodes: ['cin_at_31_march', 'count'],
      awaiting_assessment: ['awaiting_assessment', 'count'],
      Anypoint_episodes: ['cin_during_year', 'count'],
      Started_episodes: ['cin_started', 'count'],
      Ended_episodes: ['cin_ended', 'count'],
    },
  },
  {
    name: 'c1',
    file: 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv',
    title: 'Referrals and re-referrals (table C1)',
    measures: {
      referral_count: ['referrals', 'count'],
      rereferral_count: ['re_referrals', 'count'],
      rereferral_percent: ['re_referrals_pct', 'percent'],
      no_further_action_count: ['nfa', 'count'],
      no_further_action_percent: ['nfa_pct', 'percent'],
      not_in_need_count: ['not_in_need', 'count'],
      not_in_need_percent: ['not_in_need_pct', 'percent'],
    },
  },
  {
    name: 'c3',
    file: 'c3_factors_identified_at_end_of_assessment_2018_to_2025.csv',
    title: 'Factors identified at the end of assessment (table C3)',
    measures: { Episodes_with_assessment_factor: ['assessments_with_factors', 'count'] },
  },
  {
    name: 'd3',
    file: 'd3_cpps_subsequent_plan_2013_to_2025.csv',
    title: 'Child protection plans starting, and second or subsequent plans (table D3)',
    measures: {
      CPP_start: ['cpp_starts', 'count'],
      CPP_subsequent: ['subsequent_cpp', 'count'],
      CPP_subsequent_percent: ['subsequent_cpp_pct', 'percent'],
    },
  },
  {
    name: 'd5',
    file: 'd5_cpps_at31march_by_duration_2013_to_2025.csv',
    title: 'Child protection plans at 31 March by length of plan (table D5)',
    measures: {
      CPP_At31: ['cpp_at_31_march', 'count'],
      '3_months_or_less': ['cpp_3_months_or_less', 'count'],
      '3_months_or_less_percent': ['cpp_3_months_or_less_pct', 'percent'],
      more_than_3_months_6_months: ['cpp_3_to_6_months', 'count'],
      more_than_3_months_6_months_percent: ['cpp_3_to_6_months_pct', 'percent'],
      more_than_6_months_less_than_1_year: ['cpp_6_to_12_months', 'count'],
      more_than_6_months_less_than_1_year_percent: ['cpp_6_to_12_months_pct', 'percent'],
      '1_year_less_than_2_years': ['cpp_1_to_2_years', 'count'],
      '1_year_less_than_2_years_percent': ['cpp_1_to_2_years_pct', 'percent'],
      '2_years_or_more': ['cpp_2_years_or_more', 'count'],
      '2_years_or_more_percent': ['cpp_2_years_or_more_pct', 'percent'],
    },
  },
  {
    name: 'cla',
    file: 'cla_number_and_rate_per_10k_children.csv',
    title: 'Children looked after: numbers and rates per 10,000',
    measures: {
      children_count: ['', 'count'],
      rate_per_10000: ['_rate_per_10k', 'rate per 10,000'],
      population_estimate: ['_population', 'count'],
    },
    pivot: {
      column: 'population_type',
      labels: {
        'Children looked after on 31 March each year': 'cla_at_31_march',
        'Children starting to be looked after each year': 'cla_starts',
        'Children ceasing to be looked after each year': 'cla_ceased',
      },
    },
  },
  {
    name: 'csww',
    file: 'csww_indicators_2017_to_2025.csv',
    title: "Children's social work workforce indicators",
    measures: {
      turnover_rate_fte: ['turnover_rate_pct', 'percent'],
      agency_rate_fte: ['agency_rate_pct', 'percent'],
      vacancy_rate_fte: ['vacancy_rate_pct', 'percent'],
      caseload_fte: ['caseload_per_fte', 'cases per FTE'],
      inpost_fte: ['social_workers_fte', 'FTE'],
    },
  },
]

export interface StatisticRow {
  dataset: string
  measure: string
  geographicLevel: string
  areaCode: string
  year: number
  value: number | null
  symbol: string | null
}

export interface MeasureRow {
  dataset: string
  measure: string
  title: string
  unit: string
}

function snake(column: string) {
  return column
    .trim()
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .toLowerCase()
}

/** Reads one EES-layout file into long rows, keeping suppression symbols. Corrupt cells are errors. */
export function readStatistics(ds: StatDataset, text: string, source: string) {
  const required = [
    'time_period',
    'geographic_level',
    'region_name',
    'old_la_code',
    ...(ds.pivot ? [ds.pivot.column] : []),
    ...Object.keys(ds.measures),
  ]
  const { table, issues } = readCsv(text, source, required)
  const rows: StatisticRow[] = []
  const measures = new Map<string, MeasureRow>()
  if (!table) return { rows, measures: [], issues }
  const columns = table.header.filter((h) => !KEY_COLUMNS.has(h.trim().toLowerCase()))
  const seen = new Set<string>()
  for (const r of table.rows) {
    const place = placeOfRow(ds, r, source)
    if ('issue' in place) {
      issues.push(place.issue)
      continue
    }
    const { level, areaCode, year, prefix } = place
    for (const column of columns) {
      const declared = ds.measures[column]
      const measure = declared ? prefix + declared[0] : (prefix ? `${prefix}_` : '') + snake(column)
      const raw = r.get(column)
      const parsed = parseStatValue(raw)
      if (!parsed) {
        issues.push({
          severity: 'error',
          source,
          row: r.line,
          column,
          value: raw,
          message: 'not a number or a known suppression symbol (c, x, z, k, u)',
        })
        continue
      }
      const key = `${measure}|${level}|${areaCode}|${year}`
      if (seen.has(key)) {
        issues.push({
          severity: 'warning',
          source,
          row: r.line,
          column,
          message: `duplicate row for ${areaCode} ${year}: first one kept`,
        })
        continue
      }
      seen.add(key)
      rows.push({
        dataset: ds.name,
        measure,
        geographicLevel: level,
        areaCode,
        year,
        value: parsed.value,
        symbol: parsed.symbol,
      })
      if (!measures.has(measure)) measures.set(measure, measureOf(ds, column, measure, declared))
    }
  }
  return { rows, measures: [...measures.values()], issues: issues as DataIssue[] }
}

function measureOf(ds: StatDataset, column: string, measure: string, declared?: [string, string]): MeasureRow {
  return {
    dataset: ds.name,
    measure,
    title: column.replace(/_/g, ' ').trim(),
    unit: declared?.[1] ?? (/percent|rate/i.test(column) ? 'percent' : 'count'),
  }
}

type RowPlace = { level: string; areaCode: string; year: number; prefix: string } | { issue: DataIssue }

/** Where and when a row is (level, area, year ending, the pivot's measure prefix), or the issue that skips it. */
function placeOfRow(ds: StatDataset, r: CsvRow, source: string): RowPlace {
  const level = r.get('geographic_level')
  const areaCode = areaCodeOf(level, r.get('old_la_code'), r.get('region_name'))
  const at = { source, row: r.line }
  if (!areaCode) {
    if (!['National', 'Regional', 'Local authority'].includes(level))
      return {
        issue: {
          severity: 'warning',
          ...at,
          column: 'geographic_level',
          value: level,
          message: 'row skipped: not a national, regional or LA row',
        },
      }
    return {
      issue: {
        severity: 'error',
        ...at,
        column: 'old_la_code',
        value: r.get('old_la_code'),
        message: 'LA row without a 3-digit LA code',
      },
    }
  }
  const period = r.get('time_period')
  const year = Number(period.slice(0, 4)) + (period.length === 6 ? 1 : 0)
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    return { issue: { severity: 'error', ...at, column: 'time_period', value: period, message: 'not a year' } }
  if (!ds.pivot) return { level, areaCode, year, prefix: '' }
  const label = r.get(ds.pivot.column)
  const prefix = ds.pivot.labels[label] ?? ''
  if (!prefix)
    return {
      issue: {
        severity: 'warning',
        ...at,
        column: ds.pivot.column,
        value: label,
        message: 'row skipped: unknown population type',
      },
    }
  return { level, areaCode, year, prefix }
}
