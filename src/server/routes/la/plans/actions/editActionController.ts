import { can } from '../../../../../engine/access/permissions.ts'
import { ACTION_STATUSES, RAG_LABELS } from '../../../../../engine/plans/rag.ts'
import { urls } from '../../../../urls.ts'
import { definePage } from '../../../page.ts'
import { editActionCommand } from '../../../../../services/plans/actions.ts'
import { actorOf, formCommand, planDeps } from '../planContext.ts'
import { actionFor } from './actionContext.ts'

/** Edits an action. A stale save is refused with the other person's change shown and the user's own values kept. */
export const editAction = definePage({
  PAGE_NAME: 'plan-action-edit',
  PATH: '/la/:la/plans/:plan/actions/:action',
  REQUIRED_PERMISSION: 'plan:view',
  POST_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  COMMAND: editActionCommand,
  async GET(req, res, ctx) {
    const { model, item, action } = await actionFor(req, ctx)
    res.render('pages/la/plans/actions/edit-action.njk', {
      laCode: ctx.laCode,
      model,
      item,
      action,
      ragLabels: RAG_LABELS,
      statusItems: ACTION_STATUSES.map((s) => ({ value: s, text: s.charAt(0).toUpperCase() + s.slice(1) })),
      canEdit: can(ctx.user, 'plan:edit'),
      today: new Date().toISOString().slice(0, 10),
    })
  },
  async POST(req, res, ctx) {
    const { item, action } = await actionFor(req, ctx)
    const here = urls.planActionEdit(ctx.laCode!, req.params.plan as string, action.id)
    const ok = await formCommand(
      ctx,
      () => editActionCommand.run(planDeps(ctx, { actionId: action.id }), ctx.body, actorOf(ctx.user)),
      here,
      ctx.body,
    )
    if (!ok) return
    await ctx.flash('Action saved')
    res.redirect(303, urls.planItem(ctx.laCode!, req.params.plan as string, item.id) + '#actions')
  },
})
