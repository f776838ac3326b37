import { regionGradeItems } from '../regionGradeItems.ts'
import { definePage } from '../page.ts'
import { urls } from '../../urls.ts'
import { landingFor } from '../navigation.ts'
import { cachedFragment } from '../../fragments.ts'
import type { OverviewRow } from '../../../services/laProfileService.ts'
import { filtersFrom, type Sort } from './overviewContext.ts'

function sortValue(la: OverviewRow, sort: Sort): string | number {
  switch (sort) {
    case 'name':
      return la.name
    case 'region':
      return la.region
    case 'grade':
      return la.gradeRank || 9
    case 'date':
      return la.latestDate ?? ''
    case 'inadequate':
      return la.yearsSinceInadequate ?? 999
    default:
      return la.rates[sort]?.value ?? -1
  }
}

type Filters = ReturnType<typeof filtersFrom>

/** What the overview's table template needs: the rows in order, and the column headings with their sort links. */
function overviewTable(data: { measures: { id: string; title: string }[] }, visible: OverviewRow[], f: Filters) {
  const las = [...visible].sort((a, b) => {
    const x = sortValue(a, f.sort)
    const y = sortValue(b, f.sort)
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
    return f.dir === 'desc' ? -c : c
  })
  const col = (key: Sort, title: string, numeric = false) => ({
    key,
    title,
    numeric,
    href: urls.overview({
      region: f.region,
      grade: f.grade,
      sort: key,
      dir: f.sort === key && f.dir === 'asc' ? 'desc' : 'asc',
    }),
  })
  return {
    las,
    measures: data.measures,
    sort: f.sort,
    dir: f.dir,
    columns: [
      col('name', 'Local authority'),
      col('region', 'Region'),
      col('grade', 'Latest overall grade'),
      col('date', 'Date'),
      col('inadequate', 'Years since last inadequate', true),
      ...data.measures.map((m) => col(m.id as Sort, `${m.title} per 10,000`, true)),
    ],
  }
}

/** The national overview: every LA, latest Ofsted grade, years since last inadequate, key rates against England. */
export const overviewPage = definePage({
  PAGE_NAME: 'national-overview',
  PATH: '/',
  REQUIRED_PERMISSION: 'register:view',
  async GET(req, res, ctx) {
    // Each role lands where its work is; an LA-scoped user sees only the LAs they may open (no page of 403 links).
    const landing = landingFor(ctx.user)
    if (landing !== urls.home()) return res.redirect(303, landing)
    const f = filtersFrom(req)
    const data = await ctx.services.laProfiles.overview(f)
    const scope = ctx.user.laScope
    const table = overviewTable(
      data,
      data.las.filter((l) => scope === null || scope.includes(l.laCode)),
      f,
    )
    // The table is the same for everyone with these filters and this LA scope: rendered once per data version.
    const key = [f.region ?? '', f.grade ?? '', f.sort, f.dir, scope === null ? '*' : [...scope].sort().join(',')]
    const tableHtml = await cachedFragment(
      req.app,
      'overview-table',
      { version: data.version, key: JSON.stringify(key) },
      'pages/overview/_table.njk',
      () => table,
    )
    res.render('pages/overview/index.njk', {
      ...data,
      ...table,
      tableHtml,
      scoped: scope !== null,
      ...regionGradeItems(data.regions, f),
      csvUrl: urls.overviewCsv({ region: f.region, grade: f.grade }),
    })
  },
})
