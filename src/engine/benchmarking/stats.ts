/**
 * Small, tested statistics for benchmarking: summaries, Student's t and chi-square quantiles, exact Poisson limits,
 * and ordinary least squares with a prediction interval. No dependencies, so every number can be checked by hand.
 */

export function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length
}

/** Sample standard deviation (n - 1). */
export function sd(xs: number[]): number {
  const m = mean(xs)
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1))
}

/** Quantile by linear interpolation between order statistics (type 7, as in R and Excel's PERCENTILE.INC). */
export function quantile(xs: number[], p: number): number {
  return quantileSorted(
    [...xs].sort((a, b) => a - b),
    p,
  )
}

/** As quantile, for values already sorted in ascending order. */
export function quantileSorted(s: number[], p: number): number {
  const h = (s.length - 1) * p
  const lo = Math.floor(h)
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo])
}

export function median(xs: number[]): number {
  return quantile(xs, 0.5)
}

/** ln Γ(x), Lanczos approximation (accurate to ~1e-14 for x > 0). */
export function lnGamma(x: number): number {
  const g = 7
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x)
  x -= 1
  let a = c[0]
  const t = x + g + 0.5
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i)
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a)
}

/** Regularised lower incomplete gamma P(a, x). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0
  if (x < a + 1) {
    let sum = 1 / a
    let term = sum
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n)
      sum += term
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break
    }
    return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a))
  }
  // Continued fraction for Q(a, x) (Lentz).
  let b = x + 1 - a
  let c = 1 / 1e-300
  let d = 1 / b
  let h = d
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < 1e-300) d = 1e-300
    c = b + an / c
    if (Math.abs(c) < 1e-300) c = 1e-300
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < 1e-15) break
  }
  return 1 - Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h
}

/**
 * Standard normal quantile (Acklam's rational approximation, relative error under 1.2e-9), used as a starting point.
 * @example normalQuantile(0.975) // 1.95996...
 */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ]
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ]
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
  const tail = (q: number) =>
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)))
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)))
  const q = p - 0.5
  const r = q * q
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  )
}

/**
 * Solves f(x) = target for an increasing f with density f', by Newton's method from a close start, kept inside the
 * bracket [lo, hi] (a step leaving it is replaced by bisection), to a relative tolerance of 1e-13.
 */
function solve(
  f: (x: number) => number,
  density: (x: number) => number,
  target: number,
  start: number,
  lo: number,
  hi: number,
) {
  let x = Math.min(Math.max(start, lo), hi)
  for (let i = 0; i < 100; i++) {
    const diff = f(x) - target
    if (diff === 0) return x
    if (diff < 0) lo = x
    else hi = x
    const slope = density(x)
    let next = slope > 0 ? x - diff / slope : NaN
    if (!(next > lo && next < hi)) next = (lo + hi) / 2
    if (Math.abs(next - x) <= 1e-13 * Math.max(1, Math.abs(x))) return next
    x = next
  }
  return x
}

/** Chi-square quantile with k degrees of freedom. @example chiSquareQuantile(0.975, 2) // 7.3778 */
export function chiSquareQuantile(p: number, k: number): number {
  const a = k / 2
  const lnNorm = lnGamma(a) + a * Math.LN2
  const density = (x: number) => (x > 0 ? Math.exp((a - 1) * Math.log(x) - x / 2 - lnNorm) : 0)
  // Wilson-Hilferty's cube-root normal approximation as the start.
  const h = 2 / (9 * k)
  const start = k * Math.max(1e-6, 1 - h + normalQuantile(p) * Math.sqrt(h)) ** 3
  return solve((x) => gammaP(a, x / 2), density, p, start, 0, Math.max(100, k * 10))
}

/**
 * Exact (Garwood) confidence limits for a Poisson count.
 * @example poissonInterval(10, 0.95) // [4.795, 18.390]
 */
export function poissonInterval(count: number, confidence = 0.95): [number, number] {
  const alpha = 1 - confidence
  const lower = count === 0 ? 0 : chiSquareQuantile(alpha / 2, 2 * count) / 2
  const upper = chiSquareQuantile(1 - alpha / 2, 2 * count + 2) / 2
  return [lower, upper]
}

/** P(X <= k) for X ~ Poisson(lambda). */
export function poissonCdf(k: number, lambda: number): number {
  if (k < 0) return 0
  return 1 - gammaP(Math.floor(k) + 1, lambda)
}

/** Regularised incomplete beta I_x(a, b), continued fraction (Numerical Recipes betacf). */
function betaI(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const lbeta = lnGamma(a + b) - lnGamma(a) - lnGamma(b)
  const front = Math.exp(Math.log(x) * a + Math.log(1 - x) * b + lbeta)
  if (x > (a + 1) / (a + b + 2)) return 1 - betaI(1 - x, b, a)
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < 1e-300) d = 1e-300
  d = 1 / d
  let h = d
  for (let m = 1; m < 1000; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < 1e-300) d = 1e-300
    c = 1 + aa / c
    if (Math.abs(c) < 1e-300) c = 1e-300
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + aa * d
    if (Math.abs(d) < 1e-300) d = 1e-300
    c = 1 + aa / c
    if (Math.abs(c) < 1e-300) c = 1e-300
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < 1e-15) break
  }
  return (front * h) / a
}

/** Student's t cumulative distribution. */
export function tCdf(t: number, df: number): number {
  const x = df / (df + t * t)
  const tail = 0.5 * betaI(x, df / 2, 0.5)
  return t >= 0 ? 1 - tail : tail
}

const tQuantiles = new Map<string, number>()

/** Student's t quantile (kept once computed: the same few degrees of freedom recur). @example tQuantile(0.975, 9) // 2.2622 */
export function tQuantile(p: number, df: number): number {
  const key = `${p}|${df}`
  let q = tQuantiles.get(key)
  if (q === undefined) {
    const lnNorm = lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI)
    const density = (t: number) => Math.exp(lnNorm - ((df + 1) / 2) * Math.log1p((t * t) / df))
    // Cornish-Fisher's first two terms as the start.
    const z = normalQuantile(p)
    const start = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df)
    q = solve((t) => tCdf(t, df), density, p, start, -1000, 1000)
    tQuantiles.set(key, q)
  }
  return q
}

export interface OlsFit {
  n: number
  intercept: number
  slope: number
  /** Residual standard error. */
  s: number
  xMean: number
  sxx: number
  r2: number
  residuals: number[]
}

/** Simple linear regression y = a + b x by least squares. */
export function ols(xs: number[], ys: number[]): OlsFit {
  const n = xs.length
  const xMean = mean(xs)
  const yMean = mean(ys)
  let sxx = 0
  let sxy = 0
  let syy = 0
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - xMean) ** 2
    sxy += (xs[i] - xMean) * (ys[i] - yMean)
    syy += (ys[i] - yMean) ** 2
  }
  const slope = sxy / sxx
  const intercept = yMean - slope * xMean
  const residuals = xs.map((x, i) => ys[i] - (intercept + slope * x))
  const sse = residuals.reduce((a, r) => a + r * r, 0)
  return { n, intercept, slope, s: Math.sqrt(sse / (n - 2)), xMean, sxx, r2: syy ? 1 - sse / syy : 0, residuals }
}

/** Prediction interval for a new observation at x. */
export function predictionInterval(fit: OlsFit, x: number, confidence = 0.95): [number, number] {
  const yHat = fit.intercept + fit.slope * x
  const half =
    tQuantile(1 - (1 - confidence) / 2, fit.n - 2) * fit.s * Math.sqrt(1 + 1 / fit.n + (x - fit.xMean) ** 2 / fit.sxx)
  return [yHat - half, yHat + half]
}
