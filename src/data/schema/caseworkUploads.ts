import { date, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

// Drizzle mirror of migration 0052_ingest2_casework_upload.
const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' })

export const caseworkUpload = pgTable('casework_upload', {
  id: text('id').primaryKey(),
  laCode: text('la_code').notNull(),
  createdBy: text('created_by').notNull(),
  fileNames: jsonb('file_names').notNull().$type<string[]>(),
  asAt: date('as_at'),
  state: text('state').notNull(),
  done: integer('done').notNull().default(0),
  total: integer('total').notNull().default(0),
  file: text('file').notNull().default(''),
  result: jsonb('result'),
  failure: text('failure'),
  startedAt: tz('started_at').notNull(),
  finishedAt: tz('finished_at'),
})
