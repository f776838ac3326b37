import type { Request } from 'express'
import createError from 'http-errors'
import { urls } from '../../urls.ts'
import { definePage, type PageContext } from '../page.ts'
import {
  addMilestoneCommand,
  addObjectiveCommand,
  completeMilestoneCommand,
} from '../../../services/plans/milestones.ts'
import { actorOf, formCommand, idParam, planDeps, planFor } from './planContext.ts'

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

async function actionFor(req: Request, ctx: PageContext) {
  const model = await planFor(req, ctx)
  const actionId = idParam(req, 'action')
  const action = model.items.flatMap((i) => i.actions).find((a) => a.id === actionId)
  if (!action) throw createError(404)
  return { model, action, back: urls.planActionEdit(ctx.laCode!, model.plan.id, action.id) + '#milestones' }
}

/** A dated milestone on an action: delivery RAG turns amber when one is missed. */
export const addMilestone = definePage({
  PAGE_NAME: 'plan-action-add-milestone',
  PATH: '/la/:la/plans/:plan/actions/:action/milestones',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planActionEdit(p.la, p.plan, p.action) + '#milestones',
  COMMAND: addMilestoneCommand,
  async POST(req, res, ctx) {
    const { action, back } = await actionFor(req, ctx)
    if (
      !(await formCommand(
        ctx,
        () => addMilestoneCommand.run(planDeps(ctx, { actionId: action.id }), ctx.body, actorOf(ctx.user)),
        back,
        ctx.body,
      ))
    )
      return
    await ctx.flash('Milestone added')
    res.redirect(303, back)
  },
})

/** Records the day a milestone was met. */
export const completeMilestone = definePage({
  PAGE_NAME: 'plan-action-complete-milestone',
  PATH: '/la/:la/plans/:plan/actions/:action/milestones/met',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planActionEdit(p.la, p.plan, p.action) + '#milestones',
  COMMAND: completeMilestoneCommand,
  async POST(req, res, ctx) {
    const { action, back } = await actionFor(req, ctx)
    const milestone = action.milestones.find((m) => m.id === ctx.body.milestoneId)
    if (!milestone) throw createError(404)
    const run = () => completeMilestoneCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user))
    if (!(await formCommand(ctx, run, back, ctx.body))) return
    await ctx.flash(`Milestone “${milestone.title}” recorded as met`)
    res.redirect(303, back)
  },
})
