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
  const s = [...xs].sort((a, b) => a - b)
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

function invert(f: (x: number) => number, target: number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2
    if (f(mid) < target) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/** Chi-square quantile with k degrees of freedom. @example chiSquareQuantile(0.975, 2) // 7.3778 */
export function chiSquareQuantile(p: number, k: number): number {
  return invert((x) => gammaP(k / 2, x / 2), p, 0, Math.max(100, k * 10))
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

/** Student's t quantile. @example tQuantile(0.975, 9) // 2.2622 */
export function tQuantile(p: number, df: number): number {
  return invert((t) => tCdf(t, df), p, -1000, 1000)
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
