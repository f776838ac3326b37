import { can } from '../../../../../engine/access/permissions.ts'
import { signOffGaps } from '../../../../../engine/plans/signOff.ts'
import { definePage } from '../../../page.ts'
import { planFor } from '../planContext.ts'

/** Submissions (submit, accept, return) and the plan's comments and challenges. */
export const planReviewPage = definePage({
  PAGE_NAME: 'plan-review',
  PATH: '/la/:la/plans/:plan/review',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const model = await planFor(req, ctx)
    const itemRef = Object.fromEntries(model.items.map((i) => [i.id, i.reference]))
    res.render('pages/la/plans/review/index.njk', {
      laCode: ctx.laCode,
      model,
      itemRef,
      pending: model.submissions.find((s) => s.status === 'submitted'),
      gaps: signOffGaps(model),
      challenges: model.comments.filter((c) => c.kind === 'challenge'),
      planComments: model.comments.filter((c) => c.itemId === null),
      canSubmit: can(ctx.user, 'plan:submit'),
      canReview: can(ctx.user, 'plan:review'),
      canEdit: can(ctx.user, 'plan:edit'),
    })
  },
})
