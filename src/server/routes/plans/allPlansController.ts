import { definePage } from '../page.ts'
import { actorOf } from '../la/plans/planContext.ts'

/** Every plan the user can see, with its status: how national users follow the oversight loop. */
export const allPlansPage = definePage({
  PAGE_NAME: 'plans-all',
  PATH: '/plans',
  REQUIRED_PERMISSION: 'plan:view',
  async GET(_req, res, ctx) {
    const plans = await ctx.services.planViews.listPlans(actorOf(ctx.user))
    res.render('pages/plans/index.njk', { plans })
  },
})
