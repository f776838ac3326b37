import { definePage } from '../../../page.ts'
import { actorOf, asHttp, planFor } from '../planContext.ts'

/** Everything that happened to the plan, as an MoJ timeline. */
export const planTimelinePage = definePage({
  PAGE_NAME: 'plan-timeline',
  PATH: '/la/:la/plans/:plan/timeline',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const model = await planFor(req, ctx)
    const events = await ctx.services.planViews.timeline(model.plan.id, actorOf(ctx.user)).catch(asHttp)
    res.render('pages/plans/timeline.njk', { laCode: ctx.laCode, model, events: events.reverse() })
  },
})
