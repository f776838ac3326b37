import type { Request } from 'express'
import { barChart, lineChart, scatterChart } from '../../../engine/charts/svg.ts'
import type { ComparatorKind } from '../../../engine/benchmarking/estimate.ts'
import { RISK_MEASURES } from '../../../engine/benchmarking/measures.ts'
import { DEFAULT_TREND_RULE } from '../../../engine/benchmarking/trends.ts'
import { DEPRIVATION_COVARIATE, MIN_NEIGHBOURS, type MeasureEstimate } from '../../../services/riskService.ts'
import type { Services } from '../../../services/index.ts'

export const COMPARATORS: Array<{ value: ComparatorKind; text: string }> = [
  { value: 'sn-mean', text: 'Statistical neighbours (mean)' },
  { value: 'sn-median', text: 'Statistical neighbours (median)' },
  { value: 'england', text: 'England' },
  { value: 'region', text: 'Region' },
  { value: 'deprivation', text: 'Deprivation-adjusted (all LAs)' },
]

/**
 * Reads the analysis options from the query string, with defaults a commissioner would start from: the latest year
 * with published figures for the chosen measure.
 */
export async function riskOptions(req: Request, services: Pick<Services, 'risk'>) {
  const q = req.query
  const measureId = RISK_MEASURES.find((m) => m.id === q.measure)?.id ?? 'cpp_at_31_march'
  const years = await services.risk.years(measureId)
  const year = /^\d{4}$/.test(String(q.year ?? '')) ? Number(q.year) : years.latest
  return { ...parseRest(q), year, years }
}

function parseRest(q: Request['query']) {
  const model = q.model === '2025' ? '2025' : '2021'
  const comparator = (COMPARATORS.find((c) => c.value === q.comparator)?.value ?? 'sn-mean') as ComparatorKind
  const measure = RISK_MEASURES.find((m) => m.id === q.measure)?.id ?? 'cpp_at_31_march'
  return { model: model as '2021' | '2025', comparator, measure }
}

const n0 = (v: number) => Math.round(v).toLocaleString('en-GB')
const n1 = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })

/** The headline in plain English, from the same numbers as the table. */
export function headline(name: string, year: number, m: MeasureEstimate, comparatorText: string): string {
  if (m.problem || m.gap === null || m.interval === null)
    return `No estimate for ${m.title.toLowerCase()}: ${m.problem}`
  const fewer = m.gap > 0
  return (
    `In the year ending 31 March ${year}, ${name} recorded ${n0(m.count!)} for “${m.title}”, ${n1(m.rate!)} per 10,000 children. ` +
    `At the rate of its comparator (${comparatorText.toLowerCase()}, ${n1(m.comparatorRate!)} per 10,000) it would have recorded about ${n0(m.expected!)}: ` +
    `${n0(Math.abs(m.gap))} ${fewer ? 'fewer' : 'more'} children than expected, ${intervalInWords(m.interval)}` +
    `${m.interval[0] > 0 ? ', so the shortfall is unlikely to be chance alone' : m.interval[1] < 0 ? ', so the excess is unlikely to be chance alone' : ', an interval that includes no difference at all'}.`
  )
}

/**
 * The gap's 95% interval (expected minus actual) in the words of the sentence: a positive bound is children fewer than
 * expected, a negative one children more. [-808, -307] reads "between 307 and 808 more", never "from -808 to -307"
 * beside "556 more".
 */
export function intervalInWords([low, high]: [number, number]): string {
  if (low > 0) return `with a 95% interval of between ${n0(low)} and ${n0(high)} fewer`
  if (high < 0) return `with a 95% interval of between ${n0(-high)} and ${n0(-low)} more`
  const side = (v: number) => (v > 0 ? `${n0(v)} fewer` : v < 0 ? `${n0(-v)} more` : 'no difference')
  return `with a 95% interval from ${side(low)} to ${side(high)}`
}

/** Methodology text, generated from the engine's own settings so it cannot drift from the code. */
export function methodology(comparatorMethod: string | undefined) {
  return [
    'Rates are per 10,000 children aged 0 to 17. A figure for the year ending 31 March uses the ONS mid-year population estimate for the year before, as DfE does.',
    `Expected children = comparator rate × the local authority's child population ÷ 10,000. Gap = expected − actual; a positive gap means fewer children were identified than the comparator suggests.`,
    `The 95% interval combines uncertainty in the comparator (${comparatorMethod ?? 'see the comparator'}) with exact Poisson limits on the local authority's own count: from (lowest expected − highest plausible count) to (highest expected − lowest plausible count).`,
    `Statistical neighbours whose value is suppressed or not published are left out and named; an estimate needs at least ${MIN_NEIGHBOURS} neighbours.`,
    `The deprivation-adjusted comparator fits ln(rate) against ${DEPRIVATION_COVARIATE.title} across all local authorities by least squares, uses the nearest year published, corrects the back-transformation with Duan's smearing factor, and reports a 95% prediction interval.`,
    `A count below the 99.8% Poisson lower limit of the expected count is flagged.`,
    `Trend breaks: a year-on-year fall of more than ${DEFAULT_TREND_RULE.fallThreshold * 100}%, or a change at least ${DEFAULT_TREND_RULE.zThreshold} standard deviations from the neighbours' changes, while the child population changed by less than ${DEFAULT_TREND_RULE.flatNeed * 100}%.`,
    'Gaps are never added across stages of the pathway: the same children appear at several stages.',
  ]
}

export const CAVEATS = [
  'A gap is a question, not a finding: it can mean children at risk are not being identified, or effective early help, or different recording.',
  'Suppressed values (c) and values not published (x) are shown as such and never treated as zero.',
  'Neither statistical neighbour model (2021, 2025) is the one in force in 2014; the page says which model it uses.',
  'ONS revised its 2012-2020 population estimates after the 2021 Census; these rates use the estimates as published by DfE.',
  'Known but not yet worked (children awaiting assessment) is shown apart from children not yet known; when the council has sent casework data, its own count of unworked demand (from the snapshot nearest 31 March of the year) is shown beside it.',
]

export async function riskAnalysis(services: Services, laCode: string, o: Awaited<ReturnType<typeof riskOptions>>) {
  const estimate = await services.risk.estimate({ la: laCode, year: o.year, model: o.model, comparator: o.comparator })
  const series = await services.risk.series({ la: laCode, year: o.year, model: o.model, measure: o.measure })
  const funnel = await services.risk.funnel({ la: laCode, year: o.year, model: o.model })
  const scatter = await services.risk.deprivationScatter({ la: laCode, year: o.year, measure: o.measure })
  const comparatorText = COMPARATORS.find((c) => c.value === o.comparator)!.text
  const selected = estimate.measures.find((m) => m.measure === o.measure)!
  const known = estimate.measures.find((m) => m.measure === 'awaiting_assessment')!
  const notYetKnown = estimate.measures.filter((m) => m.stage !== 'known but not worked')
  return {
    estimate,
    series,
    funnel,
    scatter,
    selected,
    known,
    notYetKnown,
    headline: headline(estimate.name, o.year, selected, comparatorText),
    comparatorText,
    methodology: methodology(selected.comparatorMethod),
    caveats: CAVEATS,
  }
}

/** The analysis page's three charts (the trend, the pathway against neighbours, the deprivation scatter) as SVG. */
export function riskCharts(a: Awaited<ReturnType<typeof riskAnalysis>>, o: Awaited<ReturnType<typeof riskOptions>>) {
  const trendSvg = lineChart(
    [
      { name: a.estimate.name, highlight: true, points: a.series.rows.map((r) => ({ x: r.year, y: r.la })) },
      {
        name: `Neighbours (${o.model} model, mean)`,
        points: a.series.rows.map((r) => ({ x: r.year, y: r.neighbourMean })),
      },
      { name: 'England', points: a.series.rows.map((r) => ({ x: r.year, y: r.england })) },
    ],
    {
      title: `${a.series.measure.title} per 10,000 children: ${a.estimate.name}, its neighbours and England`,
      description: `Years ending 31 March. ${a.series.breaks.length ? `Trend breaks flagged in ${a.series.breaks.map((b) => b.year).join(', ')}.` : 'No trend breaks flagged.'} The table gives the same figures.`,
      xLabel: 'Year ending 31 March',
      yLabel: 'Per 10,000 children',
    },
  )
  const funnelSvg = barChart(
    a.funnel.flatMap((f) => [
      { label: `${f.title}`, value: f.ratio === null ? null : Number((f.ratio * 100).toFixed(1)), highlight: true },
      {
        label: `neighbours' median`,
        value: f.neighbourMedian === null ? null : Number((f.neighbourMedian * 100).toFixed(1)),
      },
    ]),
    {
      title: `Pathway conversion ratios (per 100), ${a.estimate.name} against its neighbours' median, ${o.year}`,
      description: `Each pair of bars compares ${a.estimate.name} (first, red) with its neighbours' median (second, blue). The table gives the same figures.`,
      width: 900,
      labelWidth: 440,
    },
  )
  const scatterSvg = a.scatter.length
    ? scatterChart(
        a.scatter.map((p) => ({ x: p.covariate, y: p.rate, label: p.name, highlight: p.highlight })),
        {
          title: `${a.series.measure.title} per 10,000 against deprivation, all local authorities, ${o.year}`,
          description: `Each dot is a local authority; ${a.estimate.name} is highlighted. Horizontal axis: ${DEPRIVATION_COVARIATE.title}.`,
          xLabel: DEPRIVATION_COVARIATE.title,
          yLabel: 'Per 10,000 children',
        },
      )
    : undefined
  return { trendSvg, funnelSvg, scatterSvg }
}
