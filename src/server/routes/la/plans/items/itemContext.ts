import type { Request } from 'express'
import createError from 'http-errors'
import { urls } from '../../../../urls.ts'
import type { PageContext } from '../../../page.ts'
import { idParam, planFor } from '../planContext.ts'

/** The plan item (recommendation) the URL names, on the plan the URL names; a 404 when it is not there. */
export async function itemFor(req: Request, ctx: PageContext) {
  const model = await planFor(req, ctx)
  const itemId = idParam(req, 'item')
  const item = model.items.find((i) => i.id === itemId)
  if (!item) throw createError(404)
  return { model, item }
}

/** The item's page, where its forms are. */
export const back = (ctx: PageContext, req: Request) =>
  urls.planItem(ctx.laCode!, req.params.plan as string, req.params.item as string)
