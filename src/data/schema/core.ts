import { bigserial, boolean, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core'

export const appUser = pgTable('app_user', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  email: text('email'),
  role: text('role').notNull(),
  title: text('title').notNull(),
  isAdmin: boolean('is_admin').notNull().default(false),
  passwordHash: text('password_hash').notNull(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
})

export const userLaScope = pgTable(
  'user_la_scope',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => appUser.id),
    laCode: text('la_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.laCode] })],
)

export const appSession = pgTable('app_session', {
  id: text('id').primaryKey(),
  userId: integer('user_id').references(() => appUser.id),
  csrfToken: text('csrf_token').notNull(),
  data: jsonb('data').notNull().$type<Record<string, unknown>>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
})

export const loginAttempt = pgTable('login_attempt', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  username: text('username').notNull(),
  ip: text('ip').notNull(),
  succeeded: boolean('succeeded').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
})

export const auditEvent = pgTable('audit_event', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  actorId: integer('actor_id'),
  actorName: text('actor_name').notNull(),
  role: text('role'),
  action: text('action').notNull(),
  subjectType: text('subject_type'),
  subjectId: text('subject_id'),
  laCode: text('la_code'),
  before: jsonb('before'),
  after: jsonb('after'),
  requestId: text('request_id'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
})

export const dataset = pgTable('dataset', {
  name: text('name').primaryKey(),
  file: text('file').notNull(),
  sha256: text('sha256').notNull(),
  rows: integer('rows').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
})

export const setupProgress = pgTable('setup_progress', {
  step: text('step').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  detail: jsonb('detail').notNull().$type<Record<string, unknown>>().default({}),
})
