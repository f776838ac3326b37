import assert from 'node:assert/strict'
import { test } from 'node:test'
import { hashPassword, PASSWORD_COSTS, verifyPassword } from '../engine/access/password.ts'
import { passwordCost } from './passwordCost.ts'

test('new passwords get the standard scrypt cost unless a test process asks for the cheap one', () => {
  assert.deepEqual(passwordCost({}), { N: 16384, r: 8, p: 1 })
  assert.deepEqual(passwordCost({ NODE_ENV: 'development' }), PASSWORD_COSTS.standard)
  assert.deepEqual(passwordCost({ SIGHTLINE_PASSWORD_COST: 'test', NODE_ENV: 'test' }), PASSWORD_COSTS.test)
  assert.deepEqual(passwordCost({ SIGHTLINE_PASSWORD_COST: 'test', NODE_ENV: 'production' }), PASSWORD_COSTS.standard)
  assert.deepEqual(passwordCost({ SIGHTLINE_PASSWORD_COST: 'test', NODE_ENV: 'development' }), PASSWORD_COSTS.standard)
  assert.deepEqual(passwordCost({ SIGHTLINE_PASSWORD_COST: 'test' }), PASSWORD_COSTS.standard)
  assert.deepEqual(passwordCost({ SIGHTLINE_PASSWORD_COST: 'cheap', NODE_ENV: 'test' }), PASSWORD_COSTS.standard)
})

test('a hash carries its cost: each checks the right password and refuses a wrong one', async () => {
  const standard = await hashPassword('correct horse battery staple')
  assert.match(standard, /^scrypt\$16384\$8\$1\$/)
  const cheap = await hashPassword('correct horse battery staple', PASSWORD_COSTS.test)
  assert.match(cheap, /^scrypt\$1024\$8\$1\$/)
  for (const stored of [standard, cheap]) {
    assert.equal(await verifyPassword('correct horse battery staple', stored), true)
    assert.equal(await verifyPassword('correct horse battery stapler', stored), false)
  }
})
