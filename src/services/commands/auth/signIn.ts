import { z } from 'zod'
import { requiredText } from '../../../engine/forms/fields.ts'
import type { userService } from '../../userService.ts'
import { InputError, defineCommand } from '../command.ts'

export const SIGN_IN_MESSAGES = {
  usernameRequired: 'Enter your username',
  passwordRequired: 'Enter your password',
  wrong: 'The username or password is not right',
  throttled: 'Too many attempts to sign in. Wait 15 minutes and try again.',
}

/** Who is signing in, as far as the service can tell before they have. */
export interface SignInAttempt {
  ip: string
  requestId?: string
}

/** Checks a username and password (throttled per username and address); the signed-in user's id, or an InputError. */
export const signInCommand = defineCommand({
  name: 'sign-in',
  permission: 'public',
  schema: z
    .object({
      username: requiredText({ label: 'your username', missing: SIGN_IN_MESSAGES.usernameRequired, max: 100 }),
      password: z
        .unknown()
        .transform((v) => (typeof v === 'string' ? v : ''))
        .pipe(
          z.string().min(1, SIGN_IN_MESSAGES.passwordRequired).max(200, 'Your password must be 200 characters or less'),
        ),
    })
    .strict(),
  async run(deps: { users: ReturnType<typeof userService> }, input, attempt: SignInAttempt) {
    if (await deps.users.isThrottled(input.username, attempt.ip))
      throw InputError.field('username', SIGN_IN_MESSAGES.throttled)
    const user = await deps.users.authenticate(input.username, input.password, attempt.ip, attempt.requestId)
    if (!user) throw InputError.field('username', SIGN_IN_MESSAGES.wrong)
    return user.id
  },
})
