import type { Request } from 'express'
import createError from 'http-errors'
import { z } from 'zod'
import { urls } from '../../urls.ts'
import { definePage, type PageContext } from '../page.ts'
import { ITEM_MESSAGES } from './itemControllers.ts'
import { actorOf, formCommand, idParam, planFor } from './planContext.ts'

export const OBJECTIVE_MESSAGES = {
  objective: 'Enter what this recommendation’s actions should achieve',
  milestone: 'Enter the milestone',
  metOn: 'Enter the date the milestone was met, for example 2014-07-22',
}

const isoDate = (message: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, message)
const id = z.string().regex(/^\d+$/).transform(Number)

/** Objectives: what the actions for one recommendation are meant to achieve; an action can say which it serves. */
export const addObjective = definePage({
  PAGE_NAME: 'plan-item-add-objective',
  PATH: '/la/:la/plans/:plan/items/:item/objectives',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planItem(p.la, p.plan, p.item) + '#objectives',
  SCHEMA: z.object({ objective: z.string().trim().min(1, OBJECTIVE_MESSAGES.objective).max(2000) }).strict(),
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const item = model.items.find((i) => i.id === idParam(req, 'item'))
    if (!item) throw createError(404)
    const back = urls.planItem(ctx.laCode!, model.plan.id, item.id) + '#objectives'
    const run = () => ctx.services.plans.addObjective(item.id, { text: ctx.body.objective }, actorOf(ctx.user))
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
  SCHEMA: z
    .object({
      milestoneTitle: z.string().trim().min(1, OBJECTIVE_MESSAGES.milestone).max(300),
      milestoneDate: isoDate(ITEM_MESSAGES.date),
    })
    .strict(),
  async POST(req, res, ctx) {
    const { action, back } = await actionFor(req, ctx)
    const input = { title: ctx.body.milestoneTitle, dueDate: ctx.body.milestoneDate }
    if (
      !(await formCommand(
        ctx,
        () => ctx.services.plans.addMilestone(action.id, input, actorOf(ctx.user)),
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
  SCHEMA: z.object({ milestoneId: id, version: id, metOn: isoDate(OBJECTIVE_MESSAGES.metOn) }).strict(),
  async POST(req, res, ctx) {
    const { action, back } = await actionFor(req, ctx)
    const milestone = action.milestones.find((m) => m.id === ctx.body.milestoneId)
    if (!milestone) throw createError(404)
    const run = () =>
      ctx.services.plans.completeMilestone(milestone.id, ctx.body.version, ctx.body.metOn, actorOf(ctx.user))
    if (!(await formCommand(ctx, run, back, { [`metOn-${milestone.id}`]: ctx.body.metOn }))) return
    await ctx.flash(`Milestone “${milestone.title}” recorded as met`)
    res.redirect(303, back)
  },
})
