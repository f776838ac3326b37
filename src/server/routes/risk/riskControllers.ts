import createError from 'http-errors'
import nunjucks from 'nunjucks'
import { toCsv } from '../../../engine/csv.ts'
import { GRADES } from '../../../engine/grades.ts'
import { RISK_MEASURES } from '../../../engine/benchmarking/measures.ts'
import { RiskInputError } from '../../../services/riskService.ts'
import { definePage } from '../page.ts'
import { COMPARATORS, riskAnalysis, riskOptions } from './riskModel.ts'
import { urls } from '../../urls.ts'

function asHttp(err: unknown): never {
  if (err instanceof RiskInputError) throw createError(400, err.message)
  throw err
}

type RiskOptions = Awaited<ReturnType<typeof riskOptions>>

function selectItems(o: RiskOptions) {
  return {
    yearItems: Array.from({ length: o.years.max - o.years.min + 1 }, (_v, i) => o.years.min + i).map((y) => ({
      value: String(y),
      text: String(y),
      selected: y === o.year,
    })),
    modelItems: ['2021', '2025'].map((m) => ({ value: m, text: `${m} model`, selected: m === o.model })),
    comparatorItems: COMPARATORS.map((c) => ({ ...c, selected: c.value === o.comparator })),
    measureItems: RISK_MEASURES.map((m) => ({ value: m.id, text: m.title, selected: m.id === o.measure })),
  }
}

/** The unidentified-risk analysis for one LA and year. */
export const riskPage = definePage({
  PAGE_NAME: 'la-risk',
  PATH: '/la/:la/risk',
  REQUIRED_PERMISSION: 'risk:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const o = await riskOptions(req, ctx.services)
    const analysis = await riskAnalysis(ctx.services, ctx.laCode!, o).catch(asHttp)
    const query = { year: String(o.year), model: o.model, comparator: o.comparator, measure: o.measure }
    res.render('pages/risk/analysis.njk', { ...analysis, options: o, ...selectItems(o), query, laCode: ctx.laCode })
  },
})

const TABLES = ['measures', 'series', 'funnel', 'deprivation'] as const

export const riskCsv = definePage({
  PAGE_NAME: 'la-risk-csv',
  PATH: '/la/:la/risk.csv',
  REQUIRED_PERMISSION: 'risk:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const o = await riskOptions(req, ctx.services)
    const table = TABLES.find((t) => t === req.query.table)
    if (!table) throw createError(400, `Choose a table: ${TABLES.join(', ')}`)
    const a = await riskAnalysis(ctx.services, ctx.laCode!, o).catch(asHttp)
    const base = {
      la_code: ctx.laCode,
      year_ending_31_march: o.year,
      neighbour_model: o.model,
      comparator: o.comparator,
    }
    let csv: string
    if (table === 'measures')
      csv = toCsv(
        a.estimate.measures.map((m) => ({
          ...base,
          measure: m.measure,
          stage: m.stage,
          count: m.count,
          population: m.population,
          rate_per_10k: m.rate,
          comparator_rate_per_10k: m.comparatorRate,
          expected: m.expected,
          gap: m.gap,
          gap_per_10k: m.gapPer10k,
          interval_low: m.interval?.[0] ?? null,
          interval_high: m.interval?.[1] ?? null,
          below_poisson_limit: m.belowPoissonLimit ?? null,
          neighbours_used: m.neighboursUsed ?? null,
          quartile: m.quartile ?? null,
          rank: m.rank ?? null,
          problem: m.problem ?? null,
        })),
        [
          'la_code',
          'year_ending_31_march',
          'neighbour_model',
          'comparator',
          'measure',
          'stage',
          'count',
          'population',
          'rate_per_10k',
          'comparator_rate_per_10k',
          'expected',
          'gap',
          'gap_per_10k',
          'interval_low',
          'interval_high',
          'below_poisson_limit',
          'neighbours_used',
          'quartile',
          'rank',
          'problem',
        ],
      )
    else if (table === 'series')
      csv = toCsv(
        a.series.rows.map((r) => ({
          la_code: ctx.laCode,
          measure: o.measure,
          year_ending_31_march: r.year,
          la_rate_per_10k: r.la,
          la_symbol: r.laSymbol,
          neighbour_mean_rate_per_10k: r.neighbourMean,
          neighbours_used: r.neighboursUsed,
          england_rate_per_10k: r.england,
          trend_break: a.series.breaks.find((b) => b.year === r.year)?.reasons.join('; ') ?? null,
        })),
        [
          'la_code',
          'measure',
          'year_ending_31_march',
          'la_rate_per_10k',
          'la_symbol',
          'neighbour_mean_rate_per_10k',
          'neighbours_used',
          'england_rate_per_10k',
          'trend_break',
        ],
      )
    else if (table === 'funnel')
      csv = toCsv(
        a.funnel.map((f) => ({
          ...base,
          step: f.id,
          title: f.title,
          ratio: f.ratio,
          neighbour_median: f.neighbourMedian,
          neighbours_used: f.neighboursUsed,
          denominator: f.denominator,
          shortfall: f.shortfall,
        })),
        [
          'la_code',
          'year_ending_31_march',
          'neighbour_model',
          'step',
          'title',
          'ratio',
          'neighbour_median',
          'neighbours_used',
          'denominator',
          'shortfall',
        ],
      )
    else
      csv = toCsv(
        a.scatter.map((p) => ({
          la_code: p.code,
          name: p.name,
          measure: o.measure,
          year_ending_31_march: o.year,
          rate_per_10k: p.rate,
          covariate: p.covariate,
        })),
        ['la_code', 'name', 'measure', 'year_ending_31_march', 'rate_per_10k', 'covariate'],
      )
    res.type('text/csv').attachment(`sightline-${ctx.laCode}-risk-${table}-${o.year}.csv`).send(csv)
  },
})

export const riskPdf = definePage({
  PAGE_NAME: 'la-risk-pdf',
  PATH: '/la/:la/risk.pdf',
  REQUIRED_PERMISSION: 'risk:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const o = await riskOptions(req, ctx.services)
    const analysis = await riskAnalysis(ctx.services, ctx.laCode!, o).catch(asHttp)
    const html = nunjucks.render('pages/risk/print.njk', {
      ...analysis,
      options: o,
      generated: new Date().toISOString().slice(0, 10),
    })
    const { htmlToPdf } = await import('../../../services/pdf.ts')
    const pdf = await htmlToPdf(html, {
      chromiumPath: ctx.services.config.chromiumPath,
      footer: `Sightline: unidentified risk analysis, ${analysis.estimate.name}, ${o.year}. OFFICIAL-SENSITIVE`,
    })
    res.type('application/pdf').attachment(`sightline-${ctx.laCode}-unidentified-risk-${o.year}.pdf`).send(pdf)
  },
})

async function rankingOptions(req: import('express').Request, services: Parameters<typeof riskOptions>[1]) {
  const o = await riskOptions(req, services)
  const region = typeof req.query.region === 'string' && req.query.region ? req.query.region.slice(0, 60) : undefined
  const grade =
    typeof req.query.grade === 'string' && (GRADES as readonly string[]).includes(req.query.grade)
      ? req.query.grade
      : undefined
  return { ...o, region, grade }
}

async function rankingRows(
  ctx: Parameters<NonNullable<typeof riskPage.GET>>[2],
  o: Awaited<ReturnType<typeof rankingOptions>>,
) {
  const ranking = await ctx.services.risk
    .ranking({ year: o.year, measure: o.measure, model: o.model, comparator: o.comparator })
    .catch(asHttp)
  const overview = await ctx.services.laProfiles.overview()
  // The grade as it stood at the end of the statistical year, not today's.
  const asAt = await ctx.services.laProfiles.gradesAsAt(`${o.year}-03-31`)
  const grades = new Map([...asAt].map(([la, g]) => [la, g.grade]))
  const filter = <T extends { la: string; region: string }>(r: T) =>
    (!o.region || r.region === o.region) && (!o.grade || grades.get(r.la) === o.grade)
  const withGrade = <T extends { la: string }>(r: T) => ({ ...r, grade: grades.get(r.la) ?? null })
  return {
    ranking,
    rows: ranking.ranked.filter(filter).map((r, i) => ({ ...withGrade(r), position: i + 1 })),
    inconclusive: ranking.inconclusive.filter(filter).map(withGrade),
    excess: ranking.excess.filter(filter).map(withGrade),
    notEstimated: ranking.notEstimated.filter(filter),
    regions: overview.regions,
  }
}

/** National view: every LA ranked by estimated gap per 10,000, filterable by region and Ofsted grade. */
export const riskRanking = definePage({
  PAGE_NAME: 'risk-ranking',
  PATH: '/risk',
  REQUIRED_PERMISSION: 'risk:view',
  async GET(req, res, ctx) {
    const o = await rankingOptions(req, ctx.services)
    const data = await rankingRows(ctx, o)
    // LA-scoped users see the national ranking of published statistics, but links only to the LAs they may open.
    const canOpen = (la: string) => ctx.user.laScope === null || ctx.user.laScope.includes(la)
    const analysisQuery = { year: String(o.year), model: o.model, comparator: o.comparator, measure: o.measure }
    const linked = <T extends { la: string }>(r: T) => ({
      ...r,
      href: canOpen(r.la) ? urls.laRisk(r.la, analysisQuery) : undefined,
    })
    res.render('pages/risk/ranking.njk', {
      ...data,
      rows: data.rows.map(linked),
      inconclusive: data.inconclusive.map(linked),
      excess: data.excess.map(linked),
      options: o,
      ...selectItems(o),
      regionItems: [
        { value: '', text: 'All regions' },
        ...data.regions.map((r) => ({ value: r, text: r, selected: r === o.region })),
      ],
      gradeItems: [
        { value: '', text: 'Any grade' },
        ...GRADES.map((g) => ({ value: g, text: g, selected: g === o.grade })),
      ],
      csvUrl: urls.riskRankingCsv({ ...analysisQuery, region: o.region ?? '', grade: o.grade ?? '' }),
    })
  },
})

export const riskRankingCsv = definePage({
  PAGE_NAME: 'risk-ranking-csv',
  PATH: '/risk.csv',
  REQUIRED_PERMISSION: 'risk:view',
  async GET(req, res, ctx) {
    const o = await rankingOptions(req, ctx.services)
    const data = await rankingRows(ctx, o)
    const rows = [
      ...data.rows,
      ...[...data.inconclusive, ...data.excess].map((r) => ({ ...r, position: null })),
      ...data.notEstimated.map((r) => ({
        ...r,
        position: null,
        grade: null,
        evidence: null,
        lowerPer10k: null,
        why: null,
      })),
    ]
    res
      .type('text/csv')
      .attachment(`sightline-risk-ranking-${o.measure}-${o.year}.csv`)
      .send(
        toCsv(
          rows.map((r) => ({
            position: r.position,
            la_code: r.la,
            name: r.name,
            region: r.region,
            grade_at_31_march: r.grade,
            evidence: r.evidence,
            count: r.count,
            rate_per_10k: r.rate,
            comparator_rate_per_10k: r.comparatorRate,
            expected: r.expected,
            gap: r.gap,
            gap_per_10k: r.gapPer10k,
            interval_low: r.interval?.[0] ?? null,
            interval_high: r.interval?.[1] ?? null,
            lower_bound_per_10k: r.lowerPer10k,
            why_listed: r.why ?? r.problem ?? null,
          })),
          [
            'position',
            'la_code',
            'name',
            'region',
            'grade_at_31_march',
            'evidence',
            'count',
            'rate_per_10k',
            'comparator_rate_per_10k',
            'expected',
            'gap',
            'gap_per_10k',
            'interval_low',
            'interval_high',
            'lower_bound_per_10k',
            'why_listed',
          ],
        ),
      )
  },
})
