import {
  areaComparator,
  deprivationComparator,
  gapAgainst,
  neighbourComparator,
  NotEnoughComparators,
  ratePer10k,
  type AreaObservation,
  type Comparator,
  type ComparatorKind,
} from '../../engine/benchmarking/estimate.ts'
import type { RiskMeasure } from '../../engine/benchmarking/measures.ts'
import { DEPRIVATION_COVARIATE, type Cube } from './cube.ts'

export const MIN_NEIGHBOURS = 5

/** A measure's title inside a sentence: 'Children looked after at 31 March' -> 'children looked after at 31 March'. */
export const inWords = (m: RiskMeasure) => m.title[0].toLowerCase() + m.title.slice(1)

export interface MeasureEstimate {
  measure: string
  title: string
  stage: RiskMeasure['stage']
  count: number | null
  population: number | null
  rate: number | null
  comparatorRate: number | null
  expected: number | null
  gap: number | null
  gapPer10k: number | null
  interval: [number, number] | null
  belowPoissonLimit?: boolean
  comparatorInterval?: [number, number]
  comparatorMethod?: string
  neighboursUsed?: number
  neighboursDropped?: Array<{ code: string; reason: string }>
  quartile?: number
  rank?: number
  of?: number
  england?: number | null
  /** Why no estimate could be made (suppressed, not published, too few neighbours): never a silent zero. */
  problem?: string
}

function observation(c: Cube, m: RiskMeasure, area: string, year: number): AreaObservation {
  return { code: area, name: c.las.get(area)?.name, observed: c.get(m, area, year), population: c.pop(area, year) }
}

function describeMissing(c: Cube, m: RiskMeasure, la: string, year: number): string | undefined {
  const o = c.get(m, la, year)
  const name = c.las.get(la)?.name ?? la
  const what = `${name}'s figure for ${inWords(m)} in the year ending 31 March ${year}`
  const publication = m.basis.split(':')[0]
  if (!o) return `${what} is not published (${publication})`
  if ('suppressed' in o)
    return `${what} is suppressed (${o.suppressed}) in the ${publication} statistics: DfE withholds or does not publish it, so no estimate is made`
  if (!c.pop(la, year)) return `No ONS population estimate for ${name} for mid-${year - 1}, needed for the ${year} rate`
  return undefined
}

function comparatorFor(
  c: Cube,
  m: RiskMeasure,
  la: string,
  year: number,
  model: string,
  kind: ComparatorKind,
): Comparator {
  if (kind === 'sn-mean' || kind === 'sn-median') {
    const codes = c.neighbours.get(`${model}|${la}`) ?? []
    return neighbourComparator(
      codes.map((n) => observation(c, m, n, year)),
      kind,
      MIN_NEIGHBOURS,
    )
  }
  if (kind === 'england') return areaComparator(observation(c, m, 'England', year), 'england')
  if (kind === 'region') return areaComparator(observation(c, m, c.las.get(la)!.region, year), 'region')
  const laCov = c.covariate(la, year)
  if (!laCov) throw new Error(`no ${DEPRIVATION_COVARIATE.title} is published for ${c.las.get(la)?.name}`)
  const { comparator } = deprivationComparator(
    c.table(m, year).deprivationPoints,
    { code: la, covariate: laCov.value },
    `${DEPRIVATION_COVARIATE.measure} (${laCov.year})`,
  )
  return comparator
}

/** One measure's estimate for one LA and year; a measure that cannot be estimated says why in `problem`. */
export function estimateMeasure(
  c: Cube,
  m: RiskMeasure,
  la: string,
  year: number,
  model: string,
  kind: ComparatorKind,
): MeasureEstimate {
  const base: MeasureEstimate = {
    measure: m.id,
    title: m.title,
    stage: m.stage,
    count: null,
    population: c.pop(la, year) ?? null,
    rate: null,
    comparatorRate: null,
    expected: null,
    gap: null,
    gapPer10k: null,
    interval: null,
  }
  const missing = describeMissing(c, m, la, year)
  const o = c.get(m, la, year)
  if (o && 'count' in o) {
    base.count = o.count
    if (base.population) base.rate = ratePer10k(o.count, base.population)
  }
  base.england = c.rate(m, 'England', year)
  if (missing) return { ...base, problem: missing }
  let comparator: Comparator
  try {
    comparator = comparatorFor(c, m, la, year, model, kind)
  } catch (err) {
    const e = err as Error
    return {
      ...base,
      problem: e instanceof NotEnoughComparators ? `${e.message}; no comparison made` : `No comparison: ${e.message}`,
    }
  }
  const g = gapAgainst(o as { count: number }, base.population!, comparator)
  return {
    ...base,
    comparatorRate: comparator.rate,
    expected: g.expected,
    gap: g.gap,
    gapPer10k: g.gapPer10k,
    interval: g.interval,
    belowPoissonLimit: g.belowPoissonLimit,
    comparatorInterval: comparator.interval,
    comparatorMethod: comparator.method,
    neighboursUsed: kind.startsWith('sn') ? comparator.used : undefined,
    neighboursDropped: kind.startsWith('sn') ? comparator.dropped : undefined,
    ...c.table(m, year).rank(g.rate),
  }
}
