import { and, desc, eq, gt, lt, sql, type SQL } from 'drizzle-orm'
import { appUser, loginAttempt } from '../data/schema/core.ts'
import type { Store, Tx } from '../data/store.ts'
import { verifyPassword } from '../engine/access/password.ts'
import { hashNewPassword } from './passwordCost.ts'
import { secondsToWait, SIGN_IN_POLICY, type FailureCount } from '../engine/access/signInPolicy.ts'
import { recordAudit } from './auditService.ts'

/** What a sign-in attempt came to. */
export type SignInOutcome =
  { kind: 'signed-in'; userId: number } | { kind: 'wrong' } | { kind: 'wait'; seconds: number }

/** An attempt either owes a wait, or is recorded (as a failure until its password matches) and may be checked. */
type Reservation = { kind: 'wait'; seconds: number } | { kind: 'reserved'; attemptId: number }

/** One key for every sign-in's bookkeeping, so counting and recording an attempt is atomic across processes. */
const SIGN_IN_LOCK = 7_331_401

let dummyHash: Promise<string> | undefined
/** A hash to check unknown and disabled users' passwords against, so they take as long as known ones. */
function dummy() {
  dummyHash ??= hashNewPassword('not a password: compared so unknown users take as long as known ones')
  return dummyHash
}

async function count(tx: Tx, where: SQL | undefined): Promise<FailureCount> {
  const [row] = await tx
    .select({ failures: sql<number>`count(*)`, last: sql<string | null>`max(${loginAttempt.at})` })
    .from(loginAttempt)
    .where(and(where, eq(loginAttempt.succeeded, false)))
  return { failures: Number(row.failures), lastFailureAt: row.last ? new Date(row.last) : undefined }
}

/**
 * Sign-in checks: growing waits after failures (engine/access/signInPolicy.ts), counted per username and address
 * atomically (the attempt is recorded, under one advisory lock, before its password is checked, so concurrent guesses
 * count against each other), and the same password work for unknown, disabled and known users.
 */
export function signInService(store: Store, options: { now?: () => Date } = {}) {
  const db = store.db
  const now = options.now ?? (() => new Date())

  /** Counts the recent failures and, unless a wait is owed, records this attempt as a failure until it succeeds. */
  async function reserve(name: string, ip: string, at: Date): Promise<Reservation> {
    return db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${SIGN_IN_LOCK})`)
      const since = new Date(at.getTime() - SIGN_IN_POLICY.windowMinutes * 60_000)
      const [lastSuccess] = await tx
        .select({ at: loginAttempt.at })
        .from(loginAttempt)
        .where(and(eq(loginAttempt.username, name), eq(loginAttempt.ip, ip), eq(loginAttempt.succeeded, true)))
        .orderBy(desc(loginAttempt.at))
        .limit(1)
      const pairSince = lastSuccess && lastSuccess.at > since ? lastSuccess.at : since
      const wait = secondsToWait(
        {
          pair: await count(
            tx,
            and(eq(loginAttempt.username, name), eq(loginAttempt.ip, ip), gt(loginAttempt.at, pairSince)),
          ),
          address: await count(tx, and(eq(loginAttempt.ip, ip), gt(loginAttempt.at, since))),
          username: await count(tx, and(eq(loginAttempt.username, name), gt(loginAttempt.at, since))),
        },
        at,
      )
      if (wait > 0) return { kind: 'wait', seconds: wait }
      const [row] = await tx
        .insert(loginAttempt)
        .values({ username: name, ip, succeeded: false, at })
        .returning({ id: loginAttempt.id })
      return { kind: 'reserved', attemptId: row.id }
    })
  }

  return {
    /** Forgets attempts older than a day: only the last `windowMinutes` count (the audit trail keeps every attempt). */
    async forgetOld(): Promise<number> {
      const before = new Date(now().getTime() - 24 * 3600_000)
      return (await db.delete(loginAttempt).where(lt(loginAttempt.at, before)).returning({ id: loginAttempt.id }))
        .length
    },

    /** Checks a username and password from an address; records the attempt and an audit event either way. */
    async attempt(username: string, password: string, ip: string, requestId?: string): Promise<SignInOutcome> {
      const name = username.trim().toLowerCase()
      const at = now()
      const reserved = await reserve(name, ip, at)
      if (reserved.kind === 'wait') {
        await db.transaction((tx) =>
          recordAudit(tx, {
            actor: { id: null, name, role: null },
            action: 'auth.sign-in-throttled',
            subjectType: 'user',
            requestId,
          }),
        )
        return reserved
      }
      const [u] = await db.select().from(appUser).where(eq(appUser.username, name))
      const usable = Boolean(u && !u.disabledAt)
      const matches = await verifyPassword(password, usable ? u.passwordHash : await dummy())
      const ok = usable && matches
      await db.transaction(async (tx) => {
        if (ok) await tx.update(loginAttempt).set({ succeeded: true }).where(eq(loginAttempt.id, reserved.attemptId))
        await recordAudit(tx, {
          actor: ok ? { id: u.id, name: u.username, role: u.role } : { id: null, name, role: null },
          action: ok ? 'auth.sign-in' : 'auth.sign-in-failed',
          subjectType: 'user',
          subjectId: u?.id,
          requestId,
        })
      })
      return ok ? { kind: 'signed-in', userId: u.id } : { kind: 'wrong' }
    },
  }
}

export type SignInService = ReturnType<typeof signInService>
