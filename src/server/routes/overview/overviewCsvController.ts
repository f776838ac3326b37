import { toCsv } from '../../../engine/csv.ts'
import { definePage } from '../page.ts'
import { filtersFrom } from './overviewContext.ts'

/** The national overview's table as CSV, with the same filters. */
export default definePage({
  PAGE_NAME: 'national-overview-csv',
  PATH: '/overview.csv',
  REQUIRED_PERMISSION: 'register:view',
  async GET(req, res, ctx) {
    const f = filtersFrom(req)
    const data = await ctx.services.laProfiles.overview(f)
    const rows: Record<string, unknown>[] = data.las.map((la) => ({
      la_code: la.laCode,
      name: la.name,
      region: la.region,
      latest_grade: la.latestGrade,
      latest_date: la.latestDate,
      years_since_inadequate: la.yearsSinceInadequate === null ? null : Number(la.yearsSinceInadequate.toFixed(2)),
      ...Object.fromEntries(
        data.measures.map((m) => [
          `${m.id}_per_10k_${data.year}`,
          la.rates[m.id]?.value ?? la.rates[m.id]?.symbol ?? null,
        ]),
      ),
    }))
    const columns = rows.length ? Object.keys(rows[0]) : ['la_code']
    res.type('text/csv').attachment(`sightline-national-overview-${data.year}.csv`).send(toCsv(rows, columns))
  },
})
