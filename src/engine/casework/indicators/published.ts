/**
 * The published national statistics that measure the same thing as a casework indicator (DfE children in need and
 * looked-after statistics, the LA interactive tool and the workforce census, as loaded into the register's `statistic`
 * table). A figure is the measure's value, or a percentage made of published counts (`parts`). An indicator with no
 * entry here has no published equivalent, and the dashboard says so.
 */
export interface PublishedEquivalent {
  dataset: string
  /** The published measure, already a percentage or ratio. */
  measure?: string
  /** Or a percentage of published counts: 100 x sum(numerator) / sum(denominator). */
  parts?: { numerator: string[]; denominator: string[] }
  source: string
  /** How the published figure differs from the casework one, when it does. */
  caveat?: string
}

export const PUBLISHED_EQUIVALENTS: Record<string, PublishedEquivalent> = {
  referrals_nfa: { dataset: 'c1', measure: 'nfa_pct', source: 'DfE children in need, table C1' },
  re_referrals_12_months: { dataset: 'c1', measure: 're_referrals_pct', source: 'DfE children in need, table C1' },
  repeat_cp_plans: { dataset: 'd3', measure: 'subsequent_cpp_pct', source: 'DfE children in need, table D3' },
  assessments_within_45_wd: {
    dataset: 'lait',
    measure: 'Continue_Assess_Comp',
    source: 'DfE LA interactive tool (children in need census)',
  },
  cp_plans_2_years_plus: {
    dataset: 'lait',
    measure: 'CPPlans2yrs',
    source: 'DfE LA interactive tool (children in need census)',
  },
  icpc_within_15_wd: {
    dataset: 'lait',
    parts: { numerator: ['10_ICPC', '15_ICPC'], denominator: ['10_ICPC', '15_ICPC', '20_ICPC', '21_ICPC'] },
    source: 'DfE LA interactive tool: ICPCs by working days from the strategy discussion',
  },
  placements_3_plus_12_months: {
    dataset: 'lait',
    measure: 'LACStable_2016on',
    source: 'DfE LA interactive tool (SSDA903)',
    caveat: 'published for children looked after at 31 March',
  },
  cla_missing: { dataset: 'lait', measure: 'Children_missing', source: 'DfE LA interactive tool (SSDA903)' },
  care_leavers_suitable_accommodation: {
    dataset: 'lait',
    measure: 'CareLeaverAcc',
    source: 'DfE LA interactive tool (SSDA903)',
    caveat: 'published for care leavers aged 19 to 21',
  },
  care_leavers_eet: {
    dataset: 'lait',
    measure: 'CareLeaverEET',
    source: 'DfE LA interactive tool (SSDA903)',
    caveat: 'published for care leavers aged 19 to 21',
  },
  caseload_per_worker: {
    dataset: 'csww',
    measure: 'caseload_per_fte',
    source: "DfE children's social work workforce",
    caveat: 'published per full-time equivalent worker',
  },
  agency_worker_share: {
    dataset: 'csww',
    measure: 'agency_rate_pct',
    source: "DfE children's social work workforce",
    caveat: 'published as a share of full-time equivalent workers',
  },
}

/** The measures an equivalent reads. */
export const measuresOf = (e: PublishedEquivalent) =>
  e.measure ? [e.measure] : [...new Set([...e.parts!.numerator, ...e.parts!.denominator])]

/** The latest statistical year (ending 31 March) that has ended by `asAt`. */
export const yearEndedBy = (asAt: string) => Number(asAt.slice(0, 4)) - (asAt.slice(5) >= '03-31' ? 0 : 1)

export interface StatisticRow {
  areaCode: string
  measure: string
  year: number
  value: number | null
}

const round1 = (x: number) => Math.round(x * 10 + 1e-9) / 10

/** An area's figure for a year: the measure's value, or the percentage of its parts (null when a part is missing). */
function figure(e: PublishedEquivalent, rows: StatisticRow[], area: string, year: number): number | null {
  const v = (m: string) => rows.find((r) => r.areaCode === area && r.year === year && r.measure === m)?.value ?? null
  if (e.measure) return v(e.measure)
  const sum = (ms: string[]) => {
    const xs = ms.map(v)
    return xs.some((x) => x === null) ? null : (xs as number[]).reduce((a, b) => a + b, 0)
  }
  const n = sum(e.parts!.numerator)
  const d = sum(e.parts!.denominator)
  return n === null || !d ? null : round1((100 * n) / d)
}

/**
 * England's and the statistical neighbours' published figure beside an indicator, for the latest year ended by the
 * snapshot's date in which England's figure is published. The neighbours' figure is the mean of those neighbours
 * that published one (how many is said). `none` says why there is nothing to compare with.
 */
export function publishedComparison(
  indicatorId: string,
  rows: StatisticRow[],
  o: { laCode: string; neighboursFor: (year: number) => string[]; asAt: string },
) {
  const e = PUBLISHED_EQUIVALENTS[indicatorId]
  if (!e) return { none: 'No published equivalent' as const }
  const until = yearEndedBy(o.asAt)
  const years = [...new Set(rows.map((r) => r.year))].filter((y) => y <= until).sort((a, b) => b - a)
  const year = years.find((y) => figure(e, rows, 'England', y) !== null)
  if (year === undefined)
    return { none: `No published figure for the year to 31 March ${until} or earlier`, source: e.source }
  const neighbours = o.neighboursFor(year)
  const theirs = neighbours.map((n) => figure(e, rows, n, year)).filter((x): x is number => x !== null)
  return {
    year,
    yearLabel: `${year - 1}-${String(year).slice(2)}`,
    england: figure(e, rows, 'England', year),
    la: figure(e, rows, o.laCode, year),
    neighbours: theirs.length ? round1(theirs.reduce((a, b) => a + b, 0) / theirs.length) : null,
    neighbourCount: theirs.length,
    neighbourTotal: neighbours.length,
    source: e.source,
    caveat: e.caveat ?? null,
  }
}

export type PublishedComparison = ReturnType<typeof publishedComparison>

/**
 * The statistical-neighbour list for a year: the latest model (its year as its name) not after it, else the earliest.
 */
export function neighbourModelFor(models: string[], year: number): string | undefined {
  const sorted = [...models].sort()
  return sorted.filter((m) => Number(m) <= year).at(-1) ?? sorted[0]
}
