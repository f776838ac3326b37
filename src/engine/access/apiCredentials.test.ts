import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { test } from 'node:test'
import { grantScopes, hashCredential, matchesHash, newCredential } from './apiCredentials.ts'

test('credentials are random, 256-bit, prefixed by kind, and checked against a SHA-256 of themselves', () => {
  const a = newCredential('secret')
  const b = newCredential('secret')
  assert.notEqual(a, b)
  assert.match(a, /^sl_secret_[A-Za-z0-9_-]{43}$/)
  assert.equal(hashCredential(a), crypto.createHash('sha256').update(a).digest('hex'))
  assert.equal(matchesHash(a, hashCredential(a)), true)
  assert.equal(matchesHash(b, hashCredential(a)), false)
  assert.equal(matchesHash(a, 'not-a-hash'), false)
})

test('a token gets the scopes asked for when the client holds them; .default or none gives all it holds', () => {
  const held = ['csc:children:submit']
  assert.deepEqual(grantScopes('api://0a1b2c3d/.default', held), held)
  assert.deepEqual(grantScopes(undefined, held), held)
  assert.deepEqual(grantScopes('  ', held), held)
  assert.deepEqual(grantScopes('csc:children:submit', held), held)
  assert.equal(grantScopes('csc:children:submit plans:edit', held), undefined)
  assert.equal(grantScopes('plans:edit', held), undefined)
})
