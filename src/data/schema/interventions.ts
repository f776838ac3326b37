import { customType, date, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core'

// Drizzle mirror of migration 0004_interventions. Queries in interventionRegisterService use SQL directly.
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
})
const tz = (name: string) => timestamp(name, { withTimezone: true })

/** Version for optimistic concurrency, and archive (who, when, why) instead of delete. */
const archivable = () => ({
  version: integer('version').notNull().default(1),
  archivedAt: tz('archived_at'),
  archivedBy: integer('archived_by'),
  archiveReason: text('archive_reason'),
})

/** An attached PDF (content checked, hashed) and who recorded the row. */
const documented = () => ({
  documentName: text('document_name'),
  documentSha256: text('document_sha256'),
  document: bytea('document'),
  createdBy: integer('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
})

export const person = pgTable('person', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  organisation: text('organisation'),
  email: text('email'),
  createdAt: tz('created_at').notNull().defaultNow(),
})

export const roleAssignment = pgTable('role_assignment', {
  id: serial('id').primaryKey(),
  personId: integer('person_id').notNull(),
  laCode: text('la_code'),
  role: text('role').notNull(),
  startDate: date('start_date').notNull(),
  endDate: date('end_date'),
})

export const interventionEvent = pgTable('intervention_event', {
  id: serial('id').primaryKey(),
  laCode: text('la_code').notNull(),
  kind: text('kind').notNull(),
  eventDate: date('event_date').notNull(),
  title: text('title').notNull(),
  details: text('details'),
  relatedEventId: integer('related_event_id'),
  decisionId: integer('decision_id'),
  ...documented(),
  ...archivable(),
})

export const letter = pgTable('letter', {
  id: serial('id').primaryKey(),
  laCode: text('la_code').notNull(),
  direction: text('direction').notNull(),
  sentOn: date('sent_on').notNull(),
  fromPersonId: integer('from_person_id').notNull(),
  subject: text('subject').notNull(),
  summary: text('summary'),
  ...documented(),
  ...archivable(),
})

export const letterRecipient = pgTable(
  'letter_recipient',
  { letterId: integer('letter_id').notNull(), personId: integer('person_id').notNull(), kind: text('kind').notNull() },
  (t) => [primaryKey({ columns: [t.letterId, t.personId] })],
)

export const study = pgTable('study', {
  id: serial('id').primaryKey(),
  laCode: text('la_code'),
  title: text('title').notNull(),
  termsOfReference: text('terms_of_reference').notNull(),
  commissionedBy: integer('commissioned_by').notNull(),
  team: text('team'),
  commissionedOn: date('commissioned_on').notNull(),
  reportDue: date('report_due').notNull(),
  status: text('status').notNull(),
  outputs: text('outputs'),
  version: integer('version').notNull().default(1),
  archivedAt: tz('archived_at'),
})

export const interventionCommitment = pgTable('intervention_commitment', {
  id: serial('id').primaryKey(),
  laCode: text('la_code').notNull(),
  sourceType: text('source_type').notNull(),
  sourceId: integer('source_id').notNull(),
  what: text('what').notNull(),
  ownerPersonId: integer('owner_person_id').notNull(),
  dueDate: date('due_date').notNull(),
  status: text('status').notNull(),
  doneOn: date('done_on'),
  ...archivable(),
})

export const meeting = pgTable('meeting', {
  id: serial('id').primaryKey(),
  laCode: text('la_code').notNull(),
  kind: text('kind').notNull(),
  heldOn: date('held_on').notNull(),
  attendees: text('attendees').notNull(),
  minutes: text('minutes'),
  decisions: text('decisions'),
  version: integer('version').notNull().default(1),
  archivedAt: tz('archived_at'),
})

export const interventionDecision = pgTable('intervention_decision', {
  id: serial('id').primaryKey(),
  laCode: text('la_code').notNull(),
  decidedOn: date('decided_on').notNull(),
  rung: text('rung').notNull(),
  reasons: text('reasons').notNull(),
  recommendation: jsonb('recommendation').notNull(),
  decidedBy: integer('decided_by').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
})

export const thresholdVersion = pgTable('threshold_version', {
  version: text('version').primaryKey(),
  effectiveFrom: date('effective_from').notNull(),
  settings: jsonb('settings').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
})
