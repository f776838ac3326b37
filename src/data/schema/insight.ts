import { date, doublePrecision, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

// Drizzle mirror of migration 0049_indicator_snapshot_insight.
export const indicatorSnapshot = pgTable(
  'indicator_snapshot',
  {
    laCode: text('la_code').notNull(),
    snapshotId: integer('snapshot_id').notNull(),
    asAt: date('as_at').notNull(),
    indicatorId: text('indicator_id').notNull(),
    value: doublePrecision('value'),
    numerator: integer('numerator'),
    denominator: integer('denominator'),
    note: text('note'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.laCode, t.snapshotId, t.indicatorId] })],
)
