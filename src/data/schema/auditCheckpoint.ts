import { bigint, bigserial, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** How far a verification of the audit chain got, and when (migration 0051). Append-only like audit_event. */
export const auditCheckpoint = pgTable('audit_checkpoint', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind').$type<'full' | 'incremental'>().notNull(),
  /** The last event verified (0: none), its hash, and the number of events up to it. */
  lastId: bigint('last_id', { mode: 'number' }).notNull(),
  head: text('head').notNull(),
  eventCount: bigint('event_count', { mode: 'number' }).notNull(),
  /** Events hashed by this verification. */
  checked: bigint('checked', { mode: 'number' }).notNull(),
  anchors: integer('anchors').notNull().default(0),
  /** Where the chain broke, if it did (0: the anchor file itself). */
  breakId: bigint('break_id', { mode: 'number' }),
  breakReason: text('break_reason'),
  verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull().defaultNow(),
})
