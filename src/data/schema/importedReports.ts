import { date, integer, jsonb, pgTable, primaryKey, serial, text } from 'drizzle-orm/pg-core'
import { bytea, tz, userRef, versioned } from './columns.ts'
import { inspection } from './register.ts'

// Inspection reports imported into a plan: the stored file, the report, its judgements and its recommendations.

export const storedFile = pgTable('stored_file', {
  id: serial('id').primaryKey(),
  sha256: text('sha256').notNull(),
  mediaType: text('media_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  fileName: text('file_name').notNull(),
  bytes: bytea('bytes').notNull(),
  createdBy: userRef('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
})

export const importedReport = pgTable('imported_report', {
  id: serial('id').primaryKey(),
  laCode: text('la_code').notNull(),
  framework: text('framework').notNull(),
  inspectionStart: date('inspection_start'),
  inspectionEnd: date('inspection_end'),
  published: date('published'),
  lscbJudgement: text('lscb_judgement'),
  inspectionId: integer('inspection_id').references(() => inspection.id),
  fileId: integer('file_id').references(() => storedFile.id),
  flags: jsonb('flags').notNull().$type<unknown[]>().default([]),
  extraction: jsonb('extraction'),
  importedBy: userRef('imported_by'),
  importedAt: tz('imported_at').notNull().defaultNow(),
  ...versioned(),
})

export const reportJudgement = pgTable(
  'report_judgement',
  {
    reportId: integer('report_id')
      .notNull()
      .references(() => importedReport.id),
    ordinal: integer('ordinal').notNull(),
    area: text('area').notNull(),
    grade: text('grade').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.ordinal] })],
)

export const recommendation = pgTable('recommendation', {
  id: serial('id').primaryKey(),
  reportId: integer('report_id')
    .notNull()
    .references(() => importedReport.id),
  ordinal: integer('ordinal').notNull(),
  paragraph: text('paragraph'),
  category: text('category').notNull(),
  addressee: text('addressee').notNull(),
  text: text('text').notNull(),
  theme: text('theme'),
})
