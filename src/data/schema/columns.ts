import { customType, integer, text, timestamp } from 'drizzle-orm/pg-core'
import { appUser } from './core.ts'

// Column helpers shared by the plan and imported-report tables.

/** bytea as a Node Buffer on both drivers (PGlite gives Uint8Array, pg gives Buffer). */
export const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
})

export const tz = (name: string) => timestamp(name, { withTimezone: true })
export const userRef = (name: string) => integer(name).references(() => appUser.id)

/** Columns every editable plan record has: a version for optimistic concurrency, and archive instead of delete. */
export const versioned = () => ({
  version: integer('version').notNull().default(1),
  archivedAt: tz('archived_at'),
  archivedBy: userRef('archived_by'),
  archiveReason: text('archive_reason'),
})
