import { can, isLaScoped } from '../../../../../engine/access/permissions.ts'
import { ACTION_STATUSES, RAG_LABELS } from '../../../../../engine/plans/rag.ts'
import type { Services } from '../../../../../services/index.ts'
import { definePage } from '../../../page.ts'
import { itemFor } from './itemContext.ts'

/** People who can own an action on this LA's plan: active local users appointed to the LA. */
async function ownerChoices(services: Services, laCode: string) {
  const users = await services.users.list()
  return users.filter((u) => !u.disabled && isLaScoped(u.role) && u.role === 'local' && u.laCodes.includes(laCode))
}

/** One recommendation: underlying issues, actions with milestones and RAG, evidence, KPIs, comments and challenges. */
export const planItemPage = definePage({
  PAGE_NAME: 'plan-item',
  PATH: '/la/:la/plans/:plan/items/:item',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const { model, item } = await itemFor(req, ctx)
    const owners = can(ctx.user, 'plan:edit') ? await ownerChoices(ctx.services, ctx.laCode!) : []
    res.render('pages/la/plans/items/item.njk', {
      laCode: ctx.laCode,
      model,
      item,
      kpis: model.kpis.filter((k) => item.kpiIds.includes(k.id)),
      itemCommitments: model.commitments.filter((c) => c.itemId === item.id),
      ragLabels: RAG_LABELS,
      statusItems: ACTION_STATUSES.map((s) => ({ value: s, text: s.charAt(0).toUpperCase() + s.slice(1) })),
      ownerItems: [
        { value: '', text: 'Select an owner' },
        ...owners.map((u) => ({ value: String(u.id), text: `${u.displayName} (${u.title})` })),
      ],
      objectiveItems: [
        { value: '', text: 'None' },
        ...item.objectives.map((o) => ({ value: String(o.id), text: o.text })),
      ],
      canEdit: can(ctx.user, 'plan:edit'),
      canReview: can(ctx.user, 'plan:review'),
      canAgree: can(ctx.user, 'plan:agree'),
      userId: ctx.user.id,
      uploadLimitMb: Math.floor(ctx.services.config.uploadLimitBytes / 1024 / 1024),
    })
  },
})
