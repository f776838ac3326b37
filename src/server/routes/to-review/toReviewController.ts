import { definePage } from '../page.ts'
import { urls } from '../../urls.ts'

/** A reviewer's work across their LAs: submissions to decide, challenges awaiting answers, analyses awaiting agreement. */
export const toReviewPage = definePage({
  PAGE_NAME: 'to-review',
  PATH: '/to-review',
  REQUIRED_PERMISSION: 'plan:review',
  async GET(_req, res, ctx) {
    const w = await ctx.services.worklists.toReview(ctx.user.laScope)
    const link = (r: { la_code: string; plan_id: number; item_id?: number | null }) =>
      r.item_id ? urls.planItem(r.la_code, r.plan_id, r.item_id) : urls.plan(r.la_code, r.plan_id)
    res.render('pages/to-review/index.njk', {
      submissions: w.submissions.map((s) => ({ ...s, href: urls.planReview(s.la_code, s.plan_id) })),
      awaitingAnswer: w.awaitingAnswer.map((c) => ({ ...c, href: link(c) })),
      answered: w.answered.map((c) => ({ ...c, href: link(c) })),
      analyses: w.analyses.map((a) => ({ ...a, href: link(a) })),
    })
  },
})
