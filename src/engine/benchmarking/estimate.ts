import {
  mean,
  median,
  ols,
  poissonCdf,
  poissonInterval,
  predictionInterval,
  quantile,
  quantileSorted,
  sd,
  tQuantile,
} from './stats.ts'

/** A published count: a number, or a suppression symbol kept with its reason (never read as zero). */
export type Observed = { count: number } | { suppressed: string }

export interface AreaObservation {
  code: string
  name?: string
  observed: Observed | undefined
  /** ONS mid-year population aged 0-17 for the year before the year ending 31 March (domain.md §7.1). */
  population: number | undefined
}

/** Rate per 10,000 children. @example ratePer10k(844, 281019) // 30.03... */
export function ratePer10k(count: number, population: number): number {
  return (count / population) * 10_000
}

export function rateOf(a: AreaObservation): number | undefined {
  if (!a.observed || !('count' in a.observed) || !a.population) return undefined
  return ratePer10k(a.observed.count, a.population)
}

export type ComparatorKind = 'sn-mean' | 'sn-median' | 'england' | 'region' | 'deprivation'

export interface Comparator {
  kind: ComparatorKind
  rate: number
  /** 95% interval for the comparator rate itself. */
  interval: [number, number]
  /** How many areas fed it, and which were dropped (suppressed or missing) and why. */
  used: number
  dropped: Array<{ code: string; reason: string }>
  method: string
}

export class NotEnoughComparators extends Error {
  constructor(
    public used: number,
    public needed: number,
    public dropped: Array<{ code: string; reason: string }>,
  ) {
    super(
      `Only ${used} statistical neighbours have a published value (at least ${needed} are needed); ` +
        `left out: ${dropped.map((d) => `${d.code} (${d.reason})`).join(', ') || 'none'}`,
    )
  }
}

function reasonFor(a: AreaObservation): string {
  if (!a.observed) return 'not published'
  if ('suppressed' in a.observed) return `suppressed (${a.observed.suppressed})`
  return 'no population estimate'
}

/**
 * The statistical neighbours' rate: mean (LAIT's choice) with a 95% t-interval of the mean, or median (DfE's CSC
 * dashboard) with a distribution-free 95% interval from order statistics. Suppressed neighbours are dropped and named.
 */
export function neighbourComparator(
  neighbours: AreaObservation[],
  kind: 'sn-mean' | 'sn-median',
  minimum = 5,
): Comparator {
  const rates: number[] = []
  const dropped: Comparator['dropped'] = []
  for (const n of neighbours) {
    const r = rateOf(n)
    if (r === undefined) dropped.push({ code: n.code, reason: reasonFor(n) })
    else rates.push(r)
  }
  if (rates.length < minimum) throw new NotEnoughComparators(rates.length, minimum, dropped)
  if (kind === 'sn-mean') {
    const m = mean(rates)
    const half = tQuantile(0.975, rates.length - 1) * (sd(rates) / Math.sqrt(rates.length))
    return {
      kind,
      rate: m,
      interval: [m - half, m + half],
      used: rates.length,
      dropped,
      method: `mean of ${rates.length} neighbours' rates; 95% t-interval of the mean`,
    }
  }
  const sorted = [...rates].sort((a, b) => a - b)
  const [lo, hi] = medianInterval(sorted.length)
  return {
    kind,
    rate: median(rates),
    interval: [sorted[lo], sorted[hi]],
    used: rates.length,
    dropped,
    method: `median of ${rates.length} neighbours' rates; distribution-free interval from order statistics ${lo + 1} and ${hi + 1}`,
  }
}

/** Order statistics (0-based) bracketing the median with at least 95% coverage, from the binomial(n, 1/2). */
export function medianInterval(n: number): [number, number] {
  let k = 0
  // Largest k with P(Binomial(n, .5) <= k - 1) <= 0.025 gives (x(k), x(n-k+1)) in 1-based terms.
  let cdf = 0
  const pmf = (i: number) => Math.exp(lnChoose(n, i) - n * Math.LN2)
  while (k < n / 2 && cdf + pmf(k) <= 0.025) {
    cdf += pmf(k)
    k++
  }
  return [Math.max(0, k - 1), Math.min(n - 1, n - k)]
}

function lnChoose(n: number, k: number) {
  let s = 0
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i)
  return s
}

/** A single reference area (England or the region): its own rate; interval from Poisson noise on its count. */
export function areaComparator(area: AreaObservation, kind: 'england' | 'region'): Comparator {
  const r = rateOf(area)
  if (r === undefined || !area.observed || !('count' in area.observed))
    throw new Error(`${kind === 'england' ? 'England' : 'The region'}'s value is ${reasonFor(area)}`)
  const [lo, hi] = poissonInterval(area.observed.count)
  return {
    kind,
    rate: r,
    interval: [ratePer10k(lo, area.population!), ratePer10k(hi, area.population!)],
    used: 1,
    dropped: [],
    method: `${kind === 'england' ? 'England' : 'regional'} rate`,
  }
}

export interface DeprivationInput {
  code: string
  rate: number
  covariate: number
}

/**
 * Deprivation-adjusted rate (domain.md §7.3 method 5): across all LAs fit ln(rate) = a + b * covariate, predict for the
 * LA with Duan's smearing retransformation, and give a 95% prediction interval.
 */
export function deprivationComparator(
  all: DeprivationInput[],
  la: { code: string; covariate: number },
  covariateName: string,
  minimum = 30,
) {
  const points = all.filter((p) => p.code !== la.code && p.rate > 0 && Number.isFinite(p.covariate))
  if (points.length < minimum) throw new NotEnoughComparators(points.length, minimum, [])
  const fit = ols(
    points.map((p) => p.covariate),
    points.map((p) => Math.log(p.rate)),
  )
  const smearing = mean(fit.residuals.map(Math.exp))
  const [lo, hi] = predictionInterval(fit, la.covariate)
  const comparator: Comparator = {
    kind: 'deprivation',
    rate: Math.exp(fit.intercept + fit.slope * la.covariate) * smearing,
    interval: [Math.exp(lo) * smearing, Math.exp(hi) * smearing],
    used: points.length,
    dropped: [],
    method: `ln(rate) = ${fit.intercept.toFixed(3)} + ${fit.slope.toFixed(4)} x ${covariateName} across ${points.length} LAs (R² ${fit.r2.toFixed(2)}); Duan smearing factor ${smearing.toFixed(3)}; 95% prediction interval`,
  }
  return { comparator, fit, smearing }
}

export interface GapEstimate {
  count: number
  population: number
  rate: number
  comparatorRate: number
  expected: number
  /** expected - actual: above zero means fewer children identified than expected. */
  gap: number
  gapPer10k: number
  interval: [number, number]
  /** The count is below the 99.8% Poisson lower limit of the expected count. */
  belowPoissonLimit: boolean
}

/**
 * Expected minus actual (domain.md §7.3 method 1). The interval combines the comparator's 95% interval (scaled to the
 * LA's population) with exact Poisson 95% limits on the LA's own count: [E_low - c_high, E_high - c_low].
 * @example gapAgainst({ count: 844 }, 281019, comparator).gap
 */
export function gapAgainst(observed: { count: number }, population: number, comparator: Comparator): GapEstimate {
  const c = observed.count
  const expected = (comparator.rate * population) / 10_000
  const eLow = (comparator.interval[0] * population) / 10_000
  const eHigh = (comparator.interval[1] * population) / 10_000
  const [cLow, cHigh] = poissonInterval(c)
  return {
    count: c,
    population,
    rate: ratePer10k(c, population),
    comparatorRate: comparator.rate,
    expected,
    gap: expected - c,
    gapPer10k: ((expected - c) / population) * 10_000,
    interval: [eLow - cHigh, eHigh - cLow],
    belowPoissonLimit: poissonCdf(c, expected) < 0.001,
  }
}

/** Quartile (1 = lowest rates) and rank (1 = highest rate) of the LA's rate among all LAs' rates. */
export function quartileAndRank(rate: number, allRates: number[]) {
  const q1 = quantile(allRates, 0.25)
  const q2 = quantile(allRates, 0.5)
  const q3 = quantile(allRates, 0.75)
  const quartile = rate <= q1 ? 1 : rate <= q2 ? 2 : rate <= q3 ? 3 : 4
  const rank = allRates.filter((r) => r > rate).length + 1
  return { quartile, rank, of: allRates.length }
}

/**
 * quartileAndRank for many rates against the same list: sorts it once, then answers each rate by binary search.
 * @example rankerFor(allRates)(rate) // the same as quartileAndRank(rate, allRates)
 */
export function rankerFor(allRates: number[]) {
  const sorted = [...allRates].sort((a, b) => a - b)
  const [q1, q2, q3] = [0.25, 0.5, 0.75].map((p) => quantileSorted(sorted, p))
  return (rate: number) => {
    let lo = 0
    let hi = sorted.length
    // First index holding a value above the rate: everything from there on ranks above it.
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (sorted[mid] > rate) hi = mid
      else lo = mid + 1
    }
    const quartile = rate <= q1 ? 1 : rate <= q2 ? 2 : rate <= q3 ? 3 : 4
    return { quartile, rank: sorted.length - lo + 1, of: sorted.length }
  }
}
