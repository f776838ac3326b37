// The report reader against every hand-made ground-truth file kept with the corpus reports in
// test/fixtures/ofsted-reports-corpus (the 17 of test/fixtures/ofsted-reports are asserted in parseReport.test.ts):
// exact on each, field by field, with the page of every judgement and recommendation.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { parseOfstedReport } from '../../src/engine/inspections/index.ts'
import { truthDifferences, type Truth } from './truth.ts'

const DIR = path.resolve(import.meta.dirname, '..', 'fixtures', 'ofsted-reports-corpus')
const truths = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.truth.json'))
  .sort()

describe('Ofsted report reader against the ground truth of the corpus reports', () => {
  it('has a truth file for at least 65 corpus reports, in every layout family', () => {
    assert.ok(truths.length >= 65, `only ${truths.length} truth files`)
  })

  for (const file of truths) {
    it(`${file.replace('.truth.json', '.pdf')} is read exactly as its truth file says`, async () => {
      const truth: Truth = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'))
      const pdf = fs.readFileSync(path.join(DIR, file.replace('.truth.json', '.pdf')))
      const reading = await parseOfstedReport(new Uint8Array(pdf))
      assert.deepEqual(truthDifferences(reading, truth), [])
    })
  }
})
