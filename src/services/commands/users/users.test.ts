import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../../../data/store.ts'
import { storesUnderTest } from '../../../../test/support/stores.ts'
import { userService, type NewUser } from '../../userService.ts'
import { InputError } from '../command.ts'
import { USER_MESSAGES } from './addUser.ts'

const GOOD: NewUser = {
  username: 'Jo.Bloggs',
  displayName: 'Jo Bloggs',
  role: 'local',
  title: 'Improvement lead',
  password: 'a long enough password',
  laCodes: ['330', '330'],
}

/** The field errors a call threw, in order; fails if it did not throw an InputError. */
async function fieldErrors(call: Promise<unknown>): Promise<[string, string][]> {
  const err = await call.then(
    () => assert.fail('expected an InputError'),
    (e: unknown) => e,
  )
  assert.ok(err instanceof InputError, `an InputError, not ${String(err)}`)
  return err.errors.map((e) => [e.field, e.message])
}

for (const s of storesUnderTest()) {
  describe(`account commands (${s.name})`, () => {
    let store: Store
    let users: ReturnType<typeof userService>
    const count = async () => Number((await store.query<{ n: string }>('SELECT count(*) AS n FROM app_user'))[0].n)
    before(async () => {
      store = await s.open()
      users = userService(store)
    })
    after(() => store?.close())

    it('adds an account: username in lower case, LA scope without repeats, an audit event, no hash given out', async () => {
      const added = await users.add(GOOD)
      assert.deepEqual(
        { username: added.username, role: added.role, laScope: added.laScope, isAdmin: added.isAdmin },
        { username: 'jo.bloggs', role: 'local', laScope: ['330'], isAdmin: false },
      )
      const found = await users.findByUsername(' JO.BLOGGS ')
      assert.equal(found?.id, added.id)
      assert.ok(found && !('passwordHash' in found), 'the password hash never leaves the repository')
      const events = await store.query<{ action: string }>("SELECT action FROM audit_event WHERE action = 'user.add'")
      assert.equal(events.length, 1)
    })

    it('refuses bad input field by field, in form order, and stores nothing', async () => {
      const before = await count()
      const errors = await fieldErrors(
        users.add({
          username: 'x!',
          displayName: ' ',
          email: 'not-an-email',
          role: 'emperor' as NewUser['role'],
          title: '',
          password: 'short',
          laCodes: ['33'],
        }),
      )
      assert.deepEqual(
        errors.map(([f]) => f),
        ['username', 'displayName', 'email', 'role', 'title', 'password', 'laCodes.0'],
      )
      assert.deepEqual(errors[0], ['username', USER_MESSAGES.usernameShape])
      assert.deepEqual(errors[5], ['password', 'Password must be at least 12 characters'])
      assert.equal(await count(), before)
    })

    it('needs an LA for an LA-scoped role, and refuses a username already taken', async () => {
      assert.deepEqual(await fieldErrors(users.add({ ...GOOD, username: 'no.la', laCodes: [] })), [
        ['laCodes', USER_MESSAGES.laMissing('local')],
      ])
      assert.deepEqual(await fieldErrors(users.add(GOOD)), [['username', USER_MESSAGES.usernameTaken('jo.bloggs')]])
    })

    it('disables an account: its sessions end and it no longer signs in; an unknown username is named', async () => {
      const user = await users.add({ ...GOOD, username: 'to.disable' })
      const { token } = await users.sessions.create(user.id)
      await users.disable('to.disable')
      assert.equal(await users.sessions.get(token), undefined)
      assert.equal(await users.principal(user.id), undefined)
      assert.deepEqual(await fieldErrors(users.disable('nobody.here')), [
        ['username', USER_MESSAGES.noSuchUser('nobody.here')],
      ])
    })

    it('resets a password only to one the policy accepts, ending the sessions', async () => {
      const user = await users.add({ ...GOOD, username: 'to.reset' })
      const { token } = await users.sessions.create(user.id)
      assert.deepEqual(await fieldErrors(users.resetPassword('to.reset', 'short')), [
        ['password', 'Password must be at least 12 characters'],
      ])
      assert.ok(await users.sessions.get(token), 'a refused reset changes nothing')
      await users.resetPassword('to.reset', 'another long password')
      assert.equal(await users.sessions.get(token), undefined)
    })
  })
}
