import createError from 'http-errors'
import type { Request } from 'express'
import { z } from 'zod'
import { can } from '../../../engine/access/permissions.ts'
import { kpiChart, kpiTable } from '../../../engine/plans/boardReport.ts'
import { COMMITMENT_MEASURES, MEASURE_LABELS } from '../../../engine/plans/completeness.ts'
import { RAG_LABELS } from '../../../engine/plans/rag.ts'
import { urls } from '../../urls.ts'
import { definePage, type PageContext } from '../page.ts'
import { actorOf, formCommand, planFor } from './planContext.ts'

export const KPI_MESSAGES = {
  name: 'Enter the name of the measure',
  definition: 'Enter how the measure is calculated',
  polarity: 'Select whether higher or lower is better',
  number: 'Enter a number',
  month: 'Enter the month, for example 2014-07',
  kpi: 'Select the measure',
  commitment: 'Enter what has been committed to',
  measure: 'Select how the commitment is measured',
  date: 'Enter a real date, for example 2014-07-22',
  metOn: 'Enter the date the commitment was met, for example 2014-07-22',
}

const number = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?$/, KPI_MESSAGES.number)
  .transform(Number)
const optionalNumber = z
  .union([z.literal(''), number])
  .optional()
  .transform((v) => (v === '' || v === undefined ? null : v))
const kpisUrl = (ctx: PageContext, req: Request) => `${urls.plan(ctx.laCode!, req.params.plan as string)}/kpis`

/** Impact measures: charts and tables, monthly values entered by hand, and new measures linked to recommendations. */
export const kpisPage = definePage({
  PAGE_NAME: 'plan-kpis',
  PATH: '/la/:la/plans/:plan/kpis',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const model = await planFor(req, ctx)
    res.render('pages/plans/kpis.njk', {
      laCode: ctx.laCode,
      model,
      kpis: model.kpis.map((k) => ({
        ...k,
        svg: kpiChart(k, model.asAt),
        table: kpiTable(k, model.asAt),
        items: model.items.filter((i) => k.itemIds.includes(i.id)).map((i) => i.reference),
      })),
      kpiItems: model.kpis.map((k) => ({ value: String(k.id), text: k.name })),
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
  BACK: (p) => `${urls.plan(p.la, p.plan)}/kpis`,
  SCHEMA: z
    .object({
      kpiId: z.string().regex(/^\d+$/, KPI_MESSAGES.kpi).transform(Number),
      month: z.string().regex(/^\d{4}-\d{2}$/, KPI_MESSAGES.month),
      value: number,
      note: z.string().trim().max(2000).optional(),
    })
    .strict(),
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    if (!model.kpis.some((k) => k.id === ctx.body.kpiId))
      return ctx.formErrors({ kpiId: KPI_MESSAGES.kpi }, ctx.body, kpisUrl(ctx, req))
    const ok = await formCommand(
      ctx,
      () =>
        ctx.services.plans.setKpiValue(
          ctx.body.kpiId,
          { month: ctx.body.month, value: ctx.body.value, note: ctx.body.note },
          actorOf(ctx.user),
        ),
      kpisUrl(ctx, req),
      ctx.body,
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
  BACK: (p) => `${urls.plan(p.la, p.plan)}/kpis`,
  SCHEMA: z
    .object({
      name: z.string().trim().min(1, KPI_MESSAGES.name).max(300),
      definition: z.string().trim().min(1, KPI_MESSAGES.definition).max(2000),
      polarity: z.enum(['higher', 'lower', 'context'], { errorMap: () => ({ message: KPI_MESSAGES.polarity }) }),
      unit: z.string().trim().max(40).optional(),
      baselineValue: optionalNumber,
      targetValue: optionalNumber,
      targetDate: z
        .union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, KPI_MESSAGES.date)])
        .optional()
        .transform((v) => v || null),
      itemIds: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(Number))),
    })
    .strict(),
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const ok = await formCommand(
      ctx,
      () => ctx.services.plans.addKpi(model.plan.id, ctx.body, actorOf(ctx.user)),
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
  SCHEMA: z
    .object({
      title: z.string().trim().min(1, KPI_MESSAGES.commitment).max(500),
      measure: z.enum(COMMITMENT_MEASURES, { errorMap: () => ({ message: KPI_MESSAGES.measure }) }),
      dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, KPI_MESSAGES.date),
      itemId: z
        .union([z.literal(''), z.string().regex(/^\d+$/)])
        .optional()
        .transform((v) => (v ? Number(v) : null)),
    })
    .strict(),
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const back = urls.plan(ctx.laCode!, model.plan.id)
    const ok = await formCommand(
      ctx,
      () => ctx.services.plans.addCommitment(model.plan.id, ctx.body, actorOf(ctx.user)),
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
  SCHEMA: z
    .object({
      commitmentId: z.string().regex(/^\d+$/).transform(Number),
      version: z.string().regex(/^\d+$/).transform(Number),
      metOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, KPI_MESSAGES.metOn),
    })
    .strict(),
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const back = urls.plan(ctx.laCode!, model.plan.id) + '#commitments'
    const commitment = model.commitments.find((c) => c.id === ctx.body.commitmentId)
    if (!commitment) throw createError(404)
    if (commitment.measure !== 'manual')
      return ctx.formErrors(
        { metOn: 'This commitment is measured from the plan itself, so it cannot be recorded by hand' },
        {},
        back,
      )
    const run = () =>
      ctx.services.plans.meetCommitment(commitment.id, ctx.body.version, ctx.body.metOn, actorOf(ctx.user))
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
