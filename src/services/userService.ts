import type { Store } from '../data/store.ts'
import { addScope, listUsers, scopeOf, userWithScope, type UserWithScope } from '../data/repositories/userRepository.ts'
import { findUserByUsername } from '../data/repositories/userRepository.ts'
import { isLaScoped, type Principal, type Role } from '../engine/access/permissions.ts'
import { sessionService } from './sessionService.ts'
import { recordAudit, SYSTEM_ACTOR, type Actor } from './auditService.ts'
import { execute } from './commands/command.ts'
import { addUserCommand } from './commands/users/addUser.ts'
import { disableUserCommand, resetPasswordCommand } from './commands/users/changeAccount.ts'

/** What `add` takes: the addUserCommand's input (checked by its schema, the only check). */
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

/**
 * Accounts: who is signed in (`principal`, on every request), the list, and the account commands (add, disable,
 * reset password: src/services/commands/users/), which throw an InputError naming the field on bad input.
 */
export function userService(store: Store) {
  const deps = { store }

  async function principal(userId: number): Promise<Principal | undefined> {
    return principalOf(await userWithScope(store, userId))
  }

  /** The principal of a user already read (the session's lookup reads it with the session), or undefined if disabled. */
  function principalOf(u: UserWithScope | undefined): Principal | undefined {
    if (!u || u.disabled) return undefined
    const { id, username, displayName, title, isAdmin } = u
    const role = u.role as Role
    return { id, username, displayName, role, title, isAdmin, laScope: isLaScoped(role) ? u.laCodes : null }
  }

  return {
    principal,
    principalOf,

    async add(input: NewUser, actor: Actor = SYSTEM_ACTOR): Promise<Principal> {
      const id = await execute(addUserCommand, deps, input, actor)
      return (await principal(id))!
    },

    list: async () => (await listUsers(store.db)).map((u) => ({ ...u, role: u.role as Role })),

    findByUsername: (username: string) => findUserByUsername(store.db, username.trim().toLowerCase()),

    /** Appoints an LA-scoped user to one more LA (national roles see every LA already), with an audit event. */
    async grantLaScope(userId: number, laCode: string, reason: string, actor: Actor = SYSTEM_ACTOR) {
      await store.db.transaction(async (tx) => {
        const scope = await scopeOf(tx, userId)
        if (!scope.length || scope.includes(laCode)) return
        await addScope(tx, userId, laCode)
        const after = { laCode, reason }
        await recordAudit(tx, {
          actor,
          action: 'user.scope.add',
          subjectType: 'user',
          subjectId: userId,
          laCode,
          after,
        })
      })
    },

    disable: (username: string, actor: Actor = SYSTEM_ACTOR) => execute(disableUserCommand, deps, { username }, actor),

    resetPassword: (username: string, password: string, actor: Actor = SYSTEM_ACTOR) =>
      execute(resetPasswordCommand, deps, { username, password }, actor),

    sessions: sessionService(store),
  }
}

export type UserService = ReturnType<typeof userService>
