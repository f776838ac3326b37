/**
 * The national ranking of unidentified risk, by strength of evidence rather than the raw gap: a small council's gap
 * per 10,000 can be large by chance alone (the Isles of Scilly: an interval of -2 to 2 children). An LA is ranked only
 * when the 95% interval of its gap lies wholly above zero, by the interval's lower bound per 10,000 children (the
 * shortfall it shows at the least); the rest are listed apart, never interleaved with the ranked ones.
 */
export interface RankCandidate {
  la: string
  name: string
  count: number | null
  population: number | null
  rate: number | null
  comparatorRate: number | null
  expected: number | null
  gap: number | null
  gapPer10k: number | null
  interval: [number, number] | null
  problem?: string
}

export type Evidence = 'shortfall' | 'inconclusive' | 'excess'

export interface Ranked<T> {
  row: T
  evidence: Evidence
  /** The interval's bounds per 10,000 children. */
  lowerPer10k: number
  upperPer10k: number
}

function evidenceOf<T extends RankCandidate>(row: T): Ranked<T> | undefined {
  if (row.interval === null || row.gapPer10k === null || !row.population) return undefined
  const lowerPer10k = (row.interval[0] / row.population) * 10_000
  const upperPer10k = (row.interval[1] / row.population) * 10_000
  const evidence: Evidence = row.interval[0] > 0 ? 'shortfall' : row.interval[1] < 0 ? 'excess' : 'inconclusive'
  return { row, evidence, lowerPer10k, upperPer10k }
}

/**
 * Splits the rows by evidence: `ranked` (interval wholly above zero, by lower bound per 10,000, largest first),
 * `inconclusive` (the interval includes no difference), `excess` (more children identified than expected) and
 * `notEstimated` (no estimate could be made).
 * @example rankByEvidence(rows).ranked[0].lowerPer10k // the strongest evidence of a shortfall
 */
export function rankByEvidence<T extends RankCandidate>(rows: T[]) {
  const assessed = rows.map((row) => ({ row, e: evidenceOf(row) }))
  const withEvidence = assessed.flatMap((a) => (a.e ? [a.e] : []))
  const by = (kind: Evidence) => withEvidence.filter((e) => e.evidence === kind)
  return {
    ranked: by('shortfall').sort((a, b) => b.lowerPer10k - a.lowerPer10k || a.row.name.localeCompare(b.row.name)),
    inconclusive: by('inconclusive').sort((a, b) => b.row.gapPer10k! - a.row.gapPer10k!),
    excess: by('excess').sort((a, b) => a.upperPer10k - b.upperPer10k),
    notEstimated: assessed.filter((a) => !a.e).map((a) => a.row),
  }
}

const n0 = (v: number) => Math.round(v).toLocaleString('en-GB')
const n1 = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })

/** How the "why listed" sentence names each comparator. */
export const COMPARATOR_PHRASES: Record<string, string> = {
  'sn-mean': "its statistical neighbours' average",
  'sn-median': "its statistical neighbours' median",
  england: "England's",
  region: "its region's",
  deprivation: 'the deprivation-adjusted',
}

/**
 * Why an LA is listed, in plain English, from the same numbers as the table.
 * @example whyListed({ ...row, evidence: 'shortfall' }, 'child protection plans at 31 March', 'sn-mean')
 * // "Recorded 844 child protection plans at 31 March (30.0 per 10,000 children); at its statistical neighbours' average rate (45.1 per 10,000) about 1,268 were expected: 424 fewer, and at least 310 fewer allowing for chance."
 */
export function whyListed(row: RankCandidate & { evidence: Evidence }, measure: string, comparator: string): string {
  const recorded = `Recorded ${n0(row.count!)} ${measure} (${n1(row.rate!)} per 10,000 children); at ${COMPARATOR_PHRASES[comparator] ?? 'the comparator'} rate (${n1(row.comparatorRate!)} per 10,000) about ${n0(row.expected!)} were expected`
  const [low, high] = row.interval!
  if (row.evidence === 'shortfall')
    return `${recorded}: ${n0(row.gap!)} fewer, and at least ${n0(low)} fewer allowing for chance.`
  if (row.evidence === 'excess')
    return `${recorded}: ${n0(-row.gap!)} more, and at least ${n0(-high)} more allowing for chance. Not a sign of unidentified risk.`
  const side = (v: number) => `${n0(Math.abs(v))} ${v < 0 ? 'more' : 'fewer'}`
  return `${recorded}: the difference could be chance alone (anywhere from ${side(low)} to ${side(high)}), so it is not ranked.`
}
