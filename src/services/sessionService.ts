import crypto from 'node:crypto'
import { count, eq, getTableColumns, lt, or, sql } from 'drizzle-orm'
import { appSession, appUser } from '../data/schema/core.ts'
import { scopeColumn, toUserRow, userColumns, type UserWithScope } from '../data/repositories/userRepository.ts'
import type { Db, Store } from '../data/store.ts'
import { hashCredential } from '../engine/access/apiCredentials.ts'

/**
 * How long sessions last. A signed-in session ends 8 hours after sign-in or after 30 minutes without a request; a
 * visitor's session (which only holds the sign-in form's CSRF token and flash messages) ends after an hour.
 */
export const SESSION_LIMITS = { signedInHours: 8, anonymousHours: 1, idleMinutes: 30, touchSeconds: 60 } as const

/**
 * The session for a token's hash, with its user, their LA scope and the store's change count. Every request asks it:
 * built once (drizzle builds a query's SQL afresh on each call, which cost more than the rest of a cached page's answer
 * on the main thread) and, on PostgreSQL, parsed and planned once per connection.
 */
function sessionByIdQuery(db: Db) {
  return db
    .select({
      ...getTableColumns(appSession),
      dataChange: sql<string>`(SELECT n FROM data_change)::text`,
      user: userColumns,
      scope: scopeColumn(appSession.userId),
    })
    .from(appSession)
    .leftJoin(appUser, eq(appUser.id, appSession.userId))
    .where(eq(appSession.id, sql.placeholder('id')))
    .prepare('session_by_id')
}

/** Store-backed sessions: the cookie holds a random token, the store only its hash. */
export function sessionService(store: Store, options: { now?: () => Date } = {}) {
  const db = store.db
  const now = options.now ?? (() => new Date())
  const idleSince = () => new Date(now().getTime() - SESSION_LIMITS.idleMinutes * 60_000)
  const sessionById = sessionByIdQuery(db)

  return {
    /** Creates a session; returns the raw token for the cookie. */
    async create(userId: number | null, data: Record<string, unknown> = {}) {
      const token = crypto.randomBytes(32).toString('base64url')
      const csrfToken = crypto.randomBytes(24).toString('base64url')
      const hours = userId === null ? SESSION_LIMITS.anonymousHours : SESSION_LIMITS.signedInHours
      const at = now()
      await db.insert(appSession).values({
        id: hashCredential(token),
        userId,
        csrfToken,
        data,
        lastSeenAt: at,
        expiresAt: new Date(at.getTime() + hours * 3600_000),
      })
      return { token, csrfToken }
    },
    /**
     * The live session for a token (and it counts as used now), or undefined if there is none or it has ended. With it,
     * in the same query, `dataChange`: the store's count of changes to what pages show (migration 0053), which pages
     * kept whole key on (read before anything else the request reads).
     */
    async get(token: string) {
      const id = hashCredential(token)
      const [row] = await sessionById.execute({ id })
      if (!row) return undefined
      const { user: joined, scope, ...s } = row
      // The signed-in user with their LA scope, read in the same query (what userService.principal reads).
      const user: UserWithScope | undefined = joined ? { ...toUserRow(joined), laCodes: scope ?? [] } : undefined
      const at = now()
      if (s.expiresAt <= at || s.lastSeenAt <= idleSince()) {
        await db.delete(appSession).where(eq(appSession.id, id))
        return undefined
      }
      // Written at most once a minute, so reading a page is not a write each time.
      if (at.getTime() - s.lastSeenAt.getTime() > SESSION_LIMITS.touchSeconds * 1000)
        await db.update(appSession).set({ lastSeenAt: at }).where(eq(appSession.id, id))
      return { ...s, user }
    },
    async setData(token: string, data: Record<string, unknown>) {
      await db
        .update(appSession)
        .set({ data })
        .where(eq(appSession.id, hashCredential(token)))
    },
    async destroy(token: string) {
      await db.delete(appSession).where(eq(appSession.id, hashCredential(token)))
    },
    /** Sessions held in the store now, ended or not (the memory probe: they must not pile up). */
    async count(): Promise<number> {
      const [r] = await db.select({ n: count() }).from(appSession)
      return Number(r?.n ?? 0)
    },
    /** Removes every ended session (run at start and every few minutes); returns how many. */
    async purgeExpired(): Promise<number> {
      const gone = await db
        .delete(appSession)
        .where(or(lt(appSession.expiresAt, now()), lt(appSession.lastSeenAt, idleSince())))
        .returning({ id: appSession.id })
      return gone.length
    },
  }
}
