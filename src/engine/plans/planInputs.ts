import type { CommitmentMeasure } from './completeness.ts'
import type { ActionStatus, Polarity, Rag } from './rag.ts'

/** The records a plan model is built from, as they stood on a date (data/repositories/planInputsRepository.ts). */
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
    /** The casework indicator whose snapshots fill the values (source 'casework', each with its snapshot). */
    caseworkIndicator?: string | null
    itemIds: number[]
    trajectory: Array<{ month: string; value: number }>
    values: Array<{ month: string; value: number; source: string; asAt?: string; snapshotId?: number }>
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
