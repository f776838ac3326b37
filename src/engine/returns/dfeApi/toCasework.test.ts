import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { before, test } from 'node:test'
import type { CaseworkRecord } from '../../casework/model.ts'
import { loadPublicFigures } from '../../simulate/calibration.ts'
import { memoryOutput } from '../../simulate/output.ts'
import { parseProfiles } from '../../simulate/profiles.ts'
import { simulate } from '../../simulate/run.ts'
import { validateChildren, type ApiChild } from './schema.ts'
import { caseworkRecords } from './toCasework.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..')
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of the simulator's bodies, read loosely
type Json = Record<string, any>
let children: Json[]

before(async () => {
  const pf = loadPublicFigures((f) => fs.readFileSync(path.join(root, 'data', 'public', f), 'utf8'))
  const out = memoryOutput()
  const o = { las: ['330'], asAt: '2014-03-31', years: 1, seed: '3', scale: 0.02, formats: ['dfe-api-json' as const] }
  await simulate({ ...o, profiles: parseProfiles('birmingham-2014') }, pf, out)
  children = [...out.files.entries()]
    .filter(([k]) => k.startsWith('dfe-api/'))
    .flatMap(([, v]) => JSON.parse(v.toString()) as Json[])
})

const recordsOf = (list: Json[]) => list.flatMap((c) => caseworkRecords(c as unknown as ApiChild).records)
const countOf = (records: CaseworkRecord[], entity: CaseworkRecord['entity']) =>
  records.filter((r) => r.entity === entity).length
/** Items of a list inside each episode, counted straight from the JSON. */
const inEpisodes = (key: string) =>
  children.flatMap((c) => c.social_care_episodes as Json[]).flatMap((e) => (e[key] as Json[] | undefined) ?? [])

test("maps the simulator's API bodies to one canonical record per item of the JSON", () => {
  assert.ok(children.length > 100)
  const records = recordsOf(children)
  assert.equal(countOf(records, 'child'), children.length)
  const episodes = children.flatMap((c) => c.social_care_episodes as Json[])
  assert.equal(countOf(records, 'referral'), episodes.length)
  assert.equal(countOf(records, 'assessment'), inEpisodes('child_and_family_assessments').length)
  const factors = inEpisodes('child_and_family_assessments').flatMap((a) => (a.factors as Json[]) ?? [])
  assert.equal(countOf(records, 'assessmentFactor'), factors.length)
  assert.equal(countOf(records, 'section47'), inEpisodes('section_47_assessments').length)
  assert.equal(countOf(records, 'cpPlan'), inEpisodes('child_protection_plans').length)
  assert.equal(countOf(records, 'cinPlan'), inEpisodes('child_in_need_plans').length)
  assert.equal(countOf(records, 'lacEpisode'), inEpisodes('child_looked_after_placements').length)
  assert.equal(countOf(records, 'allocation'), inEpisodes('care_worker_details').length)
  const dob = String((children[0].child_details as Json).date_of_birth)
  const child = records.find((r) => r.entity === 'child' && r.row.childId === children[0].la_child_id) as Extract<
    CaseworkRecord,
    { entity: 'child' }
  >
  assert.deepEqual([child.row.birthMonth, child.row.birthDate], [dob.slice(0, 7), dob])
})

test('drops names, postcodes and UPNs, and leaves out what a purge flag removes', () => {
  const c = structuredClone(
    children.find((x) => (x.social_care_episodes as Json[]).some((e) => (e.child_protection_plans as Json[]).length))!,
  )
  const details = c.child_details as Json
  Object.assign(details, {
    first_name: 'Zebedee',
    surname: 'Quillfeather',
    postcode: 'ZZ9 9ZZ',
    unique_pupil_number: 'A123456789012',
  })
  const episode = (c.social_care_episodes as Json[]).find((e) => (e.child_protection_plans as Json[]).length)!
  ;(episode.child_protection_plans as Json[])[0].purge = true
  assert.deepEqual(validateChildren([c]), [], 'still a valid body')
  const text = JSON.stringify(caseworkRecords(c as unknown as ApiChild).records)
  for (const s of ['Zebedee', 'Quillfeather', 'ZZ9 9ZZ', 'A123456789012']) assert.ok(!text.includes(s), s)
  const before = countOf(recordsOf([children.find((x) => x.la_child_id === c.la_child_id)!]), 'cpPlan')
  assert.equal(countOf(caseworkRecords(c as unknown as ApiChild).records, 'cpPlan'), before - 1)

  details.purge = true
  const [childRow] = caseworkRecords(c as unknown as ApiChild).records
  assert.deepEqual(
    Object.entries(childRow.row).filter(([, v]) => v !== null),
    [['childId', c.la_child_id]],
    'child_details.purge removes the personal details, the child stays',
  )
  assert.ok(
    caseworkRecords(c as unknown as ApiChild).records.some((r) => r.entity === 'referral'),
    'its social care stays',
  )
})
