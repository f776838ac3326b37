import { can } from '../../../../engine/access/permissions.ts'
import { filterItems, type ItemFilters } from '../../../../engine/plans/planModel.ts'
import { RAG_LABELS, type Rag } from '../../../../engine/plans/rag.ts'
import { definePage } from '../../page.ts'
import { asAtQuery, planFor } from './planContext.ts'
import { MEASURE_ITEMS } from './commitments/addCommitmentController.ts'

const RAGS = ['red', 'amber', 'green', 'blue', 'grey'] as const

/** The plan overview: commitments, counts, and the recommendations table with filters (category, RAG, owner, overdue). */
export const planOverviewPage = definePage({
  PAGE_NAME: 'plan-overview',
  PATH: '/la/:la/plans/:plan',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const asAt = asAtQuery(req)
    const model = await planFor(req, ctx, asAt)
    const q = req.query as Record<string, string | undefined>
    const filters: ItemFilters = {
      category: q.category || undefined,
      rag: RAGS.includes(q.rag as Rag) ? (q.rag as Rag) : undefined,
      ownerId: q.owner && /^\d+$/.test(q.owner) ? Number(q.owner) : undefined,
      overdue: q.overdue === 'yes',
    }
    const items = filterItems(model.items, filters)
    const owners = [
      ...new Map(
        model.items
          .flatMap((i) => i.actions)
          .filter((a) => a.ownerId !== null)
          .map((a) => [a.ownerId!, a.ownerName!]),
      ).entries(),
    ]
    res.render('pages/la/plans/overview.njk', {
      laCode: ctx.laCode,
      model,
      items,
      filters,
      asAt: model.asAt,
      filtered: items.length !== model.items.length,
      categoryItems: [
        { value: '', text: 'All categories' },
        ...[...new Set(model.items.map((i) => i.category))].map((c) => ({
          value: c,
          text: c,
          selected: c === filters.category,
        })),
      ],
      ragItems: [
        { value: '', text: 'Any rating' },
        ...RAGS.map((r) => ({ value: r, text: RAG_LABELS[r], selected: r === filters.rag })),
      ],
      ownerItems: [
        { value: '', text: 'Anyone' },
        ...owners.map(([id, name]) => ({ value: String(id), text: name, selected: id === filters.ownerId })),
      ],
      ragLabels: RAG_LABELS,
      canEdit: can(ctx.user, 'plan:edit'),
      canReview: can(ctx.user, 'plan:review'),
      measureItems: MEASURE_ITEMS,
      commitmentItemChoices: [
        { value: '', text: 'The whole plan' },
        ...model.items.map((i) => ({ value: String(i.id), text: `Recommendation ${i.reference}` })),
      ],
      today: new Date().toISOString().slice(0, 10),
    })
  },
})
