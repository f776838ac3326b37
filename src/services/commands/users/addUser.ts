import { z } from 'zod'
import { passwordProblem } from '../../../engine/access/password.ts'
import { hashNewPassword } from '../../passwordCost.ts'
import { isLaScoped, ROLES } from '../../../engine/access/permissions.ts'
import { oneOf, optionalText, requiredText } from '../../../engine/forms/fields.ts'
import { findUserByUsername, insertUser } from '../../../data/repositories/userRepository.ts'
import type { Store } from '../../../data/store.ts'
import { recordAudit, type Actor } from '../../auditService.ts'
import { InputError, defineCommand } from '../command.ts'

export const USER_MESSAGES = {
  usernameMissing: 'Enter a username',
  usernameShape: 'The username must be 3 to 40 letters, numbers, dots, dashes or underscores',
  usernameTaken: (username: string) => `A user called ${username} already exists`,
  displayNameMissing: 'Enter the full name shown in the service',
  emailShape: 'Enter an email address in the correct format, like name@example.gov.uk',
  roleMissing: `Select a role: one of ${ROLES.join(', ')}`,
  titleMissing: 'Enter a job title',
  passwordMissing: 'Enter a password',
  passwordTooLong: 'The password must be 200 characters or less',
  laCodeShape: 'Each local authority code is 3 digits, like 330',
  laMissing: (role: string) => `A ${role} user must be given at least one local authority`,
  noSuchUser: (username: string) => `No user called ${username}`,
}

/** A username as stored: trimmed, lower case, 3 to 40 of a-z 0-9 . _ - */
export const usernameField = requiredText({ label: 'the username', missing: USER_MESSAGES.usernameMissing, max: 40 })
  .transform((v) => v.toLowerCase())
  .refine((v) => /^[a-z0-9._-]{3,40}$/.test(v), USER_MESSAGES.usernameShape)

/** A new password: the policy's message (engine/access/password.ts) when it falls short. */
export const passwordField = z
  .unknown()
  .transform((v) => (typeof v === 'string' ? v : ''))
  .pipe(z.string().min(1, USER_MESSAGES.passwordMissing).max(200, USER_MESSAGES.passwordTooLong))
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

/** Adds an account, with its LA scope for LA-scoped roles, and an audit event. */
export const addUserCommand = defineCommand({
  name: 'users.add',
  permission: 'users:manage',
  schema: z
    .object({
      username: usernameField,
      displayName: requiredText({ label: 'the full name', missing: USER_MESSAGES.displayNameMissing, max: 200 }),
      email: optionalText({ label: 'the email address', max: 320 }).refine(
        (v) => v === null || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
        USER_MESSAGES.emailShape,
      ),
      role: oneOf(ROLES, USER_MESSAGES.roleMissing),
      title: requiredText({ label: 'the job title', missing: USER_MESSAGES.titleMissing, max: 200 }),
      isAdmin: z.boolean().default(false),
      password: passwordField,
      laCodes: z
        .array(
          z
            .string()
            .trim()
            .regex(/^\d{3}$/, USER_MESSAGES.laCodeShape),
        )
        .default([])
        .transform((codes) => [...new Set(codes)]),
    })
    .strict()
    .superRefine((input, ctx) => {
      if (isLaScoped(input.role) && input.laCodes.length === 0)
        ctx.addIssue({ code: 'custom', path: ['laCodes'], message: USER_MESSAGES.laMissing(input.role) })
    }),
  async run(deps: { store: Store }, input, actor: Actor): Promise<number> {
    const passwordHash = await hashNewPassword(input.password)
    const laCodes = isLaScoped(input.role) ? input.laCodes : []
    return deps.store.db.transaction(async (tx) => {
      if (await findUserByUsername(tx, input.username))
        throw InputError.field('username', USER_MESSAGES.usernameTaken(input.username))
      const { password: _password, ...shown } = input
      const id = await insertUser(tx, { ...shown, passwordHash, laCodes })
      await recordAudit(tx, {
        actor,
        action: 'user.add',
        subjectType: 'user',
        subjectId: id,
        after: { username: input.username, role: input.role, title: input.title, isAdmin: input.isAdmin, laCodes },
      })
      return id
    })
  },
})
