import type { Request } from 'express'
import type { PageContext } from '../../../page.ts'
import { actorOf, asAtQuery, asHttp, planFor } from '../planContext.ts'

/** The board report of the plan in the URL as at ?asAt (the page, its PDF and its XLSX). */
export async function boardReport(req: Request, ctx: PageContext) {
  const asAt = asAtQuery(req)
  const model = await planFor(req, ctx, asAt)
  // model.asAt: the demo story's own date while the seeded plan is untouched (see demoStoryService), else asAt.
  return ctx.services.boardReports.build({ planId: model.plan.id }, model.asAt, actorOf(ctx.user)).catch(asHttp)
}
