import { commitmentProgress, type CommitmentProgress, type ItemForCompleteness } from './completeness.ts'
import { deliveryRag, kpiRag, worstRag, DEFAULT_RAG_CONFIG, type Rag, type RagConfig, type RagResult } from './rag.ts'
import type { PlanInputs } from './planInputs.ts'

/**
 * One plan as at a date, with every rating worked out: the model behind the plan pages, "my actions" and the board
 * report. Inputs are the records as they stood on that date (the service replays the version history to get them).
 */

export type { PlanInputs } from './planInputs.ts'

export type ActionModel = PlanInputs['actions'][number] & {
  ownerName: string | null
  rag: RagResult
  overdue: boolean
  milestones: PlanInputs['milestones']
}

export type CommentModel = PlanInputs['comments'][number] & {
  authorName: string
  answers: Array<PlanInputs['comments'][number] & { authorName: string }>
}

export interface ItemModel {
  id: number
  reportId: number
  ordinal: number
  paragraph: string | null
  /** "24" when the report numbers them, else Sightline's ordinal "R3". */
  reference: string
  category: string
  addressee: string
  text: string
  theme: string | null
  explained: boolean
  analyses: Array<PlanInputs['analyses'][number] & { authorName: string }>
  objectives: PlanInputs['objectives']
  actions: ActionModel[]
  evidence: PlanInputs['evidence']
  kpiIds: number[]
  delivery: RagResult
  impact: RagResult
  comments: CommentModel[]
  openChallenges: number
}

export type KpiModel = PlanInputs['kpis'][number] & { rag: RagResult & { value?: number; expected?: number } }

const RAGS: Rag[] = ['red', 'amber', 'green', 'blue', 'grey']
const emptyCounts = (): Record<Rag, number> => ({ red: 0, amber: 0, green: 0, blue: 0, grey: 0 })

export function buildPlanModel(inputs: PlanInputs, asAt: string, cfg: RagConfig = DEFAULT_RAG_CONFIG) {
  const name = (id: number | null) => (id === null ? null : (inputs.users[id] ?? `User ${id}`))
  const kpis: KpiModel[] = inputs.kpis.map((k) => ({ ...k, rag: kpiRag(k, asAt, cfg) }))
  const comments = threadComments(inputs.comments, name)

  const items = buildItems(inputs, asAt, cfg, { kpis, comments, name })

  const forCompleteness: ItemForCompleteness[] = items.map((i) => ({
    id: i.id,
    analyses: i.analyses,
    actions: i.actions.map((a) => ({ ...a, milestoneCount: a.milestones.length })),
    kpiCount: i.kpiIds.length,
  }))
  const commitments: Array<CommitmentProgress & { itemId: number | null; version: number }> = inputs.commitments
    .map((c) => ({ ...commitmentProgress(c, forCompleteness, asAt), itemId: c.itemId, version: c.version }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))

  const delivery = emptyCounts()
  const impact = emptyCounts()
  for (const i of items) {
    delivery[i.delivery.rag]++
    impact[i.impact.rag]++
  }
  const categories = [...new Set(items.map((i) => `${i.addressee}|${i.category}`))].map((key) => {
    const [addressee, category] = key.split('|')
    const group = items.filter((i) => i.addressee === addressee && i.category === category)
    const counts = emptyCounts()
    for (const i of group) counts[i.delivery.rag]++
    return { addressee, category, total: group.length, explained: group.filter((i) => i.explained).length, ...counts }
  })
  const allActions = items.flatMap((i) => i.actions.map((a) => ({ ...a, itemReference: i.reference, itemId: i.id })))
  const overdueActions = allActions
    .filter((a) => a.overdue)
    .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''))
  const openChallenges = comments.filter((c) => c.kind === 'challenge' && c.status === 'open')
  const submissions = inputs.submissions
    .map((s) => ({ ...s, submittedByName: name(s.submittedBy)!, decidedByName: name(s.decidedBy) }))
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))

  return {
    asAt,
    plan: inputs.plan,
    laName: inputs.laName,
    reports: inputs.reports,
    items,
    kpis,
    commitments,
    submissions,
    comments,
    summary: {
      items: items.length,
      explained: items.filter((i) => i.explained).length,
      withOwnedAction: items.filter((i) => i.actions.some((a) => a.ownerId !== null && a.dueDate !== null)).length,
      actions: allActions.length,
      delivery,
      impact,
      categories,
      overdueActions,
      openChallenges,
      overdueCommitments: commitments.filter((c) => c.status === 'overdue'),
    },
  }
}

export type PlanModel = ReturnType<typeof buildPlanModel>

/** Each recommendation of the plan with its analyses, actions (rated), evidence, KPIs and comments, in report order. */
function buildItems(
  inputs: PlanInputs,
  asAt: string,
  cfg: RagConfig,
  ctx: { kpis: KpiModel[]; comments: CommentModel[]; name: (id: number | null) => string | null },
): ItemModel[] {
  const { kpis, comments, name } = ctx
  const recs = new Map(inputs.recommendations.map((r) => [r.id, r]))
  const reportOrder = new Map(inputs.reports.map((r, i) => [r.id, i]))
  return inputs.items
    .map((item) => {
      const rec = recs.get(item.recommendationId)!
      const actions: ActionModel[] = inputs.actions
        .filter((a) => a.itemId === item.id)
        .map((a) => {
          const milestones = inputs.milestones
            .filter((m) => m.actionId === a.id)
            .sort((x, y) => x.dueDate.localeCompare(y.dueDate))
          return {
            ...a,
            milestones,
            ownerName: name(a.ownerId),
            rag: deliveryRag({ ...a, milestones }, asAt, cfg),
            overdue: Boolean(a.dueDate && a.dueDate < asAt && a.status !== 'complete'),
          }
        })
      const analyses = inputs.analyses
        .filter((a) => a.itemId === item.id)
        .map((a) => ({ ...a, authorName: name(a.authorId)!, agreedByName: name(a.agreedBy ?? null) }))
      const itemKpis = kpis.filter((k) => k.itemIds.includes(item.id))
      const itemComments = comments.filter((c) => c.itemId === item.id)
      return {
        id: item.id,
        reportId: rec.reportId,
        ordinal: rec.ordinal,
        paragraph: rec.paragraph,
        reference: rec.paragraph ?? `R${rec.ordinal}`,
        category: rec.category,
        addressee: rec.addressee,
        text: rec.text,
        theme: item.theme,
        explained: analyses.some((a) => a.status === 'agreed' && (!a.agreedOn || a.agreedOn <= asAt)),
        analyses,
        objectives: inputs.objectives.filter((o) => o.itemId === item.id),
        actions,
        evidence: inputs.evidence
          .filter((e) => e.itemId === item.id)
          .sort((x, y) => y.evidenceDate.localeCompare(x.evidenceDate)),
        kpiIds: itemKpis.map((k) => k.id),
        delivery: worstRag(
          actions.map((a) => a.rag),
          'No actions yet',
          'worst-action',
        ),
        impact: worstRag(
          itemKpis.map((k) => k.rag),
          'No rated KPI',
          'worst-kpi',
        ),
        comments: itemComments,
        openChallenges: itemComments.filter((c) => c.kind === 'challenge' && c.status === 'open').length,
      }
    })
    .sort((a, b) => (reportOrder.get(a.reportId) ?? 0) - (reportOrder.get(b.reportId) ?? 0) || a.ordinal - b.ordinal)
}

/**
 * The plan's comments with their authors' names, each challenge with its answers. Every plan page builds this, and a
 * plan's comments only grow, so it is one pass (answers grouped by their parent first, not searched for per comment),
 * and each comment is copied with Object.assign: `{ ...c, authorName, answers }` gives every copy its own hidden class
 * in V8 (about 750 bytes a comment rather than about 230), which bench:load saw as heap growing with each comment
 * posted, times the plan pages in flight.
 */
function threadComments(all: PlanInputs['comments'], name: (id: number | null) => string | null): CommentModel[] {
  const answers = new Map<number, CommentModel['answers']>()
  for (const a of all) {
    if (a.kind !== 'answer' || a.parentId === null) continue
    const thread = answers.get(a.parentId) ?? []
    if (!thread.length) answers.set(a.parentId, thread)
    thread.push(Object.assign({}, a, { authorName: name(a.authorId)! }))
  }
  return all
    .filter((c) => c.kind !== 'answer')
    .map((c) => Object.assign({}, c, { authorName: name(c.authorId)!, answers: answers.get(c.id) ?? [] }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
}

export interface ItemFilters {
  category?: string
  rag?: Rag
  ownerId?: number
  overdue?: boolean
}

/** The plan overview's filters: category, delivery RAG, action owner, overdue. */
export function filterItems(items: ItemModel[], f: ItemFilters): ItemModel[] {
  return items.filter(
    (i) =>
      (!f.category || i.category === f.category) &&
      (!f.rag || i.delivery.rag === f.rag) &&
      (f.ownerId === undefined || i.actions.some((a) => a.ownerId === f.ownerId)) &&
      (!f.overdue || i.actions.some((a) => a.overdue)),
  )
}

export { RAGS }
