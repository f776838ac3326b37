import { UPLOAD_LIMIT_BYTES } from '../../../../../../engine/uploads/limits.ts'
import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { addEvidenceCommand } from '../../../../../../services/plans/evidence.ts'
import { actorOf, formCommand, planDeps } from '../../planContext.ts'
import { itemFor } from '../itemContext.ts'
import { back } from '../itemContext.ts'

export const addEvidence = definePage({
  PAGE_NAME: 'plan-item-add-evidence',
  PATH: '/la/:la/plans/:plan/items/:item/evidence',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planItem(p.la, p.plan, p.item) + '#evidence',
  UPLOAD: { field: 'file', maxBytes: UPLOAD_LIMIT_BYTES },
  COMMAND: addEvidenceCommand,
  async POST(req, res, ctx) {
    const { item } = await itemFor(req, ctx)
    const file = req.file ? { bytes: req.file.buffer, fileName: req.file.originalname } : undefined
    const ok = await formCommand(
      ctx,
      () => addEvidenceCommand.run(planDeps(ctx, { itemId: item.id }), { ...ctx.body, file }, actorOf(ctx.user)),
      back(ctx, req) + '#evidence',
      ctx.body,
    )
    if (!ok) return
    await ctx.flash('Evidence added')
    res.redirect(303, back(ctx, req) + '#evidence')
  },
})
