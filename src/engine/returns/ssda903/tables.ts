/**
 * The SSDA903 (children looked after) return's tables and their columns, as in the DfE's SSDA903 schema
 * (SSDA903_schema_2017.yml and the yearly diffs): each year is the previous year's declaration plus its changes.
 * CSVs are recognised by their columns, not their names.
 */
export const SSDA903_2017 = {
  header: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  episodes: [
    'CHILD',
    'DECOM',
    'RNE',
    'LS',
    'CIN',
    'PLACE',
    'PLACE_PROVIDER',
    'DEC',
    'REC',
    'REASON_PLACE_CHANGE',
    'HOME_POST',
    'PL_POST',
    'URN',
  ],
  reviews: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
  uasc: ['CHILD', 'DOB', 'SEX', 'DUC'],
  oc2: [
    'CHILD',
    'DOB',
    'SDQ_SCORE',
    'SDQ_REASON',
    'CONVICTED',
    'HEALTH_CHECK',
    'IMMUNISATIONS',
    'TEETH_CHECK',
    'HEALTH_ASSESSMENT',
    'SUBSTANCE_MISUSE',
    'INTERVENTION_RECEIVED',
    'INTERVENTION_OFFERED',
  ],
  oc3: ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
  ad1: ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
  placed_for_adoption: ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
  missing: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
  prev_perm: ['CHILD', 'DOB', 'PREV_PERM', 'LA_PERM', 'DATE_PERM'],
} as const satisfies Record<string, readonly string[]>

export type Ssda903Table = keyof typeof SSDA903_2017 | 'sw_episodes'
export type TableColumns = Partial<Record<Ssda903Table, readonly string[]>>

/** Year by year (collection year ending 31 March): what changed. SEX codes 1/2 became M/F/U in 2025. */
const CHANGES: Record<number, { tables?: TableColumns; sexCodes?: 'numeric' | 'letters' }> = {
  2017: { tables: SSDA903_2017, sexCodes: 'numeric' },
  2024: { tables: { sw_episodes: ['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'] } },
  2025: { sexCodes: 'letters' },
}

export interface Ssda903Year {
  year: number
  tables: TableColumns
  sexCodes: 'numeric' | 'letters'
}

export const SSDA903_YEARS: Ssda903Year[] = (() => {
  const years: Ssda903Year[] = []
  let cur: Ssda903Year = { year: 2017, tables: {}, sexCodes: 'numeric' }
  for (let y = 2017; y <= 2026; y++) {
    const c = CHANGES[y]
    cur = { year: y, tables: { ...cur.tables, ...c?.tables }, sexCodes: c?.sexCodes ?? cur.sexCodes }
    years.push(cur)
  }
  return years
})()

export const CURRENT_903 = SSDA903_YEARS[SSDA903_YEARS.length - 1]

const SHARED = new Set(['CHILD', 'DOB', 'SEX'])

/**
 * The table a CSV header is (the one whose own columns it has most of, at least 60% and CHILD), or null.
 * @example tableOfColumns(['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE']) // 'reviews'
 */
export function tableOfColumns(cells: string[]): Ssda903Table | null {
  const have = new Set(cells.map((c) => c.trim().toUpperCase()))
  if (!have.has('CHILD')) return null
  let best: { table: Ssda903Table; score: number } | null = null
  for (const [table, cols] of Object.entries(CURRENT_903.tables) as Array<[Ssda903Table, readonly string[]]>) {
    const own = cols.filter((c) => !SHARED.has(c))
    const score = own.filter((c) => have.has(c)).length / own.length
    if (score >= 0.6 && (!best || score > best.score)) best = { table, score }
  }
  return best?.table ?? null
}
