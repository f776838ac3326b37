import { can } from '../../../../../engine/access/permissions.ts'
import { INDICATORS } from '../../../../../engine/casework/indicators/index.ts'
import { kpiChart, kpiTable } from '../../../../../engine/plans/boardReport.ts'
import { RAG_LABELS } from '../../../../../engine/plans/rag.ts'
import { definePage } from '../../../page.ts'
import { planFor } from '../planContext.ts'

/** The casework indicator a measure is linked to, by its id (unknown ids are named as they are). */
const linkedIndicator = (id: string | null | undefined) =>
  id ? { id, title: INDICATORS.find((d) => d.id === id)?.title ?? id } : null

/** Impact measures: charts and tables, monthly values entered by hand, and new measures linked to recommendations. */
export default definePage({
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
