import type { Request } from 'express'
import createError from 'http-errors'
import { GRADES } from '../../../engine/grades.ts'
import { RISK_MEASURES } from '../../../engine/benchmarking/measures.ts'
import { RiskInputError } from '../../../services/riskService.ts'
import type { PageContext } from '../page.ts'
import { COMPARATORS, riskOptions } from './riskModel.ts'

/** The risk pages' shared parts: input errors as 400s, the option lists, and the national ranking's rows. */
export function asHttp(err: unknown): never {
  if (err instanceof RiskInputError) throw createError(400, err.message)
  throw err
}

type RiskOptions = Awaited<ReturnType<typeof riskOptions>>

export function selectItems(o: RiskOptions) {
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

export async function rankingOptions(req: Request, services: Parameters<typeof riskOptions>[1]) {
  const o = await riskOptions(req, services)
  const region = typeof req.query.region === 'string' && req.query.region ? req.query.region.slice(0, 60) : undefined
  const grade =
    typeof req.query.grade === 'string' && (GRADES as readonly string[]).includes(req.query.grade)
      ? req.query.grade
      : undefined
  return { ...o, region, grade }
}

export async function rankingRows(ctx: PageContext, o: Awaited<ReturnType<typeof rankingOptions>>) {
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
