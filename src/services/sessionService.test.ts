import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../data/store.ts'
import { storesUnderTest } from '../../test/support/stores.ts'
import { sessionService } from './sessionService.ts'
import { userService } from './userService.ts'

describe('sessions end when idle, and ended ones are purged', () => {
  let store: Store
  let clock = new Date('2026-12-04T09:00:00Z')
  const tick = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000))
  let sessions: ReturnType<typeof sessionService>
  let userId: number
  before(async () => {
    store = await storesUnderTest()[0].open()
    const user = await userService(store).add({
      username: 'officer',
      displayName: 'Officer',
      role: 'national',
      title: 'Officer',
      password: 'a long enough password',
    })
    userId = user.id
    sessions = sessionService(store, { now: () => clock })
  })
  after(() => store?.close())

  const rows = async () => Number((await store.query<{ n: string }>('SELECT count(*) AS n FROM app_session'))[0].n)

  it('keeps a signed-in session in use, and ends it after 30 minutes without a request', async () => {
    const { token } = await sessions.create(userId)
    for (let i = 0; i < 12; i++) {
      tick(25)
      assert.ok(await sessions.get(token), `still signed in after ${(i + 1) * 25} minutes of use`)
    }
    tick(31)
    assert.equal(await sessions.get(token), undefined, 'ended after 31 idle minutes')
  })

  it('ends a signed-in session 8 hours after sign-in however busy', async () => {
    const { token } = await sessions.create(userId)
    for (let i = 0; i < 16; i++) {
      tick(29)
      assert.ok(await sessions.get(token))
    }
    tick(29)
    assert.equal(await sessions.get(token), undefined)
  })

  it("purges visitors' sessions an hour after they were made, so sign-in page views do not pile up", async () => {
    await store.query('DELETE FROM app_session')
    for (let i = 0; i < 50; i++) await sessions.create(null)
    const { token } = await sessions.create(userId)
    assert.equal(await rows(), 51)
    tick(20)
    assert.ok(await sessions.get(token))
    assert.equal(await sessions.purgeExpired(), 0, 'nothing has ended yet')
    tick(20)
    assert.ok(await sessions.get(token))
    tick(25)
    assert.equal(await sessions.purgeExpired(), 50, "the 50 visitors' sessions are gone")
    assert.equal(await rows(), 1, 'the signed-in one in use stays')
  })
})
