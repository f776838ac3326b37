import createError from 'http-errors'
import { CaseworkInputError } from '../../../../../services/casework/caseworkService.ts'
import { MIN_REASON } from '../../../../../services/casework/insightViews.ts'
import { definePage } from '../../../page.ts'
import { actorOf, laNameOf } from '../unworkedContext.ts'

/** A child's timeline (the ID in the query, so the page-view audit never holds it): asks why first; the view is audited (who, why, a keyed reference to the child) before it shows. */
export default definePage({
  PAGE_NAME: 'la-child-timeline',
  PATH: '/la/:la/unworked/child',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const childId = typeof req.query.child === 'string' ? req.query.child.trim().slice(0, 50) : ''
    if (!childId) throw createError(404, 'Choose a child from the list of children waiting')
    const reason = typeof req.query.reason === 'string' ? req.query.reason : undefined
    const base = { laCode: ctx.laCode, laName: await laNameOf(ctx), childId, minReason: MIN_REASON }
    if (reason === undefined) {
      res.render('pages/la/unworked/child/index.njk', base)
      return
    }
    try {
      const t = await ctx.services.insight.childTimeline(ctx.laCode!, childId, actorOf(ctx.user), reason)
      if (!t.events.length) throw createError(404, 'This child is not in the current casework snapshot')
      res.render('pages/la/unworked/child/index.njk', { ...base, reason, ...t })
    } catch (err) {
      if (!(err instanceof CaseworkInputError)) throw err
      res.status(400).render('pages/la/unworked/child/index.njk', { ...base, reason, error: err.message })
    }
  },
})
