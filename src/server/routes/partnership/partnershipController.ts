import { definePage } from '../page.ts'
import { urls } from '../../urls.ts'

/** The safeguarding partnership chair's work: recommendations addressed to the board, and the plan items answering them. */
export const partnershipPage = definePage({
  PAGE_NAME: 'partnership',
  PATH: '/partnership',
  REQUIRED_PERMISSION: 'plan:view',
  async GET(_req, res, ctx) {
    const rows = await ctx.services.worklists.forPartnership(ctx.user.laScope)
    res.render('pages/partnership/index.njk', {
      rows: rows.map((r) => ({
        ...r,
        href: r.plan_id && r.item_id ? urls.planItem(r.la_code, r.plan_id, r.item_id) : undefined,
        planHref: r.plan_id ? urls.plan(r.la_code, r.plan_id) : undefined,
      })),
    })
  },
})
