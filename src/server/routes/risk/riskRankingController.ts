import { regionGradeItems } from '../regionGradeItems.ts'
import type { Request } from 'express'
import { definePage, type PageContext } from '../page.ts'
import { rankingOptions, rankingRows, selectItems } from './riskShared.ts'
import { urls } from '../../urls.ts'
import { cachedFragment } from '../../fragments.ts'
import { sendCachedPage } from '../../pageCache.ts'

/** National view: every LA ranked by estimated gap per 10,000, filterable by region and Ofsted grade. */
export default definePage({
  PAGE_NAME: 'risk-ranking',
  PATH: '/risk',
  REQUIRED_PERMISSION: 'risk:view',
  async GET(req, res, ctx) {
    const o = await rankingOptions(req, ctx.services)
    // The whole page shows public data only: kept per data version (read first, so a page is never kept under a newer
    // version than it shows) and options; the LA scope, role and navigation are in the page cache's own key.
    const version = `${(await ctx.services.risk.load()).version}|${await ctx.services.laProfiles.version()}`
    await sendCachedPage(req, res, 'pages/risk/index.njk', { version, key: o }, () => rankingPage(req, ctx, o))
  },
})

/** The ranking page's locals: the rows for the options, the tables rendered once per data version. */
async function rankingPage(req: Request, ctx: PageContext, o: Awaited<ReturnType<typeof rankingOptions>>) {
  const data = await rankingRows(ctx, o)
  // LA-scoped users see the national ranking of published statistics, but links only to the LAs they may open.
  const canOpen = (la: string) => ctx.user.laScope === null || ctx.user.laScope.includes(la)
  const analysisQuery = { year: String(o.year), model: o.model, comparator: o.comparator, measure: o.measure }
  const linked = <T extends { la: string }>(r: T) => ({
    ...r,
    href: canOpen(r.la) ? urls.laRisk(r.la, analysisQuery) : undefined,
  })
  // The tables are the same for everyone with these options and this LA scope: rendered once per data version.
  const scope = ctx.user.laScope === null ? '*' : [...ctx.user.laScope].sort().join(',')
  const key = [o.year, o.measure, o.model, o.comparator, o.region ?? '', o.grade ?? '', scope]
  const tablesHtml = await cachedFragment(
    req.app,
    'risk-ranking-tables',
    { version: data.ranking.version, key: JSON.stringify(key) },
    'pages/risk/_rankingTables.njk',
    () => ({
      ...data,
      rows: data.rows.map(linked),
      inconclusive: data.inconclusive.map(linked),
      excess: data.excess.map(linked),
      options: o,
    }),
  )
  return {
    ...data,
    tablesHtml,
    options: o,
    ...selectItems(o),
    ...regionGradeItems(data.regions, o),
    csvUrl: urls.riskRankingCsv({ ...analysisQuery, region: o.region ?? '', grade: o.grade ?? '' }),
  }
}
