import {
  commitmentProgress,
  type CommitmentMeasure,
  type CommitmentProgress,
  type ItemForCompleteness,
} from './completeness.ts'
import {
  deliveryRag,
  kpiRag,
  worstRag,
  DEFAULT_RAG_CONFIG,
  type ActionStatus,
  type Polarity,
  type Rag,
  type RagConfig,
  type RagResult,
} from './rag.ts'

/**
 * One plan as at a date, with every rating worked out: the model behind the plan pages, "my actions" and the board
 * report. Inputs are the records as they stood on that date (the service replays the version history to get them).
 */

export interface PlanInputs {
  plan: { id: number; laCode: string; title: string; status: string }
  laName: string
  reports: Array<{
    id: number
    framework: string
    inspectionStart: string | null
    inspectionEnd: string | null
    published: string | null
    lscbJudgement: string | null
    /** The register's record of the same inspection, when the import matched one. */
    inspectionId?: number | null
    judgements: Array<{ area: string; grade: string }>
  }>
  items: Array<{ id: number; recommendationId: number; theme: string | null }>
  recommendations: Array<{
    id: number
    reportId: number
    ordinal: number
    paragraph: string | null
    category: string
    addressee: string
    text: string
  }>
  analyses: Array<{
    id: number
    itemId: number
    text: string
    authorId: number
    writtenOn: string
    status: 'draft' | 'agreed'
    agreedOn: string | null
    agreedBy?: number | null
    version: number
  }>
  objectives: Array<{ id: number; itemId: number; text: string; version: number }>
  actions: Array<{
    id: number
    itemId: number
    /** The item objective the action serves, if any. */
    objectiveId?: number | null
    title: string
    ownerId: number | null
    leadOfficer: string | null
    startDate: string | null
    dueDate: string | null
    status: ActionStatus
    completedOn: string | null
    progress: string | null
    ragOverride: Exclude<Rag, 'grey'> | null
    ragOverrideReason: string | null
    version: number
  }>
  milestones: Array<{
    id: number
    actionId: number
    title: string
    dueDate: string
    completedOn: string | null
    version: number
  }>
  evidence: Array<{
    id: number
    itemId: number
    actionId: number | null
    kind: string
    title: string
    evidenceDate: string
    note: string | null
    url: string | null
    fileName?: string | null
    mediaType?: string | null
    sizeBytes?: number | null
  }>
  kpis: Array<{
    id: number
    name: string
    definition: string
    polarity: Polarity
    unit: string
    baselineValue: number | null
    baselineDate: string | null
    targetValue: number | null
    targetDate: string | null
    amberTolerance: number | null
    itemIds: number[]
    trajectory: Array<{ month: string; value: number }>
    values: Array<{ month: string; value: number; source: string }>
    version: number
  }>
  commitments: Array<{
    id: number
    itemId: number | null
    title: string
    measure: CommitmentMeasure
    dueDate: string
    metOn: string | null
    version: number
  }>
  submissions: Array<{
    id: number
    kind: string
    summary: string
    submittedBy: number
    submittedAt: string
    status: string
    decidedBy: number | null
    decidedAt: string | null
    decisionReason: string | null
    planRevision?: number | null
    acceptedRevision?: number | null
    version: number
  }>
  comments: Array<{
    id: number
    itemId: number | null
    submissionId: number | null
    parentId: number | null
    kind: 'comment' | 'challenge' | 'answer'
    text: string
    authorId: number
    createdAt: string
    status: string | null
    version: number
  }>
  users: Record<number, string>
}

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
  const recs = new Map(inputs.recommendations.map((r) => [r.id, r]))
  const reportOrder = new Map(inputs.reports.map((r, i) => [r.id, i]))

  const kpis: KpiModel[] = inputs.kpis.map((k) => ({ ...k, rag: kpiRag(k, asAt, cfg) }))
  const comments = threadComments(inputs.comments, name)

  const items: ItemModel[] = inputs.items
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

function threadComments(all: PlanInputs['comments'], name: (id: number | null) => string | null): CommentModel[] {
  return all
    .filter((c) => c.kind !== 'answer')
    .map((c) => ({
      ...c,
      authorName: name(c.authorId)!,
      answers: all
        .filter((a) => a.kind === 'answer' && a.parentId === c.id)
        .map((a) => ({ ...a, authorName: name(a.authorId)! })),
    }))
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
