import createError from 'http-errors'
import { can } from '../../../engine/access/permissions.ts'
import { lineChart } from '../../../engine/charts/svg.ts'
import type { Request } from 'express'
import { definePage, type PageContext } from '../page.ts'
import { changeVersion, sendCachedPage } from '../../pageCache.ts'
import { laLinksFor } from '../navigation.ts'
import { describeStanding } from '../../../engine/intervention/events.ts'
import { urls } from '../../urls.ts'
import { cachedFragment } from '../../fragments.ts'
import { STATS_MODEL, trendData, type Trends } from './laContext.ts'

const PLAN_STATES: Record<string, string> = {
  draft: 'Draft',
  submitted: 'Submitted for review',
  accepted: 'Accepted',
  returned: 'Returned for changes',
}

/** The LA page's charts with their tables: one per key measure, the LA against its neighbours' mean and England. */
function chartsOf(trends: Trends, name: string) {
  return trends.map((t) => {
    const unit = t.measure.kind === 'rate' ? 'published rate per 10,000' : 'per 10,000 children'
    const points = (pick: (y: (typeof t.years)[number]) => number | null) =>
      t.years.map((y) => ({ x: y.year, y: pick(y) }))
    const title = `${t.measure.title} ${unit}`
    return {
      id: t.measure.id,
      title,
      svg: lineChart(
        [
          { name, highlight: true, points: points((y) => y.la.value) },
          {
            name: `Statistical neighbours (${STATS_MODEL} model, mean)`,
            points: points((y) => y.neighbourMean.value),
          },
          { name: 'England', points: points((y) => y.england.value) },
        ],
        {
          title: `${title}: ${name} against its statistical neighbours and England`,
          description: `Years ending 31 March ${t.years[0]?.year ?? ''} to ${t.years[t.years.length - 1]?.year ?? ''}. The table below gives the same figures.`,
          xLabel: 'Year ending 31 March',
          yLabel: 'Per 10,000 children',
        },
      ),
      seriesNames: [name, 'Neighbour mean', 'Neighbours used', 'England'],
      rows: t.years.map((y) => ({
        year: y.year,
        cells: [y.la, y.neighbourMean, { value: y.neighboursUsed }, y.england],
      })),
    }
  })
}

/** The LA page: identity, neighbours with their grades, inspection timeline, key statistics as charts and tables. */
export const laPage = definePage({
  PAGE_NAME: 'la-profile',
  PATH: '/la/:la',
  REQUIRED_PERMISSION: 'register:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    // The store's change count (read with the session) and the register's data version are read before anything made
    // from them, so a page is never kept under a newer version than the data it shows: any change to the LA's imported
    // reports, its standing or its plans moves the count, and the next request makes the page again.
    const version = await changeVersion(res, () => ctx.services.laProfiles.version())
    const laCode = ctx.laCode!
    await sendCachedPage(req, res, 'pages/la/index.njk', { version, key: laCode }, () => laPageLocals(req, ctx))
  },
})

/** Everything else on the LA page: the register's profile, the statistics fragment and the links the user may follow. */
async function laPageLocals(req: Request, ctx: PageContext) {
  const laCode = ctx.laCode!
  const user = ctx.user
  const version = await ctx.services.laProfiles.version()
  const actor = { id: user.id, name: user.username, role: user.role, laScope: user.laScope }
  const imported = can(user, 'plan:view') ? await ctx.services.planViews.reportsForLa(laCode, actor) : []
  const standing = can(user, 'intervention:view')
    ? await ctx.services.interventionRegister.standing(laCode, new Date().toISOString().slice(0, 10))
    : undefined
  const plans = can(user, 'plan:view') ? await ctx.services.worklists.plansOf(laCode) : []
  const profile = await ctx.services.laProfiles.profile(laCode)
  if (!profile) throw createError(404)
  // The key statistics are the same for every user: charts and tables rendered once per LA and data version.
  const statisticsHtml = await cachedFragment(
    req.app,
    'la-statistics',
    { version, key: laCode },
    'pages/la/_statistics.njk',
    async () => ({
      la: profile.la,
      statsModel: STATS_MODEL,
      charts: chartsOf(await trendData(ctx.services, laCode), profile.la.name),
    }),
  )
  // Ofsted reports imported into Sightline, by the register inspection they were matched to on import.
  const importedByInspection = Object.fromEntries(
    imported
      .filter((r) => r.inspectionId !== null)
      .map((r) => [String(r.inspectionId), { recommendations: r.recommendations, plans: r.plans }]),
  )
  return {
    ...profile,
    standing: standing && describeStanding(standing),
    plans: plans.map((p) => ({ ...p, href: urls.plan(laCode, p.id), state: PLAN_STATES[p.status] ?? p.status })),
    // An LA-scoped user is linked only to the LAs they may open.
    neighbourModels: profile.neighbourModels.map((m) => ({
      ...m,
      neighbours: m.neighbours.map((n) => ({
        ...n,
        href: user.laScope === null || user.laScope.includes(n.laCode) ? urls.la(n.laCode) : undefined,
      })),
    })),
    statisticsHtml,
    featureLinks: laLinksFor(user, laCode),
    importedByInspection,
  }
}
