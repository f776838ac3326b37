import { readCsv } from './csvTable.ts'
import type { DataIssue } from './issues.ts'

export interface LocalAuthorityRow {
  laCode: string
  onsCode: string | null
  name: string
  region: string
  laType: string
  isCurrent: boolean
  /** Other names the LA goes by in Ofsted files. */
  aliases: string[]
}

/**
 * LAs that no longer exist but appear in inspection history (boundary changes: BCP/Dorset 2019, Northamptonshire
 * 2021, Cumbria 2023). Codes from DfE's LA code list; kept so their inspections stay on record.
 */
export const FORMER_LAS: LocalAuthorityRow[] = [
  {
    laCode: '835',
    onsCode: 'E10000009',
    name: 'Dorset (county, before April 2019)',
    region: 'South West',
    laType: 'County',
    isCurrent: false,
    aliases: ['Dorset'],
  },
  {
    laCode: '836',
    onsCode: 'E06000029',
    name: 'Poole',
    region: 'South West',
    laType: 'Unitary Authority',
    isCurrent: false,
    aliases: [],
  },
  {
    laCode: '837',
    onsCode: 'E06000028',
    name: 'Bournemouth',
    region: 'South West',
    laType: 'Unitary Authority',
    isCurrent: false,
    aliases: [],
  },
  {
    laCode: '909',
    onsCode: 'E10000006',
    name: 'Cumbria',
    region: 'North West',
    laType: 'County',
    isCurrent: false,
    aliases: [],
  },
  {
    laCode: '928',
    onsCode: 'E10000021',
    name: 'Northamptonshire',
    region: 'East Midlands',
    laType: 'County',
    isCurrent: false,
    aliases: [],
  },
]

/**
 * Reads Provider_data_lookup.csv: every LA with old and ONS codes, name, region and type. An LA is current when it is
 * in the 2025 statistical-neighbour model (the 153 LAs of 2025).
 */
export function readLocalAuthorities(text: string, source: string, currentCodes: Set<string>) {
  const { table, issues } = readCsv(text, source, [
    'la_code',
    'la_code_new',
    'local_authority_ons_name',
    'region_name',
    'ons_la_type',
    'also_known_as',
  ])
  const rows = new Map<string, LocalAuthorityRow>()
  for (const f of FORMER_LAS) rows.set(f.laCode, { ...f })
  for (const r of table?.rows ?? []) {
    const laCode = r.get('la_code')
    if (!/^\d{3}$/.test(laCode)) {
      issues.push({
        severity: 'error',
        source,
        row: r.line,
        column: 'la_code',
        value: laCode,
        message: 'an LA code must be 3 digits',
      })
      continue
    }
    if (rows.has(laCode) && !currentCodes.has(laCode)) continue // former LA already declared
    const aliases = r
      .get('also_known_as')
      .replace(/^\[|\]$/g, '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean)
    const onsCode = r.get('la_code_new') || null
    rows.set(laCode, {
      laCode,
      onsCode,
      name: r.get('local_authority_ons_name'),
      region: r.get('region_name'),
      laType: r.get('ons_la_type') || 'Unknown',
      isCurrent: currentCodes.has(laCode),
      aliases,
    })
  }
  const current = [...rows.values()].filter((r) => r.isCurrent).length
  if (table && current !== currentCodes.size)
    issues.push({ severity: 'error', source, message: `expected ${currentCodes.size} current LAs, found ${current}` })
  return { rows: [...rows.values()], issues: issues as DataIssue[] }
}
