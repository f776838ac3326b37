import createError from 'http-errors'
import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { addObjectiveCommand } from '../../../../../../services/plans/milestones.ts'
import { actorOf, formCommand, idParam, planDeps, planFor } from '../../planContext.ts'

/** Objectives: what the actions for one recommendation are meant to achieve; an action can say which it serves. */
export const addObjective = definePage({
  PAGE_NAME: 'plan-item-add-objective',
  PATH: '/la/:la/plans/:plan/items/:item/objectives',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planItem(p.la, p.plan, p.item) + '#objectives',
  COMMAND: addObjectiveCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const item = model.items.find((i) => i.id === idParam(req, 'item'))
    if (!item) throw createError(404)
    const back = urls.planItem(ctx.laCode!, model.plan.id, item.id) + '#objectives'
    const run = () => addObjectiveCommand.run(planDeps(ctx, { itemId: item.id }), ctx.body, actorOf(ctx.user))
    if (!(await formCommand(ctx, run, back, ctx.body))) return
    await ctx.flash('Objective added')
    res.redirect(303, back)
  },
})
