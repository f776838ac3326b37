import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../../../../data/store.ts'
import { memoryApiChildStore } from '../../../../engine/returns/dfeApi/memoryStore.ts'
import { startTestApp } from '../../../../../test/support/app.ts'
import { addApiClient, addLa, DfeSender } from '../../../../../test/support/apiSender.ts'
import {
  countEnums,
  schemaCases,
  validInstance,
  type JsonSchema,
  type Path,
} from '../../../../../test/support/openapiCases.ts'
import { storesUnderTest } from '../../../../../test/support/stores.ts'

// The document as the DfE publishes it, read here on its own: the cases do not come from the code under test.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..')
const doc = JSON.parse(fs.readFileSync(path.join(root, 'data/public/dfe-csc-api-openapi.json'), 'utf8'))
const CSC: JsonSchema & { maxItems: number } = doc.components.schemas.CSC
const childSchema = CSC.items!
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/** The answer's path for a place in child `index`, as the endpoint promises: `[3].a.0.b`. */
const expectedPath = (index: number, p: Path) => `[${index}]${p.map((x) => `.${x}`).join('')}`
const child = (n: number) => ({ ...(validInstance(childSchema, n) as Record<string, unknown>), la_child_id: `GEN${n}` })

describe('POST /children_social_care_data/{la_code}/children: a suite generated from the OpenAPI document', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  let sender: DfeSender

  before(async () => {
    store = await storesUnderTest()[0].open()
    await addLa(store, '330')
    app = await startTestApp(store, {
      apiChildStore: memoryApiChildStore(),
      config: { api: { tokenSeconds: 3600, perMinute: 60_000, burst: 10_000, bodyLimitBytes: 5_000_000 } },
    })
    sender = new DfeSender(app.url, await addApiClient(app.services, '330'))
    assert.equal((await sender.requestToken()).status, 200)
  })
  after(async () => {
    await app?.close()
    await store?.close()
  })

  it('accepts a valid body with every field of the schema filled, answering one UUID receipt per child', async () => {
    const body = [0, 1, 2, 3, 4].map(child)
    const res = await sender.send('330', body)
    assert.equal(res.status, 200, res.text)
    const receipts = res.json as string[]
    assert.equal(receipts.length, 5)
    for (const r of receipts) assert.match(r, UUID)
    assert.equal(new Set(receipts).size, 5)
  })

  it('accepts 100 children and refuses 101 with 413, "Too many records"', async () => {
    const hundred = Array.from({ length: CSC.maxItems }, (_, i) => child(i))
    assert.equal((await sender.send('330', hundred)).status, 200)
    const tooMany = await sender.send('330', [...hundred, child(100)])
    assert.equal(tooMany.status, 413)
    assert.match(tooMany.text, /Too many records: send at most 100/)
  })

  it('refuses a body that is not a list of children', async () => {
    for (const body of [{ la_child_id: 'A1' }, 'children', 12]) {
      const res = await sender.send('330', body)
      assert.equal(res.status, 400, JSON.stringify(body))
      assert.equal((res.json as { errors: { path: string }[] }).errors[0].path, '')
    }
  })

  const cases = schemaCases(childSchema)
  it(`generates the invalid cases from the document (${cases.length}; the document has ${countEnums(doc)} enums)`, () => {
    const names = cases.map((c) => c.name)
    for (const field of ['la_child_id: missing', 'social_care_episodes.0.social_care_episode_id: missing'])
      assert.ok(names.includes(field), field)
    assert.ok(names.some((n) => n.endsWith('date_of_birth: not a date')))
    assert.ok(names.some((n) => n.endsWith('factors: too many items')))
    assert.ok(cases.length > 150, `${cases.length} cases`)
  })

  it('refuses every invalid case with 400, naming the failing child by its index and the place in it', async () => {
    const failures: string[] = []
    for (const [n, c] of cases.entries()) {
      const index = n % 5
      const body = [0, 1, 2, 3, 4].map(child)
      c.mutate(body[index])
      const res = await sender.send('330', body)
      const errors = (res.json as { errors?: { path: string; message: string }[] } | undefined)?.errors ?? []
      const indexes = new Set([...res.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))
      const want = expectedPath(index, c.path)
      if (res.status !== 400) failures.push(`${c.name}: status ${res.status}`)
      else if (!errors.some((e) => e.path === want)) failures.push(`${c.name}: no error at ${want} in ${res.text}`)
      else if (indexes.size !== 1 || !indexes.has(index))
        failures.push(`${c.name}: indexes ${[...indexes]} in ${res.text}`)
      else if (!errors.every((e) => e.message.startsWith(`Child [${index}]: `)))
        failures.push(`${c.name}: ${errors[0].message}`)
    }
    assert.deepEqual(failures, [])
  })
})
