import crypto from 'node:crypto'

/**
 * Credentials of machine clients (client secret, supplier key, access token): random 256-bit values, so a plain
 * SHA-256 at rest is enough (a slow password hash guards against guessing low-entropy passwords, which these are not)
 * and a token can be checked on every request without slowing the endpoint.
 */
export const API_SCOPES = {
  /** Submit child-level records through the DfE CSC API (`POST .../children`). */
  cscSubmit: 'csc:children:submit',
} as const
export type ApiScope = (typeof API_SCOPES)[keyof typeof API_SCOPES]
export const ALL_API_SCOPES: ApiScope[] = Object.values(API_SCOPES)

/** @example newCredential('secret') // 'sl_secret_V1StGXR8_Z5jdHi6B-myT...' */
export function newCredential(kind: 'id' | 'secret' | 'supplier' | 'token'): string {
  const bytes = kind === 'id' ? 9 : 32
  return `sl_${kind}_${crypto.randomBytes(bytes).toString('base64url')}`
}

export function hashCredential(value: string): string {
  return crypto.createHash('sha256').update(value, 'utf8').digest('hex')
}

/** Compares a presented credential with a stored hash in constant time. */
export function matchesHash(value: string, storedHash: string): boolean {
  const a = Buffer.from(hashCredential(value), 'hex')
  const b = Buffer.from(storedHash, 'hex')
  return a.length === b.length && crypto.timingSafeEqual(a, b)
}

/**
 * The scopes a token request is granted, or undefined when it asks for one the client does not hold. An empty scope,
 * or an Azure-style `<resource>/.default` (what DfE senders send), grants everything the client holds.
 * @example grantScopes('api://dfe-csc/.default', ['csc:children:submit']) // ['csc:children:submit']
 */
export function grantScopes(requested: string | undefined, held: readonly string[]): string[] | undefined {
  const asked = (requested ?? '').split(/\s+/).filter(Boolean)
  if (!asked.length || asked.every((s) => s === '.default' || s.endsWith('/.default'))) return [...held]
  return asked.every((s) => held.includes(s)) ? [...new Set(asked)] : undefined
}
