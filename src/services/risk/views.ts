import { RISK_MEASURES, CONVERSIONS, type RiskMeasure } from '../../engine/benchmarking/measures.ts'
import { conversion, trendBreaks, type TrendBreak } from '../../engine/benchmarking/trends.ts'
import type { Cube } from './cube.ts'

/** Rates over time for the LA, each neighbour, the neighbour mean and England, for charts. */
export function seriesOf(c: Cube, m: RiskMeasure, la: string, model: string) {
  const neighbours = c.neighbours.get(`${model}|${la}`) ?? []
  const years: number[] = []
  for (let y = c.years.min; y <= c.years.max; y++) years.push(y)
  const rows = years.map((year) => {
    const nRates = neighbours.map((n) => c.rate(m, n, year)).filter((r): r is number => r !== null)
    const o = c.get(m, la, year)
    return {
      year,
      la: c.rate(m, la, year),
      laSymbol: o && 'suppressed' in o ? o.suppressed : null,
      neighbourMean: nRates.length ? nRates.reduce((a, b) => a + b, 0) / nRates.length : null,
      neighboursUsed: nRates.length,
      england: c.rate(m, 'England', year),
    }
  })
  const breaks: TrendBreak[] = trendBreaks(
    rows.map((r) => ({ year: r.year, rate: r.la })),
    Object.fromEntries(neighbours.map((n) => [n, years.map((year) => ({ year, rate: c.rate(m, n, year) }))])),
    // Need indicator: the child population (and so need) is flat unless it moved by 10% in a year.
    years.map((year) => ({ year, rate: c.pop(la, year) ?? null })),
  )
  return {
    measure: m,
    rows,
    breaks,
    neighbours: neighbours.map((n) => ({ code: n, name: c.las.get(n)?.name ?? n })),
  }
}

/** Pathway conversion ratios against the neighbours' median (method 2). */
export function funnelOf(c: Cube, la: string, year: number, model: string) {
  const neighbours = c.neighbours.get(`${model}|${la}`) ?? []
  const count = (id: string, area: string) => {
    const m = RISK_MEASURES.find((x) => x.id === id)!
    const o = c.get(m, area, year)
    return o && 'count' in o ? o.count : null
  }
  return CONVERSIONS.map((def) =>
    conversion(
      def,
      { numerator: count(def.numerator, la), denominator: count(def.denominator, la) },
      neighbours.map((n) => ({ numerator: count(def.numerator, n), denominator: count(def.denominator, n) })),
    ),
  )
}

/** Residual against deprivation: every current LA's rate and covariate, for the scatter chart. */
export function scatterOf(c: Cube, m: RiskMeasure, la: string, year: number) {
  return c.current
    .map((code) => ({
      code,
      name: c.las.get(code)!.name,
      rate: c.rate(m, code, year),
      covariate: c.covariate(code, year)?.value ?? null,
      highlight: code === la,
    }))
    .filter((p) => p.rate !== null && p.covariate !== null) as Array<{
    code: string
    name: string
    rate: number
    covariate: number
    highlight: boolean
  }>
}

/** The years with published figures, and the latest year for which the measure has LA figures. */
export function yearsOf(c: Cube, m: RiskMeasure) {
  let latest = c.years.min
  for (let y = c.years.max; y >= c.years.min; y--)
    if (c.current.some((la) => c.get(m, la, y))) {
      latest = y
      break
    }
  return { min: c.years.min, max: c.years.max, latest }
}
