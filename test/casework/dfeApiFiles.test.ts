import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { freshStore, ingest, simulatedLa } from './support.ts'

type Obj = Record<string, unknown>
const list = (v: unknown) => (Array.isArray(v) ? (v as Obj[]) : [])
const one = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? [v as Obj] : list(v).slice(0, 1))

/** What the store must hold, counted over the JSON bodies by plain JSON.parse (never the reader). */
function independentCounts(children: Obj[]) {
  const episodes = children.flatMap((c) => list(c.social_care_episodes))
  const assessments = episodes.flatMap((e) => list(e.child_and_family_assessments))
  const workers = episodes.flatMap((e) => list(e.care_worker_details)).filter((w) => w.worker_id)
  const counts: Record<string, number> = {
    child: new Set(children.map((c) => c.la_child_id)).size,
    referral: episodes.length,
    allocation: workers.length,
    assessment: assessments.length,
    assessmentFactor: assessments.flatMap((a) => list(a.factors)).length,
    cinPlan: episodes.flatMap((e) => list(e.child_in_need_plans)).length,
    section47: episodes.flatMap((e) => list(e.section_47_assessments)).length,
    cpPlan: episodes.flatMap((e) => list(e.child_protection_plans)).length,
    lacEpisode: episodes.flatMap((e) => list(e.child_looked_after_placements)).length,
    adoption: episodes.flatMap((e) => one(e.adoption)).length,
    careLeaver: episodes.flatMap((e) => one(e.care_leavers)).length,
    worker: new Set(workers.map((w) => w.worker_id)).size,
  }
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0))
}

test('simulator DfE CSC API bodies as files: every entity counted equals a plain JSON count, no errors', async () => {
  const dir = path.join(await simulatedLa(), 'dfe-api')
  const files = fs.readdirSync(dir).map((f) => path.join(dir, f))
  assert.ok(files.length >= 2, `${files.length} bodies`)
  const children = files.flatMap((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as Obj[])
  const store = await freshStore('330')
  const r = await ingest(store, '2014-03-31', ...files)
  assert.equal(r.rejected, null)
  assert.equal(r.issues.errors, 0)
  assert.deepEqual(r.records, independentCounts(children))
  store.close()
})
