import {
  bigserial,
  date,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
} from 'drizzle-orm/pg-core'
import { tz, userRef, versioned } from './columns.ts'
import { importedReport, recommendation, storedFile } from './importedReports.ts'

// The improvement plan tables. The imported reports a plan answers are in importedReports.ts (re-exported here, so
// `import * as t from './plans.ts'` still sees every plan-related table).
export * from './importedReports.ts'

export const plan = pgTable('plan', {
  id: serial('id').primaryKey(),
  laCode: text('la_code').notNull(),
  title: text('title').notNull(),
  status: text('status').notNull().default('draft'),
  createdBy: userRef('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
  ...versioned(),
})

export const planReport = pgTable(
  'plan_report',
  {
    planId: integer('plan_id')
      .notNull()
      .references(() => plan.id),
    reportId: integer('report_id')
      .notNull()
      .references(() => importedReport.id),
  },
  (t) => [primaryKey({ columns: [t.planId, t.reportId] })],
)

export const planItem = pgTable('plan_item', {
  id: serial('id').primaryKey(),
  planId: integer('plan_id')
    .notNull()
    .references(() => plan.id),
  recommendationId: integer('recommendation_id')
    .notNull()
    .references(() => recommendation.id),
  theme: text('theme'),
  ...versioned(),
})

export const issueAnalysis = pgTable('issue_analysis', {
  id: serial('id').primaryKey(),
  itemId: integer('item_id')
    .notNull()
    .references(() => planItem.id),
  text: text('text').notNull(),
  authorId: userRef('author_id').notNull(),
  writtenOn: date('written_on').notNull(),
  status: text('status').notNull().default('draft'),
  agreedBy: userRef('agreed_by'),
  agreedOn: date('agreed_on'),
  ...versioned(),
})

export const objective = pgTable('objective', {
  id: serial('id').primaryKey(),
  itemId: integer('item_id')
    .notNull()
    .references(() => planItem.id),
  text: text('text').notNull(),
  ...versioned(),
})

export const planAction = pgTable('plan_action', {
  id: serial('id').primaryKey(),
  itemId: integer('item_id')
    .notNull()
    .references(() => planItem.id),
  objectiveId: integer('objective_id').references(() => objective.id),
  title: text('title').notNull(),
  ownerId: userRef('owner_id'),
  leadOfficer: text('lead_officer'),
  startDate: date('start_date'),
  dueDate: date('due_date'),
  status: text('status').notNull().default('not started'),
  completedOn: date('completed_on'),
  progress: text('progress'),
  ragOverride: text('rag_override'),
  ragOverrideReason: text('rag_override_reason'),
  ragOverrideBy: userRef('rag_override_by'),
  ...versioned(),
})

export const milestone = pgTable('milestone', {
  id: serial('id').primaryKey(),
  actionId: integer('action_id')
    .notNull()
    .references(() => planAction.id),
  title: text('title').notNull(),
  dueDate: date('due_date').notNull(),
  completedOn: date('completed_on'),
  ...versioned(),
})

export const evidence = pgTable('evidence', {
  id: serial('id').primaryKey(),
  itemId: integer('item_id')
    .notNull()
    .references(() => planItem.id),
  actionId: integer('action_id').references(() => planAction.id),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  evidenceDate: date('evidence_date').notNull(),
  note: text('note'),
  url: text('url'),
  fileId: integer('file_id').references(() => storedFile.id),
  addedBy: userRef('added_by'),
  addedAt: tz('added_at').notNull().defaultNow(),
  ...versioned(),
})

export const kpi = pgTable('kpi', {
  id: serial('id').primaryKey(),
  planId: integer('plan_id')
    .notNull()
    .references(() => plan.id),
  name: text('name').notNull(),
  definition: text('definition').notNull(),
  polarity: text('polarity').notNull(),
  unit: text('unit').notNull().default('%'),
  baselineValue: doublePrecision('baseline_value'),
  baselineDate: date('baseline_date'),
  targetValue: doublePrecision('target_value'),
  targetDate: date('target_date'),
  amberTolerance: doublePrecision('amber_tolerance'),
  caseworkIndicator: text('casework_indicator'),
  ...versioned(),
})

export const kpiItem = pgTable(
  'kpi_item',
  {
    kpiId: integer('kpi_id')
      .notNull()
      .references(() => kpi.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => planItem.id),
  },
  (t) => [primaryKey({ columns: [t.kpiId, t.itemId] })],
)

export const kpiTrajectory = pgTable(
  'kpi_trajectory',
  {
    kpiId: integer('kpi_id')
      .notNull()
      .references(() => kpi.id),
    month: date('month').notNull(),
    value: doublePrecision('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kpiId, t.month] })],
)

export const kpiValue = pgTable('kpi_value', {
  id: serial('id').primaryKey(),
  kpiId: integer('kpi_id')
    .notNull()
    .references(() => kpi.id),
  month: date('month').notNull(),
  value: doublePrecision('value').notNull(),
  source: text('source').notNull().default('manual'),
  note: text('note'),
  enteredBy: userRef('entered_by'),
  enteredAt: tz('entered_at').notNull().defaultNow(),
  ...versioned(),
})

export const commitment = pgTable('commitment', {
  id: serial('id').primaryKey(),
  planId: integer('plan_id')
    .notNull()
    .references(() => plan.id),
  itemId: integer('item_id').references(() => planItem.id),
  title: text('title').notNull(),
  measure: text('measure').notNull(),
  dueDate: date('due_date').notNull(),
  metOn: date('met_on'),
  createdBy: userRef('created_by'),
  ...versioned(),
})

export const submission = pgTable('submission', {
  id: serial('id').primaryKey(),
  planId: integer('plan_id')
    .notNull()
    .references(() => plan.id),
  kind: text('kind').notNull(),
  summary: text('summary').notNull(),
  submittedBy: userRef('submitted_by').notNull(),
  submittedAt: tz('submitted_at').notNull().defaultNow(),
  status: text('status').notNull().default('submitted'),
  decidedBy: userRef('decided_by'),
  decidedAt: tz('decided_at'),
  decisionReason: text('decision_reason'),
  snapshot: jsonb('snapshot'),
  /** The plan's revision (changes recorded in its history) when submitted, and when accepted. */
  planRevision: integer('plan_revision'),
  acceptedRevision: integer('accepted_revision'),
  version: integer('version').notNull().default(1),
})

export const planComment = pgTable('plan_comment', {
  id: serial('id').primaryKey(),
  planId: integer('plan_id')
    .notNull()
    .references(() => plan.id),
  itemId: integer('item_id').references(() => planItem.id),
  submissionId: integer('submission_id').references(() => submission.id),
  parentId: integer('parent_id'),
  kind: text('kind').notNull(),
  text: text('text').notNull(),
  authorId: userRef('author_id').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  status: text('status'),
  closedBy: userRef('closed_by'),
  closedAt: tz('closed_at'),
  ...versioned(),
})

export const planHistory = pgTable('plan_history', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  planId: integer('plan_id'),
  laCode: text('la_code').notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: integer('subject_id').notNull(),
  version: integer('version').notNull(),
  action: text('action').notNull(),
  actorId: userRef('actor_id'),
  actorName: text('actor_name').notNull(),
  at: tz('at').notNull().defaultNow(),
  before: jsonb('before'),
  after: jsonb('after'),
})
