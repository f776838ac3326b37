import { RAG_LABELS } from '../../../engine/plans/rag.ts'
import { definePage } from '../page.ts'
import { actorOf } from '../la/plans/planContext.ts'

/** Actions the signed-in user owns, across the plans they can see. */
export const myActionsPage = definePage({
  PAGE_NAME: 'my-actions',
  PATH: '/my-actions',
  REQUIRED_PERMISSION: 'plan:view',
  async GET(_req, res, ctx) {
    const all = await ctx.services.planViews.myActions(ctx.user.id, actorOf(ctx.user))
    // Demo mode: actions on the untouched seeded story are rated as at its own date.
    const story = await ctx.services.demoStory.anyStoryDate([...new Set(all.map((a) => a.planId))])
    if (story) res.locals.demoStoryDate = story
    const actions = story ? await ctx.services.planViews.myActions(ctx.user.id, actorOf(ctx.user), story) : all
    res.render('pages/my-actions/index.njk', { actions, ragLabels: RAG_LABELS })
  },
})
