import { asc, eq, sql, type AnyColumn } from 'drizzle-orm'
import { appSession, appUser, userLaScope } from '../schema/core.ts'
import type { DbOrTx, Store } from '../store.ts'

/** A user as the services see it: never the password hash. */
export interface UserRow {
  id: number
  username: string
  displayName: string
  email: string | null
  role: string
  title: string
  isAdmin: boolean
  disabled: boolean
  version: number
}

export interface UserWithScope extends UserRow {
  /** The LAs the user is appointed to, in code order (empty for national roles). */
  laCodes: string[]
}

export type NewUserRow = Omit<UserRow, 'id' | 'disabled' | 'version'> & { passwordHash: string; laCodes: string[] }

/** The columns of a user as the services see them (`toUserRow` makes the row). */
export const userColumns = {
  id: appUser.id,
  username: appUser.username,
  displayName: appUser.displayName,
  email: appUser.email,
  role: appUser.role,
  title: appUser.title,
  isAdmin: appUser.isAdmin,
  disabledAt: appUser.disabledAt,
  version: appUser.version,
}

type Selected = { disabledAt: Date | null } & Omit<UserRow, 'disabled'>
const toRow = ({ disabledAt, ...u }: Selected): UserRow => ({ ...u, disabled: Boolean(disabledAt) })
export const toUserRow = toRow

/** Each user's LA scope in code order, as a column of a query over app_user (or over a table naming the user). */
export const scopeColumn = (userId: AnyColumn) =>
  sql<
    string[] | null
  >`(SELECT array_agg(s.la_code ORDER BY s.la_code) FROM user_la_scope s WHERE s.user_id = ${userId})`

/** The signed-in user with their LA scope, in one query (it runs on every request). */
export async function userWithScope(store: Pick<Store, 'query'>, userId: number): Promise<UserWithScope | undefined> {
  const [u] = await store.query<{
    id: number
    username: string
    display_name: string
    email: string | null
    role: string
    title: string
    is_admin: boolean
    disabled_at: Date | null
    version: number
    scope: string[] | null
  }>(
    `SELECT u.id, u.username, u.display_name, u.email, u.role, u.title, u.is_admin, u.disabled_at, u.version,
            (SELECT array_agg(s.la_code ORDER BY s.la_code) FROM user_la_scope s WHERE s.user_id = u.id) AS scope
       FROM app_user u WHERE u.id = $1`,
    [userId],
  )
  if (!u) return undefined
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    email: u.email,
    role: u.role,
    title: u.title,
    isAdmin: u.is_admin,
    disabled: Boolean(u.disabled_at),
    version: u.version,
    laCodes: u.scope ?? [],
  }
}

export async function findUserByUsername(db: DbOrTx, username: string): Promise<UserRow | undefined> {
  const [u] = await db.select(userColumns).from(appUser).where(eq(appUser.username, username))
  return u ? toRow(u) : undefined
}

export async function listUsers(db: DbOrTx): Promise<UserWithScope[]> {
  const users = await db.select(userColumns).from(appUser).orderBy(asc(appUser.username))
  const scopes = await db.select().from(userLaScope).orderBy(asc(userLaScope.laCode))
  return users.map((u) => ({
    ...toRow(u),
    laCodes: scopes.filter((s) => s.userId === u.id).map((s) => s.laCode),
  }))
}

/** Inserts a user and their LA scope; the new id. */
export async function insertUser(db: DbOrTx, user: NewUserRow): Promise<number> {
  const { laCodes, ...values } = user
  const [row] = await db.insert(appUser).values(values).returning({ id: appUser.id })
  if (laCodes.length) await db.insert(userLaScope).values(laCodes.map((laCode) => ({ userId: row.id, laCode })))
  return row.id
}

export async function scopeOf(db: DbOrTx, userId: number): Promise<string[]> {
  const rows = await db.select().from(userLaScope).where(eq(userLaScope.userId, userId))
  return rows.map((r) => r.laCode)
}

export async function addScope(db: DbOrTx, userId: number, laCode: string): Promise<void> {
  await db.insert(userLaScope).values({ userId, laCode })
}

/** Disables a user (or sets a new password hash), bumps the version and ends every session of theirs. */
export async function updateUserAndEndSessions(
  db: DbOrTx,
  user: Pick<UserRow, 'id' | 'version'>,
  change: { disabledAt: Date } | { passwordHash: string },
): Promise<void> {
  await db
    .update(appUser)
    .set({ ...change, version: user.version + 1 })
    .where(eq(appUser.id, user.id))
  await db.delete(appSession).where(eq(appSession.userId, user.id))
}
