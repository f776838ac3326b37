import type { Store } from '../../data/store.ts'
import type { profileOf, trendsOf } from './laViews.ts'

/** `sightline la show CODE --json`: the profile and trends of one LA with every statistic published for it. */
export async function laRecord(
  store: Store,
  profile: NonNullable<ReturnType<typeof profileOf>>,
  trends: ReturnType<typeof trendsOf>,
) {
  const statistics = await store.query<{
    dataset: string
    measure: string
    year: number
    value: number | null
    symbol: string | null
  }>(
    `SELECT dataset, measure, year, value, symbol FROM statistic WHERE area_code = $1 AND geographic_level = 'Local authority'
      ORDER BY dataset, measure, year`,
    [profile.la.laCode],
  )
  return {
    ...profile.la,
    neighbours: profile.neighbourModels.map((m) => ({
      model: m.model,
      neighbours: m.neighbours.map((n) => ({
        laCode: n.laCode,
        name: n.name,
        band: n.band,
        rank: n.rank,
        latestGrade: n.latestGrade,
      })),
    })),
    inspections: [...profile.inspections].reverse().map((i) => ({
      framework: i.framework,
      start: i.startDate,
      end: i.endDate,
      published: i.published,
      overallGrade: i.overallGrade,
      judgements: i.judgements.map((j) => ({
        area: j.area,
        grade: j.grade,
        ...(j.originalLabel && j.originalLabel !== j.grade ? { publishedAs: j.originalLabel } : {}),
      })),
    })),
    ratesPer10k: trends.map((t) => ({
      measure: t.measure.id,
      neighbourModel: '2021',
      years: t.years.map((y) => ({
        year: y.year,
        la: y.la.value,
        laSymbol: y.la.symbol ?? null,
        neighbourMean: y.neighbourMean.value,
        neighboursUsed: y.neighboursUsed,
        england: y.england.value,
      })),
    })),
    statistics,
  }
}
