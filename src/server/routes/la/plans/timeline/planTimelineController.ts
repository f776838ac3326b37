import createError from 'http-errors'
import { definePage } from '../../../page.ts'
import { timelineCursor } from '../../../../../services/plans/planTimeline.ts'
import { actorOf, asHttp, idParam } from '../planContext.ts'

/** Everything that happened to the plan, as an MoJ timeline, 50 changes a page, newest first. */
export const planTimelinePage = definePage({
  PAGE_NAME: 'plan-timeline',
  PATH: '/la/:la/plans/:plan/timeline',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const cursor = timelineCursor(req.query)
    const page = await ctx.services.planViews
      .timelinePage(idParam(req, 'plan'), actorOf(ctx.user), cursor)
      .catch(asHttp)
    if (page.model.plan.laCode !== ctx.laCode) throw createError(404)
    res.render('pages/la/plans/timeline/index.njk', {
      laCode: ctx.laCode,
      ...page,
      paged: Boolean(cursor.before ?? cursor.after),
    })
  },
})
