import { z } from 'zod'
import { hashNewPassword } from '../../passwordCost.ts'
import { findUserByUsername, updateUserAndEndSessions } from '../../../data/repositories/userRepository.ts'
import type { DbOrTx, Store } from '../../../data/store.ts'
import { recordAudit, type Actor } from '../../auditService.ts'
import { InputError, defineCommand } from '../command.ts'
import { USER_MESSAGES, passwordField, usernameField } from './addUser.ts'

async function existing(tx: DbOrTx, username: string) {
  const user = await findUserByUsername(tx, username)
  if (!user) throw InputError.field('username', USER_MESSAGES.noSuchUser(username))
  return user
}

/** Disables an account and ends its sessions at once. */
export const disableUserCommand = defineCommand({
  name: 'users.disable',
  permission: 'users:manage',
  schema: z.object({ username: usernameField }).strict(),
  async run(deps: { store: Store }, input, actor: Actor): Promise<void> {
    await deps.store.db.transaction(async (tx) => {
      const user = await existing(tx, input.username)
      await updateUserAndEndSessions(tx, user, { disabledAt: new Date() })
      await recordAudit(tx, {
        actor,
        action: 'user.disable',
        subjectType: 'user',
        subjectId: user.id,
        before: { disabled: user.disabled },
        after: { disabled: true },
      })
    })
  },
})

/** Sets a new password and ends the account's sessions. */
export const resetPasswordCommand = defineCommand({
  name: 'users.reset-password',
  permission: 'users:manage',
  schema: z.object({ username: usernameField, password: passwordField }).strict(),
  async run(deps: { store: Store }, input, actor: Actor): Promise<void> {
    const passwordHash = await hashNewPassword(input.password)
    await deps.store.db.transaction(async (tx) => {
      const user = await existing(tx, input.username)
      await updateUserAndEndSessions(tx, user, { passwordHash })
      await recordAudit(tx, { actor, action: 'user.reset-password', subjectType: 'user', subjectId: user.id })
    })
  },
})
