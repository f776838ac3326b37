import createError from 'http-errors'
import { definePage } from '../../../page.ts'
import { actorOf, asHttp, idParam, planFor } from '../planContext.ts'

const HISTORY_TYPES = [
  'action',
  'analysis',
  'milestone',
  'evidence',
  'kpi',
  'commitment',
  'submission',
  'comment',
  'item',
  'plan',
  'objective',
  'kpiValue',
] as const

/** Every version of one record: who, when, and a readable diff from the version before. */
export const recordHistoryPage = definePage({
  PAGE_NAME: 'plan-record-history',
  PATH: '/la/:la/plans/:plan/history/:type/:id',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const model = await planFor(req, ctx)
    const type = String(req.params.type) as (typeof HISTORY_TYPES)[number]
    if (!HISTORY_TYPES.includes(type)) throw createError(404)
    const versions = await ctx.services.plans.history(type, idParam(req, 'id'), actorOf(ctx.user)).catch(asHttp)
    res.render('pages/la/plans/history/index.njk', { laCode: ctx.laCode, model, type, versions: versions.reverse() })
  },
})
