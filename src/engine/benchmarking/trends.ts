import { mean, median, sd } from './stats.ts'

export interface TrendBreakRule {
  /** Flag a year-on-year fall larger than this share (0.15 = 15%). */
  fallThreshold: number
  /** Flag a change this many neighbour standard deviations from the neighbours' mean change. */
  zThreshold: number
  /** Need counts as flat when the need indicator changed by less than this share. */
  flatNeed: number
}

export const DEFAULT_TREND_RULE: TrendBreakRule = { fallThreshold: 0.15, zThreshold: 2, flatNeed: 0.1 }

export interface TrendBreak {
  year: number
  change: number
  neighbourMeanChange: number | null
  z: number | null
  needChange: number | null
  reasons: string[]
}

/** Relative change (r_Y - r_{Y-1}) / r_{Y-1}. */
export function relativeChange(previous: number, current: number): number {
  return (current - previous) / previous
}

/**
 * Trend breaks (domain.md §7.3 method 4): for each year, the LA's change in rate against its neighbours' changes
 * (z-score) and a plain fall threshold; a break is flagged when the change is extreme while need (another indicator,
 * e.g. children in need) stayed flat.
 * @example trendBreaks([{ year: 2013, rate: 36.5 }, { year: 2014, rate: 30.0 }], {}, {}) // a 17.8% fall, flagged
 */
export function trendBreaks(
  la: Array<{ year: number; rate: number | null }>,
  neighbours: Record<string, Array<{ year: number; rate: number | null }>>,
  need: Array<{ year: number; rate: number | null }> = [],
  rule: TrendBreakRule = DEFAULT_TREND_RULE,
): TrendBreak[] {
  const byYear = new Map(la.map((p) => [p.year, p.rate]))
  const needByYear = new Map(need.map((p) => [p.year, p.rate]))
  const out: TrendBreak[] = []
  for (const { year, rate } of [...la].sort((a, b) => a.year - b.year)) {
    const prev = byYear.get(year - 1)
    if (rate === null || prev === null || prev === undefined || prev === 0) continue
    const change = relativeChange(prev, rate)
    const nChanges = Object.values(neighbours)
      .map((series) => {
        const m = new Map(series.map((p) => [p.year, p.rate]))
        const a = m.get(year - 1)
        const b = m.get(year)
        return a && b !== null && b !== undefined ? relativeChange(a, b) : null
      })
      .filter((c): c is number => c !== null)
    const nMean = nChanges.length ? mean(nChanges) : null
    const z = nChanges.length >= 3 && sd(nChanges) > 0 ? (change - mean(nChanges)) / sd(nChanges) : null
    const needPrev = needByYear.get(year - 1)
    const needNow = needByYear.get(year)
    const needChange = needPrev && needNow !== null && needNow !== undefined ? relativeChange(needPrev, needNow) : null
    const needFlat = needChange === null || Math.abs(needChange) < rule.flatNeed
    const reasons: string[] = []
    if (change <= -rule.fallThreshold)
      reasons.push(
        `fell ${(Math.abs(change) * 100).toFixed(1)}% in a year (threshold ${(rule.fallThreshold * 100).toFixed(0)}%)`,
      )
    if (z !== null && Math.abs(z) >= rule.zThreshold)
      reasons.push(
        `${change < 0 ? 'fell' : 'rose'} ${Math.abs(z).toFixed(1)} standard deviations ${change < nMean! ? 'below' : 'above'} the neighbours' change (${(nMean! * 100).toFixed(1)}%)`,
      )
    if (reasons.length && needFlat) {
      if (needChange !== null) reasons.push(`while need changed only ${(needChange * 100).toFixed(1)}%`)
      out.push({ year, change, neighbourMeanChange: nMean, z, needChange, reasons })
    }
  }
  return out
}

export interface Conversion {
  id: string
  title: string
  ratio: number | null
  neighbourMedian: number | null
  neighboursUsed: number
  /** (k* - k) x denominator: how many more (or, if negative, fewer) children the LA would have at the neighbours' ratio. */
  shortfall: number | null
  denominator: number | null
}

/** Pathway conversion ratio against the neighbours' median (domain.md §7.3 method 2). */
export function conversion(
  def: { id: string; title: string },
  la: { numerator: number | null; denominator: number | null },
  neighbours: Array<{ numerator: number | null; denominator: number | null }>,
): Conversion {
  const k = la.numerator !== null && la.denominator ? la.numerator / la.denominator : null
  const ks = neighbours.filter((n) => n.numerator !== null && n.denominator).map((n) => n.numerator! / n.denominator!)
  const kStar = ks.length ? median(ks) : null
  return {
    ...def,
    ratio: k,
    neighbourMedian: kStar,
    neighboursUsed: ks.length,
    denominator: la.denominator,
    shortfall: k !== null && kStar !== null && la.denominator ? (kStar - k) * la.denominator : null,
  }
}
