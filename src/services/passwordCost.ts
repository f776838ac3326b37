import { hashPassword, PASSWORD_COSTS, type PasswordCost } from '../engine/access/password.ts'

/**
 * The scrypt cost for passwords hashed now: the standard one, except in a test process (NODE_ENV=test) that asks for the
 * cheap one (SIGHTLINE_PASSWORD_COST=test, which scripts/run-tests.mjs sets: the suite hashes and checks a few hundred
 * passwords). Anywhere else, development and production included, the variable is ignored. Read at each call, so a
 * test can check both.
 */
export function passwordCost(env: NodeJS.ProcessEnv = process.env): PasswordCost {
  return env.SIGHTLINE_PASSWORD_COST === 'test' && env.NODE_ENV === 'test'
    ? PASSWORD_COSTS.test
    : PASSWORD_COSTS.standard
}

/** Hashes a password being stored now, at the cost passwordCost() chooses: what every service that stores one calls. */
export const hashNewPassword = (password: string) => hashPassword(password, passwordCost())
