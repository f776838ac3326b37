import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../data/store.ts'
import { storesUnderTest } from '../../test/support/stores.ts'
import { seedBirmingham2014 } from './demo/seedBirmingham2014.ts'
import { interventionRegisterService } from './interventionRegisterService.ts'
import { fileOutbox, sendDailyDigest } from './notificationService.ts'
import { userService } from './userService.ts'

describe('daily digest to the outbox', () => {
  let store: Store
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-outbox-'))
  before(async () => {
    store = await storesUnderTest()[0].open()
    await store.query(
      `INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan District', true), ('331', 'E08000026', 'Coventry', 'West Midlands', 'Metropolitan District', true)`,
    )
    await seedBirmingham2014(store)
  })
  after(async () => {
    await store?.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('writes one message per user with what is overdue and due soon in their scope, and none for users with nothing', async () => {
    const users = userService(store)
    await users.add({
      username: 'lead330',
      displayName: 'Lead',
      role: 'local',
      title: 'Improvement lead',
      password: 'a long password 1',
      laCodes: ['330'],
    })
    await users.add({
      username: 'lead331',
      displayName: 'Other',
      role: 'local',
      title: 'Improvement lead',
      password: 'a long password 2',
      laCodes: ['331'],
    })
    const files = await sendDailyDigest(
      users,
      interventionRegisterService(store),
      fileOutbox(dir, '2014-07-15'),
      '2014-07-15',
    )
    assert.equal(files.length, 1, 'Coventry has nothing due, so only the Birmingham user gets a digest')
    const text = fs.readFileSync(files[0], 'utf8')
    assert.match(text, /^To: lead330\r\n/)
    assert.match(text, /Overdue \(0\)/)
    assert.match(text, /Sightline daily digest for Lead, 15 July 2014\n/, 'dates as people read them, never ISO')
    assert.match(text, /Due in the next 14 days \(2\):\n- 22 July 2014  Commitment: Revised improvement plan/)
    assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/)
  })
})
