import type { Store } from '../data/store.ts'
import type { ComparatorKind } from '../engine/benchmarking/estimate.ts'
import { RISK_MEASURES } from '../engine/benchmarking/measures.ts'
import { rankByEvidence, whyListed } from '../engine/benchmarking/ranking.ts'
import { CUBE_READER, cubeLoader, type Cube } from './risk/cube.ts'
import { readCubeFile } from './risk/cubeFile.ts'
import { estimateMeasure, inWords } from './risk/estimates.ts'
import { funnelOf, scatterOf, seriesOf, yearsOf } from './risk/views.ts'

export { DEPRIVATION_COVARIATE } from './risk/cube.ts'
export { MIN_NEIGHBOURS, type MeasureEstimate } from './risk/estimates.ts'

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

export interface RankingOptions {
  year: number
  measure: string
  model?: '2021' | '2025'
  comparator?: ComparatorKind
}

const COMPARATOR_KINDS = ['sn-mean', 'sn-median', 'england', 'region', 'deprivation']
/** How many national rankings are kept per data version (each is 153 rows; the ranking page asks for a few). */
const RANKINGS_KEPT = 64

function checkYear(c: Cube, year: number) {
  if (!Number.isInteger(year) || year < c.years.min || year > c.years.max)
    throw new RiskInputError(
      'year',
      `No published figures for ${year}: the data covers years ending 31 March ${c.years.min} to ${c.years.max}`,
    )
}

function validate(c: Cube, options: RiskOptions) {
  const code = options.la.trim()
  const la = c.las.has(code) ? code : c.laByOns(code)
  if (!la) throw new RiskInputError('la', `There is no local authority with the code ${options.la}`)
  checkYear(c, options.year)
  const model = options.model ?? '2021'
  if (model !== '2021' && model !== '2025')
    throw new RiskInputError('model', `The neighbour model must be 2021 or 2025, not ${model}`)
  const comparator = options.comparator ?? 'sn-mean'
  if (!COMPARATOR_KINDS.includes(comparator))
    throw new RiskInputError(
      'comparator',
      `The comparator must be sn-mean, sn-median, england, region or deprivation, not ${comparator}`,
    )
  return { c, la, model, comparator }
}

/**
 * Every current LA for one measure, ranked by strength of evidence (rankByEvidence): only LAs whose gap's interval
 * lies above zero are ranked, by the lower bound per 10,000; the rest are listed apart.
 */
function rankingOf(c: Cube, options: RankingOptions) {
  const m = RISK_MEASURES.find((x) => x.id === options.measure)
  if (!m) throw new RiskInputError('measure', `Choose a measure from the list`)
  if (options.year < c.years.min || options.year > c.years.max)
    throw new RiskInputError(
      'year',
      `No published figures for ${options.year}: the data covers years ending 31 March ${c.years.min} to ${c.years.max}`,
    )
  const comparator = options.comparator ?? 'sn-mean'
  const rows = c.current.map((code) => {
    const l = c.las.get(code)!
    const estimate = estimateMeasure(c, m, code, options.year, options.model ?? '2021', comparator)
    return { la: code, name: l.name, region: l.region, ...estimate }
  })
  const split = rankByEvidence(rows)
  const flat = (list: typeof split.ranked) =>
    list.map((r) => {
      const row = { ...r.row, evidence: r.evidence, lowerPer10k: r.lowerPer10k, upperPer10k: r.upperPer10k }
      return { ...row, why: whyListed(row, inWords(m), comparator) }
    })
  return {
    /** The data version it was computed from (caches of what is made from it key on this). */
    version: c.version,
    measure: m,
    year: options.year,
    ranked: flat(split.ranked),
    inconclusive: flat(split.inconclusive),
    excess: flat(split.excess),
    notEstimated: split.notEstimated,
  }
}

/**
 * `sightline risk estimate`: every measure's count, rate, comparator, expected count, gap and interval. Measures that
 * cannot be estimated carry a `problem` saying which value is missing and why.
 */
export function estimateOf(cube: Cube, options: RiskOptions) {
  const { c, la, model, comparator } = validate(cube, options)
  return {
    la,
    name: c.las.get(la)!.name,
    year: options.year,
    model,
    comparator,
    populationVintage: 'ONS mid-year estimates (as published by DfE), mid-year before the year ending 31 March',
    measures: RISK_MEASURES.map((m) => estimateMeasure(c, m, la, options.year, model, comparator)),
  }
}

export function riskService(store: Store) {
  const load = cubeLoader(store)
  // Rankings of the current data version, newest last (a Map keeps insertion order).
  let rankings: { version: string; held: Map<string, ReturnType<typeof rankingOf>> } | undefined
  const checked = async (options: RiskOptions) => validate(await load(), options)
  const measure = (id: string) => {
    const m = RISK_MEASURES.find((x) => x.id === id)
    if (!m) throw new RiskInputError('measure', `Unknown measure ${id}`)
    return m
  }

  return {
    load,

    /**
     * On a PGlite store on disk with no risk figures kept for the command line (cubeFile.ts), reads the cube, which
     * keeps them: `sightline risk estimate` then answers without opening the store from its first call.
     */
    async keepForCommandLine() {
      if (store.dir && !readCubeFile(store.dir, CUBE_READER)) await load()
    },

    /**
     * `sightline risk estimate`: every measure's count, rate, comparator, expected count, gap and interval.
     * Measures that cannot be estimated carry a `problem` saying which value is missing and why.
     */
    async estimate(options: RiskOptions) {
      return estimateOf(await load(), options)
    },

    /** Rates over time for the LA, each neighbour, the neighbour mean and England, for charts. */
    async series(options: RiskOptions & { measure: string }) {
      const { c, la, model } = await checked(options)
      return seriesOf(c, measure(options.measure), la, model)
    },

    /** Pathway conversion ratios against the neighbours' median (method 2). */
    async funnel(options: RiskOptions) {
      const { c, la, model } = await checked(options)
      return funnelOf(c, la, options.year, model)
    },

    /** Residual against deprivation: every LA's rate and covariate, for the scatter chart. */
    async deprivationScatter(options: RiskOptions & { measure: string }) {
      const { c, la } = await checked(options)
      return scatterOf(
        c,
        RISK_MEASURES.find((x) => x.id === options.measure)!,
        la,
        options.year,
      )
    },

    /** The years with published figures, and the latest year for which the measure has LA figures. */
    async years(measureId?: string) {
      return yearsOf(await load(), RISK_MEASURES.find((x) => x.id === measureId) ?? RISK_MEASURES[0])
    },

    /** The national ranking (see rankingOf), computed once per data version and options. */
    async ranking(options: RankingOptions) {
      const c = await load()
      if (rankings?.version !== c.version) rankings = { version: c.version, held: new Map() }
      const key = `${options.year}|${options.measure}|${options.model ?? '2021'}|${options.comparator ?? 'sn-mean'}`
      let r = rankings.held.get(key)
      if (!r) {
        r = rankingOf(c, options)
        rankings.held.set(key, r)
        if (rankings.held.size > RANKINGS_KEPT) rankings.held.delete(rankings.held.keys().next().value!)
      }
      return r
    },
  }
}

export type RiskService = ReturnType<typeof riskService>
