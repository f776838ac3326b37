import type { Request } from 'express'
import createError from 'http-errors'
import { urls } from '../../../../../urls.ts'
import type { PageContext } from '../../../../page.ts'
import { idParam, planFor } from '../../planContext.ts'

/** The action the URL names and its milestones section, where the milestone forms go back to; a 404 when it is not there. */
export async function actionFor(req: Request, ctx: PageContext) {
  const model = await planFor(req, ctx)
  const actionId = idParam(req, 'action')
  const action = model.items.flatMap((i) => i.actions).find((a) => a.id === actionId)
  if (!action) throw createError(404)
  return { model, action, back: urls.planActionEdit(ctx.laCode!, model.plan.id, action.id) + '#milestones' }
}
