import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../../data/store.ts'
import { publicDataPglite } from '../../../test/support/snapshots.ts'
import { interventionService } from '../interventionService.ts'
import { laProfileService } from '../laProfileService.ts'
import { riskService } from '../riskService.ts'

describe('the register snapshot on the published data', () => {
  let store: Store
  before(async () => {
    store = await publicDataPglite()
  })
  after(async () => store?.close())

  it("gives each LA's inspection history as the intervention service reads it from the store, for a sample of LAs", async () => {
    const profiles = laProfileService(store)
    const intervention = interventionService(store, riskService(store))
    const key = (h: { date: string; framework: string }) => `${h.date}|${h.framework}`
    const sorted = <T extends { date: string; framework: string; judgements: Array<{ area: string }> }>(hs: T[]) =>
      hs
        .map((h) => ({ ...h, judgements: [...h.judgements].sort((a, b) => a.area.localeCompare(b.area)) }))
        .sort((a, b) => key(a).localeCompare(key(b)))
    let inspections = 0
    for (const la of ['330', '331', '202', '872', '420', '941', '886']) {
      const fromMemory = await profiles.inspectionHistory(la)
      const fromStore = await intervention.history(la)
      assert.deepEqual(sorted(fromMemory), sorted(fromStore), la)
      assert.deepEqual(
        fromMemory.map((h) => h.date),
        [...fromMemory.map((h) => h.date)].sort(),
        `${la}: oldest first`,
      )
      inspections += fromMemory.length
    }
    assert.ok(inspections > 30, `only ${inspections} inspections compared`)
  })
})
