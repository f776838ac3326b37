import type { Request } from 'express'
import { UPLOAD_LIMIT_BYTES } from '../../../engine/uploads/limits.ts'
import createError from 'http-errors'
import { can, isLaScoped } from '../../../engine/access/permissions.ts'
import { ACTION_STATUSES, RAG_LABELS } from '../../../engine/plans/rag.ts'
import type { Services } from '../../../services/index.ts'
import { urls } from '../../urls.ts'
import { definePage, type PageContext } from '../page.ts'
import { addActionCommand } from '../../../services/plans/actions.ts'
import { addAnalysisCommand, agreeAnalysisCommand } from '../../../services/plans/analyses.ts'
import { addEvidenceCommand } from '../../../services/plans/evidence.ts'
import { answerCommand, commentCommand } from '../../../services/plans/oversight.ts'
import { actorOf, asHttp, formCommand, idParam, planDeps, planFor } from './planContext.ts'

async function itemFor(req: Request, ctx: PageContext) {
  const model = await planFor(req, ctx)
  const itemId = idParam(req, 'item')
  const item = model.items.find((i) => i.id === itemId)
  if (!item) throw createError(404)
  return { model, item }
}

/** People who can own an action on this LA's plan: active local users appointed to the LA. */
async function ownerChoices(services: Services, laCode: string) {
  const users = await services.users.list()
  return users.filter((u) => !u.disabled && isLaScoped(u.role) && u.role === 'local' && u.laCodes.includes(laCode))
}

const back = (ctx: PageContext, req: Request) =>
  urls.planItem(ctx.laCode!, req.params.plan as string, req.params.item as string)

/** One recommendation: underlying issues, actions with milestones and RAG, evidence, KPIs, comments and challenges. */
export const planItemPage = definePage({
  PAGE_NAME: 'plan-item',
  PATH: '/la/:la/plans/:plan/items/:item',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const { model, item } = await itemFor(req, ctx)
    const owners = can(ctx.user, 'plan:edit') ? await ownerChoices(ctx.services, ctx.laCode!) : []
    res.render('pages/plans/item.njk', {
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

export const addAnalysis = definePage({
  PAGE_NAME: 'plan-item-add-analysis',
  PATH: '/la/:la/plans/:plan/items/:item/analyses',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planItem(p.la, p.plan, p.item) + '#underlying-issues',
  COMMAND: addAnalysisCommand,
  async POST(req, res, ctx) {
    const { item } = await itemFor(req, ctx)
    if (
      await formCommand(
        ctx,
        () => addAnalysisCommand.run(planDeps(ctx, { itemId: item.id }), ctx.body, actorOf(ctx.user)),
        back(ctx, req) + '#underlying-issues',
        ctx.body,
      )
    ) {
      await ctx.flash('Underlying issues saved as a draft')
      res.redirect(303, back(ctx, req) + '#underlying-issues')
    }
  },
})

export const agreeAnalysis = definePage({
  PAGE_NAME: 'plan-item-agree-analysis',
  PATH: '/la/:la/plans/:plan/items/:item/analyses/agree',
  REQUIRED_PERMISSION: 'plan:agree',
  LA_PARAM: 'la',
  BACK: (p) => urls.planItem(p.la, p.plan, p.item) + '#underlying-issues',
  COMMAND: agreeAnalysisCommand,
  async POST(req, res, ctx) {
    const { item } = await itemFor(req, ctx)
    if (!item.analyses.some((a) => a.id === ctx.body.analysisId)) throw createError(404)
    if (
      await formCommand(
        ctx,
        () => agreeAnalysisCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user)),
        back(ctx, req),
      )
    ) {
      await ctx.flash('Underlying issues agreed: the recommendation now counts as explained')
      res.redirect(303, back(ctx, req) + '#underlying-issues')
    }
  },
})

export const addAction = definePage({
  PAGE_NAME: 'plan-item-add-action',
  PATH: '/la/:la/plans/:plan/items/:item/actions',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planItem(p.la, p.plan, p.item) + '#actions',
  COMMAND: addActionCommand,
  async POST(req, res, ctx) {
    const { item } = await itemFor(req, ctx)
    if (ctx.body.objectiveId && !item.objectives.some((o) => o.id === ctx.body.objectiveId)) throw createError(404)
    const ok = await formCommand(
      ctx,
      () => addActionCommand.run(planDeps(ctx, { itemId: item.id }), ctx.body, actorOf(ctx.user)),
      back(ctx, req) + '#actions',
      ctx.body,
    )
    if (!ok) return
    await ctx.flash('Action added')
    res.redirect(303, back(ctx, req) + '#actions')
  },
})

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

export const addComment = definePage({
  PAGE_NAME: 'plan-item-add-comment',
  PATH: '/la/:la/plans/:plan/items/:item/comments',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  BACK: (p) => urls.planItem(p.la, p.plan, p.item) + '#comments',
  COMMAND: commentCommand,
  async POST(req, res, ctx) {
    const { model, item } = await itemFor(req, ctx)
    const input = { ...ctx.body, itemId: item.id }
    const ok = await formCommand(
      ctx,
      () => commentCommand.run(planDeps(ctx, { planId: model.plan.id }), input, actorOf(ctx.user)).catch(asHttp),
      back(ctx, req) + '#comments',
      ctx.body,
    )
    if (!ok) return
    await ctx.flash(
      ctx.body.kind === 'challenge' ? 'Challenge raised: the local authority must answer it' : 'Comment added',
    )
    res.redirect(303, back(ctx, req) + '#comments')
  },
})

export const answerChallenge = definePage({
  PAGE_NAME: 'plan-item-answer-challenge',
  PATH: '/la/:la/plans/:plan/items/:item/answers',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planItem(p.la, p.plan, p.item) + '#comments',
  COMMAND: answerCommand,
  async POST(req, res, ctx) {
    const { item } = await itemFor(req, ctx)
    if (!item.comments.some((c) => c.id === ctx.body.challengeId)) throw createError(404)
    const ok = await formCommand(
      ctx,
      () => answerCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user)),
      back(ctx, req) + '#comments',
      { [`answer-${ctx.body.challengeId}`]: ctx.body.text },
    )
    if (!ok) return
    await ctx.flash('Answer sent')
    res.redirect(303, back(ctx, req) + '#comments')
  },
})

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
