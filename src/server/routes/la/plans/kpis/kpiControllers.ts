import createError from 'http-errors'
import type { Request } from 'express'
import { can } from '../../../../../engine/access/permissions.ts'
import { INDICATORS } from '../../../../../engine/casework/indicators/index.ts'
import { kpiChart, kpiTable } from '../../../../../engine/plans/boardReport.ts'
import { COMMITMENT_MEASURES, MEASURE_LABELS } from '../../../../../engine/plans/completeness.ts'
import { RAG_LABELS } from '../../../../../engine/plans/rag.ts'
import { urls } from '../../../../urls.ts'
import { definePage, type PageContext } from '../../../page.ts'
import { addCommitmentCommand, meetCommitmentCommand } from '../../../../../services/plans/commitments.ts'
import { addKpiCommand, KPI_MESSAGES, setKpiValueCommand } from '../../../../../services/plans/kpis.ts'
import { actorOf, formCommand, planDeps, planFor } from '../planContext.ts'

/** The casework indicator a measure is linked to, by its id (unknown ids are named as they are). */
const linkedIndicator = (id: string | null | undefined) =>
  id ? { id, title: INDICATORS.find((d) => d.id === id)?.title ?? id } : null

const kpisUrl = (ctx: PageContext, req: Request) => urls.planKpis(ctx.laCode!, req.params.plan as string)

/** Impact measures: charts and tables, monthly values entered by hand, and new measures linked to recommendations. */
export const kpisPage = definePage({
  PAGE_NAME: 'plan-kpis',
  PATH: '/la/:la/plans/:plan/kpis',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const model = await planFor(req, ctx)
    res.render('pages/la/plans/kpis/index.njk', {
      laCode: ctx.laCode,
      model,
      kpis: model.kpis.map((k) => ({
        ...k,
        svg: kpiChart(k, model.asAt),
        table: kpiTable(k, model.asAt),
        items: model.items.filter((i) => k.itemIds.includes(i.id)).map((i) => i.reference),
        indicator: linkedIndicator(k.caseworkIndicator),
        noSnapshot: Boolean(k.caseworkIndicator) && !k.values.some((v) => v.source === 'casework'),
      })),
      // A measure linked to a casework indicator fills itself: it takes no typed values.
      kpiItems: model.kpis.filter((k) => !k.caseworkIndicator).map((k) => ({ value: String(k.id), text: k.name })),
      indicatorItems: [
        { value: '', text: 'None: values are entered by hand' },
        ...INDICATORS.map((d) => ({ value: d.id, text: d.title })),
      ],
      itemItems: model.items.map((i) => ({ value: String(i.id), text: `${i.reference}: ${i.text.slice(0, 90)}` })),
      ragLabels: RAG_LABELS,
      canEdit: can(ctx.user, 'plan:edit'),
    })
  },
})

export const addKpiValue = definePage({
  PAGE_NAME: 'plan-kpi-value',
  PATH: '/la/:la/plans/:plan/kpis/values',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planKpis(p.la, p.plan),
  COMMAND: setKpiValueCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    if (!model.kpis.some((k) => k.id === ctx.body.kpiId))
      return ctx.formErrors({ kpiId: KPI_MESSAGES.kpi }, ctx.body, kpisUrl(ctx, req))
    // A refusal from the command (a month not started yet) keeps what the person typed, not the parsed month.
    const { _csrf: _ignored, ...typed } = req.body as Record<string, unknown>
    const ok = await formCommand(
      ctx,
      () => setKpiValueCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user)),
      kpisUrl(ctx, req),
      typed,
    )
    if (!ok) return
    await ctx.flash('Value saved')
    res.redirect(303, kpisUrl(ctx, req))
  },
})

export const addKpi = definePage({
  PAGE_NAME: 'plan-kpi-add',
  PATH: '/la/:la/plans/:plan/kpis/new',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planKpis(p.la, p.plan),
  COMMAND: addKpiCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const ok = await formCommand(
      ctx,
      () => addKpiCommand.run(planDeps(ctx, { planId: model.plan.id }), ctx.body, actorOf(ctx.user)),
      kpisUrl(ctx, req),
      ctx.body,
    )
    if (!ok) return
    await ctx.flash('Measure added')
    res.redirect(303, kpisUrl(ctx, req))
  },
})

/** Commitments with due dates, set by those overseeing the plan (commissioner, DfE). */
export const addCommitment = definePage({
  PAGE_NAME: 'plan-commitment-add',
  PATH: '/la/:la/plans/:plan/commitments',
  REQUIRED_PERMISSION: 'plan:review',
  LA_PARAM: 'la',
  BACK: (p) => urls.plan(p.la, p.plan),
  COMMAND: addCommitmentCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const back = urls.plan(ctx.laCode!, model.plan.id)
    const ok = await formCommand(
      ctx,
      () => addCommitmentCommand.run(planDeps(ctx, { planId: model.plan.id }), ctx.body, actorOf(ctx.user)),
      back,
      ctx.body,
    )
    if (!ok) return
    await ctx.flash('Commitment added')
    res.redirect(303, back)
  },
})

/** Records the day a commitment measured by hand ("Met when someone records it") was met. */
export const meetCommitment = definePage({
  PAGE_NAME: 'plan-commitment-met',
  PATH: '/la/:la/plans/:plan/commitments/met',
  REQUIRED_PERMISSION: 'plan:review',
  LA_PARAM: 'la',
  BACK: (p) => urls.plan(p.la, p.plan) + '#commitments',
  COMMAND: meetCommitmentCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const back = urls.plan(ctx.laCode!, model.plan.id) + '#commitments'
    const commitment = model.commitments.find((c) => c.id === ctx.body.commitmentId)
    if (!commitment) throw createError(404)
    const run = () => meetCommitmentCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user))
    if (!(await formCommand(ctx, run, back))) return
    await ctx.flash(`Commitment recorded as met on ${ctx.body.metOn}`)
    res.redirect(303, back)
  },
})

export const MEASURE_ITEMS = COMMITMENT_MEASURES.map((m) => ({
  value: m,
  text:
    m === 'manual'
      ? 'Met when someone records it'
      : `Recommendations that ${MEASURE_LABELS[m].replace(/^have /, 'have ')}`,
}))
