import type { Store } from '../data/store.ts'
import {
  areaComparator,
  deprivationComparator,
  gapAgainst,
  NotEnoughComparators,
  quartileAndRank,
  ratePer10k,
  type AreaObservation,
  type Comparator,
  type ComparatorKind,
  type Observed,
} from '../engine/benchmarking/estimate.ts'
import { CONVERSIONS, RISK_MEASURES, type RiskMeasure } from '../engine/benchmarking/measures.ts'
import { conversion, trendBreaks, type TrendBreak } from '../engine/benchmarking/trends.ts'
import { neighbourComparator } from '../engine/benchmarking/estimate.ts'
import { rankByEvidence, whyListed } from '../engine/benchmarking/ranking.ts'

/** Deprivation covariate for the regression (LAIT): % of primary pupils eligible for free school meals in the last 6 years. */
export const DEPRIVATION_COVARIATE = {
  dataset: 'lait',
  measure: 'Ever6_FSM_Prim',
  title: '% of primary pupils ever eligible for free school meals (Ever 6)',
}
export const MIN_NEIGHBOURS = 5

/** A measure's title inside a sentence: 'Children looked after at 31 March' -> 'children looked after at 31 March'. */
const inWords = (m: RiskMeasure) => m.title[0].toLowerCase() + m.title.slice(1)

export class RiskInputError extends Error {
  constructor(
    public field: 'la' | 'year' | 'model' | 'comparator' | 'measure',
    message: string,
  ) {
    super(message)
  }
}

export interface RiskOptions {
  la: string
  year: number
  model?: '2021' | '2025'
  comparator?: ComparatorKind
}

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

interface Cube {
  version: string
  get(measure: RiskMeasure, area: string, year: number): Observed | undefined
  pop(area: string, year: number): number | undefined
  covariate(area: string, year: number): { value: number; year: number } | undefined
  years: { min: number; max: number }
  las: Map<string, { name: string; region: string; isCurrent: boolean }>
  neighbours: Map<string, string[]>
}

export function riskService(store: Store) {
  let cube: Cube | undefined

  async function load(): Promise<Cube> {
    const [v] = await store.query<{ v: string }>(
      `SELECT coalesce(max(loaded_at)::text, '') || count(*) AS v FROM dataset`,
    )
    if (cube?.version === v.v) return cube
    const conds = RISK_MEASURES.map((_m, i) => `(dataset = $${i * 2 + 1} AND measure = $${i * 2 + 2})`).join(' OR ')
    const rows = await store.query<{
      dataset: string
      measure: string
      area_code: string
      year: number
      value: number | null
      symbol: string | null
    }>(
      `SELECT dataset, measure, area_code, year, value, symbol FROM statistic WHERE ${conds}`,
      RISK_MEASURES.flatMap((m) => [m.source.dataset, m.source.measure]),
    )
    const stats = new Map<string, Observed>()
    let min = Infinity
    let max = -Infinity
    for (const r of rows) {
      stats.set(
        `${r.dataset}|${r.measure}|${r.area_code}|${r.year}`,
        r.value !== null ? { count: r.value } : { suppressed: r.symbol ?? 'blank' },
      )
      min = Math.min(min, r.year)
      max = Math.max(max, r.year)
    }
    const pops = new Map(
      (
        await store.query<{ area_code: string; year: number; population: number }>(
          'SELECT area_code, year, population FROM child_population',
        )
      ).map((p) => [`${p.area_code}|${p.year}`, p.population]),
    )
    const cov = new Map<string, Map<number, number>>()
    for (const c of await store.query<{ area_code: string; year: number; value: number | null }>(
      `SELECT area_code, year, value FROM statistic WHERE dataset = $1 AND measure = $2 AND value IS NOT NULL`,
      [DEPRIVATION_COVARIATE.dataset, DEPRIVATION_COVARIATE.measure],
    )) {
      if (!cov.has(c.area_code)) cov.set(c.area_code, new Map())
      cov.get(c.area_code)!.set(c.year, c.value!)
    }
    const las = new Map(
      (
        await store.query<{ la_code: string; name: string; region: string; is_current: boolean }>(
          'SELECT la_code, name, region, is_current FROM local_authority',
        )
      ).map((l) => [l.la_code, { name: l.name, region: l.region, isCurrent: l.is_current }]),
    )
    const neighbours = new Map<string, string[]>()
    for (const n of await store.query<{ model: string; la_code: string; neighbour_code: string }>(
      'SELECT model, la_code, neighbour_code FROM statistical_neighbour ORDER BY rank',
    )) {
      const key = `${n.model}|${n.la_code}`
      if (!neighbours.has(key)) neighbours.set(key, [])
      neighbours.get(key)!.push(n.neighbour_code)
    }
    cube = {
      version: v.v,
      get: (m, area, year) => stats.get(`${m.source.dataset}|${m.source.measure}|${area}|${year}`),
      // A figure for the year ending 31 March Y uses the mid-year estimate for Y-1 (domain.md §7.1).
      pop: (area, year) => pops.get(`${area}|${year - 1}`),
      covariate: (area, year) => {
        const series = cov.get(area)
        if (!series?.size) return undefined
        const nearest = [...series.keys()].sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || a - b)[0]
        return { value: series.get(nearest)!, year: nearest }
      },
      years: { min, max },
      las,
      neighbours,
    }
    return cube
  }

  function observation(c: Cube, m: RiskMeasure, area: string, year: number): AreaObservation {
    return { code: area, name: c.las.get(area)?.name, observed: c.get(m, area, year), population: c.pop(area, year) }
  }

  function rateFor(c: Cube, m: RiskMeasure, area: string, year: number): number | null {
    const o = c.get(m, area, year)
    const p = c.pop(area, year)
    return o && 'count' in o && p ? ratePer10k(o.count, p) : null
  }

  function describeMissing(c: Cube, m: RiskMeasure, la: string, year: number): string | undefined {
    const o = c.get(m, la, year)
    const name = c.las.get(la)?.name ?? la
    const what = `${name}'s figure for ${inWords(m)} in the year ending 31 March ${year}`
    const publication = m.basis.split(':')[0]
    if (!o) return `${what} is not published (${publication})`
    if ('suppressed' in o)
      return `${what} is suppressed (${o.suppressed}) in the ${publication} statistics: DfE withholds or does not publish it, so no estimate is made`
    if (!c.pop(la, year))
      return `No ONS population estimate for ${name} for mid-${year - 1}, needed for the ${year} rate`
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
    const all = [...c.las.entries()]
      .filter(([, l]) => l.isCurrent)
      .map(([code]) => ({ code, rate: rateFor(c, m, code, year), cov: c.covariate(code, year) }))
      .filter((p) => p.rate !== null && p.cov)
      .map((p) => ({ code: p.code, rate: p.rate!, covariate: p.cov!.value }))
    const { comparator } = deprivationComparator(
      all,
      { code: la, covariate: laCov.value },
      `${DEPRIVATION_COVARIATE.measure} (${laCov.year})`,
    )
    return comparator
  }

  async function validate(options: RiskOptions) {
    const c = await load()
    const code = options.la.trim()
    const la = [...c.las.keys()].includes(code)
      ? code
      : (
          await store.query<{ la_code: string }>(
            'SELECT la_code FROM local_authority WHERE upper(ons_code) = upper($1)',
            [code],
          )
        )[0]?.la_code
    if (!la) throw new RiskInputError('la', `There is no local authority with the code ${options.la}`)
    if (!Number.isInteger(options.year) || options.year < c.years.min || options.year > c.years.max)
      throw new RiskInputError(
        'year',
        `No published figures for ${options.year}: the data covers years ending 31 March ${c.years.min} to ${c.years.max}`,
      )
    const model = options.model ?? '2021'
    if (model !== '2021' && model !== '2025')
      throw new RiskInputError('model', `The neighbour model must be 2021 or 2025, not ${model}`)
    const comparator = options.comparator ?? 'sn-mean'
    if (!['sn-mean', 'sn-median', 'england', 'region', 'deprivation'].includes(comparator))
      throw new RiskInputError(
        'comparator',
        `The comparator must be sn-mean, sn-median, england, region or deprivation, not ${comparator}`,
      )
    return { c, la, model, comparator }
  }

  function estimateMeasure(
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
    base.england = rateFor(c, m, 'England', year)
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
    const allRates = [...c.las.entries()]
      .filter(([, l]) => l.isCurrent)
      .map(([code]) => rateFor(c, m, code, year))
      .filter((r): r is number => r !== null)
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
      ...quartileAndRank(g.rate, allRates),
    }
  }

  return {
    load,

    /**
     * `sightline risk estimate`: every measure's count, rate, comparator, expected count, gap and interval.
     * Measures that cannot be estimated carry a `problem` saying which value is missing and why.
     */
    async estimate(options: RiskOptions) {
      const { c, la, model, comparator } = await validate(options)
      return {
        la,
        name: c.las.get(la)!.name,
        year: options.year,
        model,
        comparator,
        populationVintage: 'ONS mid-year estimates (as published by DfE), mid-year before the year ending 31 March',
        measures: RISK_MEASURES.map((m) => estimateMeasure(c, m, la, options.year, model, comparator)),
      }
    },

    /** Rates over time for the LA, each neighbour, the neighbour mean and England, for charts. */
    async series(options: RiskOptions & { measure: string }) {
      const { c, la, model } = await validate(options)
      const m = RISK_MEASURES.find((x) => x.id === options.measure)
      if (!m) throw new RiskInputError('measure', `Unknown measure ${options.measure}`)
      const neighbours = c.neighbours.get(`${model}|${la}`) ?? []
      const years: number[] = []
      for (let y = c.years.min; y <= c.years.max; y++) years.push(y)
      const rows = years.map((year) => {
        const nRates = neighbours.map((n) => rateFor(c, m, n, year)).filter((r): r is number => r !== null)
        return {
          year,
          la: rateFor(c, m, la, year),
          laSymbol: (() => {
            const o = c.get(m, la, year)
            return o && 'suppressed' in o ? o.suppressed : null
          })(),
          neighbourMean: nRates.length ? nRates.reduce((a, b) => a + b, 0) / nRates.length : null,
          neighboursUsed: nRates.length,
          england: rateFor(c, m, 'England', year),
        }
      })
      const breaks: TrendBreak[] = trendBreaks(
        rows.map((r) => ({ year: r.year, rate: r.la })),
        Object.fromEntries(neighbours.map((n) => [n, years.map((year) => ({ year, rate: rateFor(c, m, n, year) }))])),
        // Need indicator: the child population (and so need) is flat unless it moved by 10% in a year.
        years.map((year) => ({ year, rate: c.pop(la, year) ?? null })),
      )
      return {
        measure: m,
        rows,
        breaks,
        neighbours: neighbours.map((n) => ({ code: n, name: c.las.get(n)?.name ?? n })),
      }
    },

    /** Pathway conversion ratios against the neighbours' median (method 2). */
    async funnel(options: RiskOptions) {
      const { c, la, model } = await validate(options)
      const year = options.year
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
    },

    /** Residual against deprivation: every LA's rate and covariate, for the scatter chart. */
    async deprivationScatter(options: RiskOptions & { measure: string }) {
      const { c, la } = await validate(options)
      const m = RISK_MEASURES.find((x) => x.id === options.measure)!
      return [...c.las.entries()]
        .filter(([, l]) => l.isCurrent)
        .map(([code, l]) => ({
          code,
          name: l.name,
          rate: rateFor(c, m, code, options.year),
          covariate: c.covariate(code, options.year)?.value ?? null,
          highlight: code === la,
        }))
        .filter((p) => p.rate !== null && p.covariate !== null) as Array<{
        code: string
        name: string
        rate: number
        covariate: number
        highlight: boolean
      }>
    },

    /** The years with published figures, and the latest year for which the measure has LA figures. */
    async years(measureId?: string) {
      const c = await load()
      const m = RISK_MEASURES.find((x) => x.id === measureId) ?? RISK_MEASURES[0]
      let latest = c.years.min
      for (let y = c.years.max; y >= c.years.min; y--)
        if ([...c.las.keys()].some((la) => c.las.get(la)!.isCurrent && c.get(m, la, y))) {
          latest = y
          break
        }
      return { min: c.years.min, max: c.years.max, latest }
    },

    /**
     * Every current LA for one measure, ranked by strength of evidence (rankByEvidence): only LAs whose gap's interval
     * lies above zero are ranked, by the lower bound per 10,000; the rest are listed apart.
     */
    async ranking(options: { year: number; measure: string; model?: '2021' | '2025'; comparator?: ComparatorKind }) {
      const c = await load()
      const m = RISK_MEASURES.find((x) => x.id === options.measure)
      if (!m) throw new RiskInputError('measure', `Choose a measure from the list`)
      if (options.year < c.years.min || options.year > c.years.max)
        throw new RiskInputError(
          'year',
          `No published figures for ${options.year}: the data covers years ending 31 March ${c.years.min} to ${c.years.max}`,
        )
      const rows = [...c.las.entries()]
        .filter(([, l]) => l.isCurrent)
        .map(([code, l]) => ({
          la: code,
          name: l.name,
          region: l.region,
          ...estimateMeasure(c, m, code, options.year, options.model ?? '2021', options.comparator ?? 'sn-mean'),
        }))
      const split = rankByEvidence(rows)
      const comparator = options.comparator ?? 'sn-mean'
      const flat = (list: typeof split.ranked) =>
        list.map((r) => {
          const row = { ...r.row, evidence: r.evidence, lowerPer10k: r.lowerPer10k, upperPer10k: r.upperPer10k }
          return { ...row, why: whyListed(row, inWords(m), comparator) }
        })
      return {
        measure: m,
        year: options.year,
        ranked: flat(split.ranked),
        inconclusive: flat(split.inconclusive),
        excess: flat(split.excess),
        notEstimated: split.notEstimated,
      }
    },
  }
}

export type RiskService = ReturnType<typeof riskService>
