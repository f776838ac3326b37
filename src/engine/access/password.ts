import crypto from 'node:crypto'

/** crypto.scrypt as a promise, looked up at each call (so a test can count the password checks made). */
function scrypt(pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(pw, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))),
  )
}
export type PasswordCost = { N: number; r: number; p: number }
/**
 * scrypt's cost for new hashes. `standard` is what every real deployment uses (OWASP's minimum for scrypt: N=2^14,
 * r=8, p=1, about 50 ms a hash here). `test` (N=2^10) is for test runs only, as Django's test settings swap in a fast
 * hasher: a hash carries its own parameters, so checking it costs what it was made with (services/passwordCost.ts
 * chooses: `test` only in a test process).
 */
export const PASSWORD_COSTS = { standard: { N: 16384, r: 8, p: 1 }, test: { N: 1024, r: 8, p: 1 } } as const
const MAXMEM = 64 * 1024 * 1024
const KEYLEN = 64

/** Hashes a password with scrypt; the result carries its parameters and salt. */
export async function hashPassword(password: string, cost: PasswordCost = PASSWORD_COSTS.standard): Promise<string> {
  const salt = crypto.randomBytes(16)
  const key = await scrypt(password, salt, KEYLEN, { ...cost, maxmem: MAXMEM })
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split('$')
  if (scheme !== 'scrypt' || !keyB64) return false
  const expected = Buffer.from(keyB64, 'base64')
  const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  })
  return crypto.timingSafeEqual(key, expected)
}

/** Password policy: at least 12 characters. Returns a message or undefined. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 12) return 'Password must be at least 12 characters'
  return undefined
}
