import { z } from 'zod'
import { requiredText } from '../../../engine/forms/fields.ts'
import { describeWait } from '../../../engine/access/signInPolicy.ts'
import type { SignInService } from '../../signInService.ts'
import { InputError, defineCommand } from '../command.ts'

export const SIGN_IN_MESSAGES = {
  usernameRequired: 'Enter your username',
  passwordRequired: 'Enter your password',
  wrong: 'The username or password is not right',
  /** After failed attempts, the wait before the next one is checked (engine/access/signInPolicy.ts). */
  throttled: (seconds: number) => `Too many attempts to sign in. ${describeWait(seconds)} and try again.`,
}

/** Who is signing in, as far as the service can tell before they have. */
export interface SignInAttempt {
  ip: string
  requestId?: string
}

/** Checks a username and password (with growing waits per username and address); the user's id, or an InputError. */
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
  async run(deps: { signIns: SignInService }, input, attempt: SignInAttempt) {
    const outcome = await deps.signIns.attempt(input.username, input.password, attempt.ip, attempt.requestId)
    if (outcome.kind === 'wait') throw InputError.field('username', SIGN_IN_MESSAGES.throttled(outcome.seconds))
    if (outcome.kind === 'wrong') throw InputError.field('username', SIGN_IN_MESSAGES.wrong)
    return outcome.userId
  },
})
