import type { Request } from 'express'
import createError from 'http-errors'
import { z } from 'zod'
import { can } from '../../../engine/access/permissions.ts'
import { ACTION_STATUSES, RAG_LABELS } from '../../../engine/plans/rag.ts'
import { buildBoardReport } from '../../../engine/plans/boardReport.ts'
import { urls } from '../../urls.ts'
import { definePage, type PageContext } from '../page.ts'
import { actorOf, asHttp, formCommand, idParam, planFor } from './planContext.ts'
import { ITEM_MESSAGES } from './itemControllers.ts'

export const REVIEW_MESSAGES = {
  summary: 'Enter a summary of what you are submitting',
  kind: 'Select whether this is the plan or an update',
  decision: 'Select whether to accept or return the submission',
  reason: 'Enter the reasons for your decision',
  comment: 'Enter your comment or challenge',
}

const id = z.string().regex(/^\d+$/).transform(Number)
const reviewUrl = (ctx: PageContext, req: Request) => urls.planReview(ctx.laCode!, req.params.plan as string)

/** Submissions (submit, accept, return) and the plan's comments and challenges. */
export const planReviewPage = definePage({
  PAGE_NAME: 'plan-review',
  PATH: '/la/:la/plans/:plan/review',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const model = await planFor(req, ctx)
    const itemRef = Object.fromEntries(model.items.map((i) => [i.id, i.reference]))
    res.render('pages/plans/review.njk', {
      laCode: ctx.laCode,
      model,
      itemRef,
      pending: model.submissions.find((s) => s.status === 'submitted'),
      challenges: model.comments.filter((c) => c.kind === 'challenge'),
      planComments: model.comments.filter((c) => c.itemId === null),
      canSubmit: can(ctx.user, 'plan:submit'),
      canReview: can(ctx.user, 'plan:review'),
      canEdit: can(ctx.user, 'plan:edit'),
    })
  },
})

export const submitPlan = definePage({
  PAGE_NAME: 'plan-submit',
  PATH: '/la/:la/plans/:plan/review/submit',
  REQUIRED_PERMISSION: 'plan:submit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planReview(p.la, p.plan),
  SCHEMA: z
    .object({
      kind: z.enum(['plan', 'update'], { errorMap: () => ({ message: REVIEW_MESSAGES.kind }) }),
      summary: z.string().trim().min(1, REVIEW_MESSAGES.summary).max(5000),
    })
    .strict(),
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const report = buildBoardReport(model)
    const snapshot = { asAt: report.asAt, summary: report.summary, rows: report.rows }
    const ok = await formCommand(
      ctx,
      () => ctx.services.plans.submit(model.plan.id, { ...ctx.body, snapshot }, actorOf(ctx.user)),
      reviewUrl(ctx, req),
      ctx.body,
    )
    if (!ok) return
    await ctx.flash('Submitted for review')
    res.redirect(303, reviewUrl(ctx, req))
  },
})

export const decideSubmission = definePage({
  PAGE_NAME: 'plan-decide',
  PATH: '/la/:la/plans/:plan/review/decide',
  REQUIRED_PERMISSION: 'plan:review',
  LA_PARAM: 'la',
  BACK: (p) => urls.planReview(p.la, p.plan),
  SCHEMA: z
    .object({
      submissionId: id,
      version: id,
      decision: z.enum(['accepted', 'returned'], { errorMap: () => ({ message: REVIEW_MESSAGES.decision }) }),
      reason: z.string().trim().min(1, REVIEW_MESSAGES.reason).max(5000),
    })
    .strict(),
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    if (!model.submissions.some((s) => s.id === ctx.body.submissionId)) throw createError(404)
    const { submissionId, version, decision, reason } = ctx.body
    const ok = await formCommand(
      ctx,
      () => ctx.services.plans.decide(submissionId, version, decision, reason, actorOf(ctx.user)),
      reviewUrl(ctx, req),
      ctx.body,
    )
    if (!ok) return
    await ctx.flash(decision === 'accepted' ? 'Submission accepted' : 'Submission returned to the local authority')
    res.redirect(303, reviewUrl(ctx, req))
  },
})

export const planComment = definePage({
  PAGE_NAME: 'plan-comment',
  PATH: '/la/:la/plans/:plan/review/comment',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  BACK: (p) => urls.planReview(p.la, p.plan),
  SCHEMA: z
    .object({
      kind: z.enum(['comment', 'challenge']),
      text: z.string().trim().min(1, REVIEW_MESSAGES.comment).max(10_000),
    })
    .strict(),
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const ok = await formCommand(
      ctx,
      () => ctx.services.plans.comment(model.plan.id, ctx.body, actorOf(ctx.user)),
      reviewUrl(ctx, req),
      ctx.body,
    )
    if (!ok) return
    await ctx.flash(
      ctx.body.kind === 'challenge' ? 'Challenge raised: the local authority must answer it' : 'Comment added',
    )
    res.redirect(303, reviewUrl(ctx, req))
  },
})

export const planAnswer = definePage({
  PAGE_NAME: 'plan-answer',
  PATH: '/la/:la/plans/:plan/review/answer',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planReview(p.la, p.plan),
  SCHEMA: z
    .object({ challengeId: id, version: id, text: z.string().trim().min(1, ITEM_MESSAGES.answer).max(10_000) })
    .strict(),
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    if (!model.comments.some((c) => c.id === ctx.body.challengeId)) throw createError(404)
    const ok = await formCommand(
      ctx,
      () => ctx.services.plans.answer(ctx.body.challengeId, ctx.body.version, ctx.body.text, actorOf(ctx.user)),
      reviewUrl(ctx, req),
      {
        [`answer-${ctx.body.challengeId}`]: ctx.body.text,
      },
    )
    if (!ok) return
    await ctx.flash('Answer sent')
    res.redirect(303, reviewUrl(ctx, req))
  },
})

export const closeChallenge = definePage({
  PAGE_NAME: 'plan-close-challenge',
  PATH: '/la/:la/plans/:plan/review/close',
  REQUIRED_PERMISSION: 'plan:review',
  LA_PARAM: 'la',
  BACK: (p) => urls.planReview(p.la, p.plan),
  SCHEMA: z.object({ challengeId: id, version: id }).strict(),
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    if (!model.comments.some((c) => c.id === ctx.body.challengeId)) throw createError(404)
    const ok = await formCommand(
      ctx,
      () => ctx.services.plans.closeChallenge(ctx.body.challengeId, ctx.body.version, actorOf(ctx.user)),
      reviewUrl(ctx, req),
    )
    if (!ok) return
    await ctx.flash('Challenge closed')
    res.redirect(303, reviewUrl(ctx, req))
  },
})

/** Edits an action. A stale save is refused with the other person's change shown and the user's own values kept. */
export const editAction = definePage({
  PAGE_NAME: 'plan-action-edit',
  PATH: '/la/:la/plans/:plan/actions/:action',
  REQUIRED_PERMISSION: 'plan:view',
  POST_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  SCHEMA: z
    .object({
      version: id,
      title: z.string().trim().min(1, ITEM_MESSAGES.actionTitle).max(500),
      leadOfficer: z.string().trim().max(200).optional(),
      startDate: z
        .union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, ITEM_MESSAGES.date)])
        .transform((v) => v || null),
      dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, ITEM_MESSAGES.date),
      status: z.enum(ACTION_STATUSES, { errorMap: () => ({ message: ITEM_MESSAGES.status }) }),
      progress: z.string().trim().max(10_000).optional(),
      ragOverride: z.enum(['', 'red', 'amber', 'green', 'blue']).optional(),
      ragOverrideReason: z.string().trim().max(2000).optional(),
    })
    .strict(),
  async GET(req, res, ctx) {
    const { model, item, action } = await actionFor(req, ctx)
    res.render('pages/plans/action-edit.njk', {
      laCode: ctx.laCode,
      model,
      item,
      action,
      ragLabels: RAG_LABELS,
      statusItems: ACTION_STATUSES.map((s) => ({ value: s, text: s.charAt(0).toUpperCase() + s.slice(1) })),
      canEdit: can(ctx.user, 'plan:edit'),
      today: new Date().toISOString().slice(0, 10),
    })
  },
  async POST(req, res, ctx) {
    const { item, action } = await actionFor(req, ctx)
    const { version, ragOverride, ragOverrideReason, ...fields } = ctx.body
    const actor = actorOf(ctx.user)
    const here = urls.planActionEdit(ctx.laCode!, req.params.plan as string, action.id)
    if (ragOverride && !ragOverrideReason)
      return ctx.formErrors({ ragOverrideReason: ITEM_MESSAGES.reason }, ctx.body, here)
    const ok = await formCommand(
      ctx,
      async () => {
        const saved = await ctx.services.plans.updateAction(
          action.id,
          version,
          { ...fields, leadOfficer: fields.leadOfficer || null, progress: fields.progress || null },
          actor,
        )
        const override = ragOverride || null
        if (override !== (action.ragOverride ?? null) || (override && ragOverrideReason !== action.ragOverrideReason))
          await ctx.services.plans.overrideRag(
            action.id,
            saved.version,
            override,
            override ? (ragOverrideReason ?? '') : null,
            actor,
          )
      },
      here,
      ctx.body,
    )
    if (!ok) return
    await ctx.flash('Action saved')
    res.redirect(303, urls.planItem(ctx.laCode!, req.params.plan as string, item.id) + '#actions')
  },
})

async function actionFor(req: Request, ctx: PageContext) {
  const model = await planFor(req, ctx)
  const actionId = idParam(req, 'action')
  const item = model.items.find((i) => i.actions.some((a) => a.id === actionId))
  if (!item) throw createError(404)
  return { model, item, action: item.actions.find((a) => a.id === actionId)! }
}

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
    res.render('pages/plans/history.njk', { laCode: ctx.laCode, model, type, versions: versions.reverse() })
  },
})

/** Archives an action (never deleted), with who and why. */
export const archiveAction = definePage({
  PAGE_NAME: 'plan-action-archive',
  PATH: '/la/:la/plans/:plan/actions/:action/archive',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planActionEdit(p.la, p.plan, p.action),
  SCHEMA: z
    .object({ version: id, reason: z.string().trim().min(1, 'Enter why you are archiving this action').max(2000) })
    .strict(),
  async POST(req, res, ctx) {
    const { item, action } = await actionFor(req, ctx)
    const here = urls.planActionEdit(ctx.laCode!, req.params.plan as string, action.id)
    const ok = await formCommand(
      ctx,
      () => ctx.services.plans.archive('action', action.id, ctx.body.version, ctx.body.reason, actorOf(ctx.user)),
      here,
      { archiveReason: ctx.body.reason },
    )
    if (!ok) return
    await ctx.flash('Action archived: it stays in the history')
    res.redirect(303, urls.planItem(ctx.laCode!, req.params.plan as string, item.id) + '#actions')
  },
})
