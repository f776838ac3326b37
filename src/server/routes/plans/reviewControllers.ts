import type { Request } from 'express'
import createError from 'http-errors'
import { can } from '../../../engine/access/permissions.ts'
import { ACTION_STATUSES, RAG_LABELS } from '../../../engine/plans/rag.ts'
import { buildBoardReport } from '../../../engine/plans/boardReport.ts'
import { signOffGaps } from '../../../engine/plans/signOff.ts'
import { urls } from '../../urls.ts'
import { definePage, type PageContext } from '../page.ts'
import { editActionCommand } from '../../../services/plans/actions.ts'
import { archiveCommand } from '../../../services/plans/lifecycle.ts'
import {
  answerCommand,
  closeChallengeCommand,
  commentCommand,
  decideCommand,
  submitCommand,
} from '../../../services/plans/oversight.ts'
import { actorOf, asHttp, formCommand, idParam, planDeps, planFor } from './planContext.ts'

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
      gaps: signOffGaps(model),
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
  COMMAND: submitCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const report = buildBoardReport(model)
    const snapshot = { asAt: report.asAt, summary: report.summary, rows: report.rows }
    const ok = await formCommand(
      ctx,
      () => submitCommand.run(planDeps(ctx, { planId: model.plan.id }), { ...ctx.body, snapshot }, actorOf(ctx.user)),
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
  COMMAND: decideCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    if (!model.submissions.some((s) => s.id === ctx.body.submissionId)) throw createError(404)
    const { decision } = ctx.body
    const ok = await formCommand(
      ctx,
      () => decideCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user)),
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
  COMMAND: commentCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const ok = await formCommand(
      ctx,
      () => commentCommand.run(planDeps(ctx, { planId: model.plan.id }), ctx.body, actorOf(ctx.user)),
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
  COMMAND: answerCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    if (!model.comments.some((c) => c.id === ctx.body.challengeId)) throw createError(404)
    const ok = await formCommand(
      ctx,
      () => answerCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user)),
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
  COMMAND: closeChallengeCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    if (!model.comments.some((c) => c.id === ctx.body.challengeId)) throw createError(404)
    const ok = await formCommand(
      ctx,
      () => closeChallengeCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user)),
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
  COMMAND: editActionCommand,
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
    const here = urls.planActionEdit(ctx.laCode!, req.params.plan as string, action.id)
    const ok = await formCommand(
      ctx,
      () => editActionCommand.run(planDeps(ctx, { actionId: action.id }), ctx.body, actorOf(ctx.user)),
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
  COMMAND: archiveCommand,
  async POST(req, res, ctx) {
    const { item, action } = await actionFor(req, ctx)
    const here = urls.planActionEdit(ctx.laCode!, req.params.plan as string, action.id)
    const ok = await formCommand(
      ctx,
      () => archiveCommand.run(planDeps(ctx, { type: 'action' as const, id: action.id }), ctx.body, actorOf(ctx.user)),
      here,
      { archiveReason: ctx.body.reason },
    )
    if (!ok) return
    await ctx.flash('Action archived: it stays in the history')
    res.redirect(303, urls.planItem(ctx.laCode!, req.params.plan as string, item.id) + '#actions')
  },
})
