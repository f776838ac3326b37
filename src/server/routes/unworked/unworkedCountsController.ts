import { REASONS } from '../../../engine/casework/unworked/index.ts'
import { definePage } from '../page.ts'

/**
 * Unworked demand for oversight and national roles: for each LA in the user's scope with casework, counts of children
 * and items by reason, by age band and by stage. Never a child id, a worker or a team.
 */
export const unworkedCountsPage = definePage({
  PAGE_NAME: 'unworked-counts',
  PATH: '/unworked-demand',
  REQUIRED_PERMISSION: 'risk:view',
  async GET(_req, res, ctx) {
    const las = await ctx.services.insight.nationalCounts(ctx.user.laScope)
    const names = new Map<string, string>()
    for (const l of las) names.set(l.laCode, (await ctx.services.laProfiles.profile(l.laCode))?.la.name ?? l.laCode)
    res.render('pages/unworked/index.njk', {
      las: las.map((l) => ({ ...l, name: names.get(l.laCode) })),
      reasons: REASONS.map((r) => ({ id: r.id, label: r.label })),
    })
  },
})
