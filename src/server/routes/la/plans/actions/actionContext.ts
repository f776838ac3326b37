import type { Request } from 'express'
import createError from 'http-errors'
import type { PageContext } from '../../../page.ts'
import { idParam, planFor } from '../planContext.ts'

/** The action the URL names, with its item, on the plan the URL names; a 404 when it is not there. */
export async function actionFor(req: Request, ctx: PageContext) {
  const model = await planFor(req, ctx)
  const actionId = idParam(req, 'action')
  const item = model.items.find((i) => i.actions.some((a) => a.id === actionId))
  if (!item) throw createError(404)
  return { model, item, action: item.actions.find((a) => a.id === actionId)! }
}
