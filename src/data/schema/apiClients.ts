import { integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'

// Drizzle mirror of migration 0025_api_clients.
const tz = (name: string) => timestamp(name, { withTimezone: true })

export const apiClient = pgTable('api_client', {
  id: serial('id').primaryKey(),
  clientId: text('client_id').notNull().unique(),
  laCode: text('la_code').notNull(),
  name: text('name').notNull(),
  scopes: text('scopes').array().notNull(),
  secretHash: text('secret_hash').notNull(),
  supplierKeyHash: text('supplier_key_hash').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  revokedAt: tz('revoked_at'),
  revokedBy: text('revoked_by'),
})

export const apiToken = pgTable('api_token', {
  tokenHash: text('token_hash').primaryKey(),
  clientId: integer('client_id')
    .notNull()
    .references(() => apiClient.id),
  scopes: text('scopes').array().notNull(),
  issuedAt: tz('issued_at').notNull().defaultNow(),
  expiresAt: tz('expires_at').notNull(),
  revokedAt: tz('revoked_at'),
})
