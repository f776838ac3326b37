import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { after, before, describe, it, mock } from 'node:test'
import type { Store } from '../data/store.ts'
import { storesUnderTest } from '../../test/support/stores.ts'
import { userService } from './userService.ts'
import { signInService } from './signInService.ts'
import { auditService } from './auditService.ts'

const PASSWORD = 'correct horse battery staple'

for (const kind of storesUnderTest()) {
  describe(`sign-in checks (${kind.name})`, () => {
    let store: Store
    let clock = new Date('2026-12-04T09:00:00Z')
    const tick = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000))
    let signIns: ReturnType<typeof signInService>
    before(async () => {
      store = await kind.open()
      const users = userService(store)
      for (const username of ['minister', 'owner', 'left', 'spread'])
        await users.add({ username, displayName: username, role: 'national', title: 'Officer', password: PASSWORD })
      await users.disable('left')
      signIns = signInService(store, { now: () => clock })
    })
    after(() => store?.close())

    it('counts concurrent guesses against each other: of 20 at once, only the 3 free ones are checked', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => signIns.attempt('minister', `guess ${i}`, '203.0.113.9')),
      )
      assert.equal(outcomes.filter((o) => o.kind === 'wrong').length, 3)
      assert.equal(outcomes.filter((o) => o.kind === 'wait').length, 17)
      const [row] = await store.query<{ n: string }>(
        `SELECT count(*) AS n FROM login_attempt WHERE username = 'minister' AND NOT succeeded`,
      )
      assert.equal(Number(row.n), 3, 'only the checked guesses are recorded as failures')
    })

    it('makes each later failure wait twice as long, and lets the right password in once the wait is over', async () => {
      const ip = '203.0.113.10'
      for (let i = 0; i < 3; i++) assert.equal((await signIns.attempt('owner', 'wrong one', ip)).kind, 'wrong')
      const waits: number[] = []
      for (let i = 0; i < 4; i++) {
        const refused = await signIns.attempt('owner', PASSWORD, ip)
        assert.equal(refused.kind, 'wait', 'even the right password waits')
        const seconds = refused.kind === 'wait' ? refused.seconds : 0
        waits.push(seconds)
        tick(seconds)
        assert.equal((await signIns.attempt('owner', 'wrong again', ip)).kind, 'wrong')
      }
      assert.deepEqual(waits, [1, 2, 4, 8])
      tick(16)
      assert.deepEqual(await signIns.attempt('owner', PASSWORD, ip), {
        kind: 'signed-in',
        userId: (await userService(store).findByUsername('owner'))!.id,
      })
    })

    it('never keeps the owner out for more than a minute, however many addresses guess their username', async () => {
      for (let i = 0; i < 40; i++) await signIns.attempt('spread', 'guess', `198.51.100.${i}`)
      const owner = await signIns.attempt('spread', PASSWORD, '192.0.2.1')
      assert.equal(owner.kind, 'wait')
      assert.ok(owner.kind === 'wait' && owner.seconds <= 60, `waits ${JSON.stringify(owner)}`)
      tick(60)
      assert.equal((await signIns.attempt('spread', PASSWORD, '192.0.2.1')).kind, 'signed-in')
    })

    it('slows one address trying many usernames after 20 failures', async () => {
      tick(3600)
      const ip = '203.0.113.77'
      for (let i = 0; i < 20; i++) assert.equal((await signIns.attempt(`nobody${i}`, 'guess', ip)).kind, 'wrong')
      assert.equal((await signIns.attempt('nobody-else', 'guess', ip)).kind, 'wait')
      const events = await auditService(store).list({ action: 'auth.sign-in-throttled' })
      assert.ok(
        events.some((e) => e.actorName === 'nobody-else'),
        'a refused attempt is in the audit trail',
      )
    })

    it('does the same password work for unknown and disabled users as for known ones', async () => {
      tick(3600)
      const scrypt = mock.method(crypto, 'scrypt')
      try {
        for (const [username, ip] of [
          ['owner', '192.0.2.50'],
          ['no-such-user', '192.0.2.51'],
          ['left', '192.0.2.52'],
        ]) {
          const before = scrypt.mock.callCount()
          const outcome = await signIns.attempt(username, username === 'left' ? PASSWORD : 'wrong', ip)
          assert.equal(outcome.kind, 'wrong', `${username}: refused`)
          assert.equal(scrypt.mock.callCount() - before, 1, `${username}: one scrypt check`)
        }
      } finally {
        scrypt.mock.restore()
      }
    })
  })
}
