import crypto from 'node:crypto'
import { and, asc, eq, gt, sql } from 'drizzle-orm'
import { appSession, appUser, loginAttempt, userLaScope } from '../data/schema/core.ts'
import type { Store } from '../data/store.ts'
import { hashPassword, passwordProblem, verifyPassword } from '../engine/access/password.ts'
import { isLaScoped, ROLES, type Principal, type Role } from '../engine/access/permissions.ts'
import { recordAudit, SYSTEM_ACTOR, type Actor } from './auditService.ts'

export class UserInputError extends Error {
  constructor(
    public field: string,
    message: string,
  ) {
    super(message)
  }
}

export interface NewUser {
  username: string
  displayName: string
  email?: string
  role: Role
  title: string
  isAdmin?: boolean
  password: string
  laCodes?: string[]
}

const SESSION_HOURS = 8
export const THROTTLE = { windowMinutes: 15, maxPerUser: 5, maxPerIp: 20 }

function sha256(s: string) {
  return crypto.createHash('sha256').update(s).digest('hex')
}

export function userService(store: Store) {
  const db = store.db

  /** The signed-in user with their LA scope, in one query (it runs on every request). */
  async function principal(userId: number): Promise<Principal | undefined> {
    const [u] = await store.query<{
      id: number
      username: string
      display_name: string
      role: Role
      title: string
      is_admin: boolean
      disabled_at: Date | null
      scope: string[] | null
    }>(
      `SELECT u.id, u.username, u.display_name, u.role, u.title, u.is_admin, u.disabled_at,
              (SELECT array_agg(s.la_code ORDER BY s.la_code) FROM user_la_scope s WHERE s.user_id = u.id) AS scope
         FROM app_user u WHERE u.id = $1`,
      [userId],
    )
    if (!u || u.disabled_at) return undefined
    return {
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      role: u.role,
      title: u.title,
      isAdmin: u.is_admin,
      laScope: isLaScoped(u.role) ? (u.scope ?? []) : null,
    }
  }

  return {
    principal,

    async add(input: NewUser, actor: Actor = SYSTEM_ACTOR): Promise<Principal> {
      const username = input.username.trim().toLowerCase()
      if (!/^[a-z0-9._-]{3,40}$/.test(username))
        throw new UserInputError('username', 'Username must be 3 to 40 letters, numbers, dots, dashes or underscores')
      if (!ROLES.includes(input.role)) throw new UserInputError('role', `Role must be one of ${ROLES.join(', ')}`)
      const problem = passwordProblem(input.password)
      if (problem) throw new UserInputError('password', problem)
      const laCodes = [...new Set(input.laCodes ?? [])]
      if (isLaScoped(input.role) && laCodes.length === 0)
        throw new UserInputError('la', `A ${input.role} user must be given at least one local authority`)
      const passwordHash = await hashPassword(input.password)
      const id = await db.transaction(async (tx) => {
        const existing = await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.username, username))
        if (existing.length) throw new UserInputError('username', `A user called ${username} already exists`)
        const [row] = await tx
          .insert(appUser)
          .values({
            username,
            displayName: input.displayName,
            email: input.email,
            role: input.role,
            title: input.title,
            isAdmin: input.isAdmin ?? false,
            passwordHash,
          })
          .returning({ id: appUser.id })
        if (isLaScoped(input.role) && laCodes.length)
          await tx.insert(userLaScope).values(laCodes.map((laCode) => ({ userId: row.id, laCode })))
        await recordAudit(tx, {
          actor,
          action: 'user.add',
          subjectType: 'user',
          subjectId: row.id,
          after: { username, role: input.role, title: input.title, isAdmin: input.isAdmin ?? false, laCodes },
        })
        return row.id
      })
      return (await principal(id))!
    },

    async list() {
      const users = await db.select().from(appUser).orderBy(asc(appUser.username))
      const scopes = await db.select().from(userLaScope)
      return users.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role: u.role as Role,
        title: u.title,
        isAdmin: u.isAdmin,
        disabled: Boolean(u.disabledAt),
        laCodes: scopes.filter((s) => s.userId === u.id).map((s) => s.laCode),
      }))
    },

    async findByUsername(username: string) {
      const [u] = await db.select().from(appUser).where(eq(appUser.username, username.trim().toLowerCase()))
      return u
    },

    /** Appoints an LA-scoped user to one more LA (national roles see every LA already), with an audit event. */
    async grantLaScope(userId: number, laCode: string, reason: string, actor: Actor = SYSTEM_ACTOR) {
      await db.transaction(async (tx) => {
        const scope = await tx.select().from(userLaScope).where(eq(userLaScope.userId, userId))
        if (!scope.length || scope.some((s) => s.laCode === laCode)) return
        await tx.insert(userLaScope).values({ userId, laCode })
        await recordAudit(tx, {
          actor,
          action: 'user.scope.add',
          subjectType: 'user',
          subjectId: userId,
          laCode,
          after: { laCode, reason },
        })
      })
    },

    async disable(username: string, actor: Actor = SYSTEM_ACTOR) {
      await db.transaction(async (tx) => {
        const [u] = await tx.select().from(appUser).where(eq(appUser.username, username))
        if (!u) throw new UserInputError('username', `No user called ${username}`)
        await tx
          .update(appUser)
          .set({ disabledAt: new Date(), version: u.version + 1 })
          .where(eq(appUser.id, u.id))
        await tx.delete(appSession).where(eq(appSession.userId, u.id))
        await recordAudit(tx, {
          actor,
          action: 'user.disable',
          subjectType: 'user',
          subjectId: u.id,
          before: { disabled: false },
          after: { disabled: true },
        })
      })
    },

    async resetPassword(username: string, password: string, actor: Actor = SYSTEM_ACTOR) {
      const problem = passwordProblem(password)
      if (problem) throw new UserInputError('password', problem)
      const passwordHash = await hashPassword(password)
      await db.transaction(async (tx) => {
        const [u] = await tx.select().from(appUser).where(eq(appUser.username, username))
        if (!u) throw new UserInputError('username', `No user called ${username}`)
        await tx
          .update(appUser)
          .set({ passwordHash, version: u.version + 1 })
          .where(eq(appUser.id, u.id))
        await tx.delete(appSession).where(eq(appSession.userId, u.id))
        await recordAudit(tx, { actor, action: 'user.reset-password', subjectType: 'user', subjectId: u.id })
      })
    },

    /** Too many failed sign-ins for this username or from this address in the window? */
    async isThrottled(username: string, ip: string): Promise<boolean> {
      const since = new Date(Date.now() - THROTTLE.windowMinutes * 60_000)
      const count = async (cond: ReturnType<typeof eq>) =>
        (
          await db
            .select({ n: sql<number>`count(*)` })
            .from(loginAttempt)
            .where(and(cond, eq(loginAttempt.succeeded, false), gt(loginAttempt.at, since)))
        )[0].n
      return (
        Number(await count(eq(loginAttempt.username, username.trim().toLowerCase()))) >= THROTTLE.maxPerUser ||
        Number(await count(eq(loginAttempt.ip, ip))) >= THROTTLE.maxPerIp
      )
    },

    /**
     * Checks credentials. Records the attempt; a success also writes a sign-in audit event.
     * Returns the principal, or undefined (wrong password, unknown or disabled user).
     */
    async authenticate(username: string, password: string, ip: string, requestId?: string) {
      const name = username.trim().toLowerCase()
      const u = await this.findByUsername(name)
      const ok = Boolean(u && !u.disabledAt && (await verifyPassword(password, u.passwordHash)))
      await db.transaction(async (tx) => {
        await tx.insert(loginAttempt).values({ username: name, ip, succeeded: ok })
        await recordAudit(tx, {
          actor: ok && u ? { id: u.id, name: u.username, role: u.role } : { id: null, name, role: null },
          action: ok ? 'auth.sign-in' : 'auth.sign-in-failed',
          subjectType: 'user',
          subjectId: u?.id,
          requestId,
        })
      })
      return ok && u ? principal(u.id) : undefined
    },

    sessions: {
      /** Creates a session; returns the raw token for the cookie (the store keeps only its hash). */
      async create(userId: number | null, data: Record<string, unknown> = {}) {
        const token = crypto.randomBytes(32).toString('base64url')
        const csrfToken = crypto.randomBytes(24).toString('base64url')
        await db.insert(appSession).values({
          id: sha256(token),
          userId,
          csrfToken,
          data,
          expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
        })
        return { token, csrfToken }
      },
      async get(token: string) {
        const [s] = await db
          .select()
          .from(appSession)
          .where(eq(appSession.id, sha256(token)))
        if (!s || s.expiresAt.getTime() < Date.now()) return undefined
        return s
      },
      async setData(token: string, data: Record<string, unknown>) {
        await db
          .update(appSession)
          .set({ data })
          .where(eq(appSession.id, sha256(token)))
      },
      async destroy(token: string) {
        await db.delete(appSession).where(eq(appSession.id, sha256(token)))
      },
      async purgeExpired() {
        await db.delete(appSession).where(sql`${appSession.expiresAt} < now()`)
      },
    },
  }
}

export type UserService = ReturnType<typeof userService>
