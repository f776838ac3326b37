import { can } from '../../../../engine/access/permissions.ts'
import { filterItems, type ItemFilters, type PlanModel } from '../../../../engine/plans/planModel.ts'
import { RAG_LABELS, type Rag } from '../../../../engine/plans/rag.ts'
import { sendCachedPage } from '../../../pageCache.ts'
import { definePage } from '../../page.ts'
import { asAtQuery, planViewFor } from './planContext.ts'
import { MEASURE_ITEMS } from './commitments/addCommitmentController.ts'

const RAGS = ['red', 'amber', 'green', 'blue', 'grey'] as const
interface Viewer {
  laCode: string
  canEdit: boolean
  canReview: boolean
  today: string
}

/** The filters of the query string (anything unknown is no filter). */
function filtersOf(q: Record<string, string | undefined>): ItemFilters {
  return {
    category: q.category || undefined,
    rag: RAGS.includes(q.rag as Rag) ? (q.rag as Rag) : undefined,
    ownerId: q.owner && /^\d+$/.test(q.owner) ? Number(q.owner) : undefined,
    overdue: q.overdue === 'yes',
  }
}

/** What the content template shows: the plan, the filtered items and the filters' choices. */
function contentLocals(model: Readonly<PlanModel>, filters: ItemFilters, viewer: Viewer) {
  const items = filterItems(model.items, filters)
  const owners = [
    ...new Map(
      model.items
        .flatMap((i) => i.actions)
        .filter((a) => a.ownerId !== null)
        .map((a) => [a.ownerId!, a.ownerName!]),
    ).entries(),
  ]
  return {
    ...viewer,
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
    measureItems: MEASURE_ITEMS,
    commitmentItemChoices: [
      { value: '', text: 'The whole plan' },
      ...model.items.map((i) => ({ value: String(i.id), text: `Recommendation ${i.reference}` })),
    ],
  }
}

/**
 * The plan overview: commitments, counts, and the recommendations table with filters (category, RAG, owner, overdue).
 * The whole page is kept per (plan version, as-at date, filters, what the viewer may do, today) and reused, with only
 * the viewer's name, title and CSRF token put in each time (src/server/pageCache.ts); a page with a flash is rendered
 * afresh. The plan version is asked of the plan's model cache, which asks the store nothing while its change count has
 * not moved.
 */
export const planOverviewPage = definePage({
  PAGE_NAME: 'plan-overview',
  PATH: '/la/:la/plans/:plan',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const { model, version } = await planViewFor(req, ctx, asAtQuery(req))
    const filters = filtersOf(req.query as Record<string, string | undefined>)
    const viewer: Viewer = {
      laCode: ctx.laCode!,
      canEdit: can(ctx.user, 'plan:edit'),
      canReview: can(ctx.user, 'plan:review'),
      today: new Date().toISOString().slice(0, 10),
    }
    // The version names the plan and its history, so one cache serves every plan, the least recently used going first.
    await sendCachedPage(
      req,
      res,
      'pages/la/plans/overview.njk',
      { version: 'plans', key: [version, filters, viewer] },
      () => contentLocals(model, filters, viewer),
    )
  },
})
