import createError from 'http-errors'
import { definePage } from '../../../page.ts'
import { actorOf, asHttp, idParam, planFor } from '../planContext.ts'

/** Downloads an evidence file. Served as an attachment with its sniffed type, never rendered inline. */
export const evidenceFile = definePage({
  PAGE_NAME: 'plan-evidence-file',
  PATH: '/la/:la/plans/:plan/evidence/:evidence',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const model = await planFor(req, ctx)
    const evidenceId = idParam(req, 'evidence')
    if (!model.items.some((i) => i.evidence.some((e) => e.id === evidenceId))) throw createError(404)
    const file = await ctx.services.plans.evidenceFile(evidenceId, actorOf(ctx.user)).catch(asHttp)
    res
      .set('X-Content-Type-Options', 'nosniff')
      .type(file.mediaType)
      .attachment(file.fileName)
      .send(Buffer.from(file.bytes))
  },
})
