import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import type { CaseworkService } from '../casework/caseworkService.ts'
import { knownNotWorkedService, nearestSnapshot } from './knownNotWorked.ts'

const snap = (snapshotId: number, asAt: string, status = 'complete') => ({ snapshotId, asAt, status })

describe('known but not worked: which casework snapshot the risk page uses', () => {
  it('takes the complete snapshot nearest 31 March of the year, the earlier on a tie', () => {
    const all = [snap(1, '2013-04-30'), snap(2, '2014-02-28'), snap(3, '2014-04-10'), snap(4, '2014-03-31', 'rejected')]
    assert.equal(nearestSnapshot(all, 2014)?.snapshotId, 3, '10 days after beats 31 days before; rejected is skipped')
    assert.equal(nearestSnapshot(all, 2013)?.snapshotId, 1)
    assert.equal(nearestSnapshot(all, 2020)?.snapshotId, 3, 'far from every snapshot: still the nearest')
    assert.equal(nearestSnapshot([snap(5, '2014-03-21'), snap(6, '2014-04-10')], 2014)?.snapshotId, 5, 'tie')
    assert.equal(nearestSnapshot([snap(7, '2014-03-31', 'building')], 2014), undefined)
    assert.equal(nearestSnapshot([], 2014), undefined)
  })

  it('says "none" for an LA with no casework file, without opening or creating a store', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-knw-'))
    const casework = {
      snapshots: async () => assert.fail('no casework store should be opened'),
    } as unknown as CaseworkService
    assert.equal(await knownNotWorkedService(casework, dataDir)('330', 2014), null)
    assert.equal(fs.existsSync(path.join(dataDir, 'casework')), false)
    fs.rmSync(dataDir, { recursive: true })
  })
})
