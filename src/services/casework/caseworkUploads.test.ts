import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { storesUnderTest } from '../../../test/support/stores.ts'
import type { IngestResult } from '../../engine/casework/ingest.ts'
import { SYSTEM_ACTOR } from '../auditService.ts'
import { caseworkService, uploadRecords } from './caseworkService.ts'
import { caseworkUploads, INTERRUPTED_MESSAGE, type UploadRecords } from './caseworkUploads.ts'

// A stand-in ingest drives the status (the real one would need a casework store); the status goes through the
// operational store exactly as the service's own uploads save it, and a new service instance is the restarted process.
const files = [{ fileName: 'cin.xml', path: '/nowhere/cin.xml' }]
const done: IngestResult = {
  snapshotId: 7,
  records: { child: 3, referral: 4 },
  issues: { errors: 1, warnings: 2 },
  rejected: null,
}

/** Waits until the saved status of the upload has reached this state (saves are asynchronous). */
async function saved(records: UploadRecords, id: string, state: string) {
  for (let i = 0; i < 200; i++) {
    if ((await records.find(id))?.state === state) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`upload ${id} was never saved as ${state}`)
}

for (const s of storesUnderTest()) {
  describe(`casework upload status survives a restart (${s.name})`, () => {
    it('an upload read to the end is shown as it ended by a process started afterwards', async () => {
      const store = await s.open()
      try {
        const uploads = caseworkUploads(
          async (_la, _files, o) => {
            o.onProgress?.(1, 1, 'cin.xml')
            return done
          },
          { records: uploadRecords(store.db) },
        )
        const job = uploads.start('330', files, { asAt: '2014-03-31', actor: SYSTEM_ACTOR })
        await uploads.idle()
        const restarted = caseworkService({ dataDir: '/nowhere', db: store.db }).uploads
        const after = await restarted.get('330', job.id)
        assert.equal(after?.state, 'complete')
        assert.deepEqual(after?.result, done)
        assert.deepEqual(after?.fileNames, ['cin.xml'])
        assert.equal(after?.asAt, '2014-03-31')
        assert.equal(after?.createdBy, SYSTEM_ACTOR.name)
        assert.equal(await restarted.get('201', job.id), undefined, 'another LA does not see it')
        assert.equal(await restarted.get('330', 'no-such-upload'), undefined)
      } finally {
        await store.close()
      }
    })

    it('uploads queued or being read when the process stops are failed on the next start, saying why', async () => {
      const store = await s.open()
      try {
        const records = uploadRecords(store.db)
        const dying = caseworkUploads(
          (_la, _files, o) => {
            o.onProgress?.(0, 2, 'cin.xml')
            return new Promise<IngestResult>(() => undefined) // the process stops while this is read
          },
          { records },
        )
        const reading = dying.start('330', files, { actor: SYSTEM_ACTOR })
        const queued = dying.start('330', files, { actor: SYSTEM_ACTOR })
        await saved(records, reading.id, 'reading')
        await saved(records, queued.id, 'queued')
        const restarted = caseworkService({ dataDir: '/nowhere', db: store.db }).uploads
        for (const id of [reading.id, queued.id]) {
          const job = await restarted.get('330', id)
          assert.equal(job?.state, 'failed', id)
          assert.equal(job?.failure, INTERRUPTED_MESSAGE)
          assert.match(job!.failure!, /interrupted by a restart .*upload the files again/)
          assert.ok(job?.finishedAt)
        }
        // An upload started after the restart is not taken for an interrupted one.
        const after = caseworkUploads(async () => done, { records: uploadRecords(store.db) })
        const next = after.start('330', files, { actor: SYSTEM_ACTOR })
        await after.idle()
        assert.equal((await records.find(next.id))?.state, 'complete')
      } finally {
        await store.close()
      }
    })
  })
}
