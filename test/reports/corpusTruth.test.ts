// The report reader against every hand-made ground-truth file kept with the corpus reports in
// test/fixtures/ofsted-reports-corpus (the 17 of test/fixtures/ofsted-reports are asserted in parseReport.test.ts):
// exact on each, field by field, with the page of every judgement and recommendation. And against the peer scraper's
// CSV on every row whose report is kept here, as corrected by the hand-made peer-check.json where the peer is wrong.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import Papa from 'papaparse'
import { parseOfstedReport } from '../../src/engine/inspections/index.ts'
import { peerDifferences, truthDifferences, type PeerRow, type Truth } from './truth.ts'

const DIR = path.resolve(import.meta.dirname, '..', 'fixtures', 'ofsted-reports-corpus')
const truths = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.truth.json'))
  .sort()
/** Each report is read once in this file: the peer rows below are reports that also have a truth file. */
const readings = new Map<string, ReturnType<typeof parseOfstedReport>>()
const read = (pdf: string) => {
  if (!readings.has(pdf)) readings.set(pdf, parseOfstedReport(new Uint8Array(fs.readFileSync(path.join(DIR, pdf)))))
  return readings.get(pdf)!
}

describe('Ofsted report reader against the ground truth of the corpus reports', () => {
  it('has a truth file for at least 65 corpus reports', () => {
    assert.ok(truths.length >= 65, `only ${truths.length} truth files`)
  })

  for (const file of truths) {
    it(`${file.replace('.truth.json', '.pdf')} is read exactly as its truth file says`, async () => {
      const truth: Truth = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'))
      assert.deepEqual(truthDifferences(await read(file.replace('.truth.json', '.pdf')), truth), [])
    })
  }
})

const csv = Papa.parse<PeerRow>(fs.readFileSync(path.join(DIR, 'd2i-latest-ilacs-judgements.csv'), 'utf8'), {
  header: true,
  skipEmptyLines: true,
}).data
const verdicts = JSON.parse(fs.readFileSync(path.join(DIR, 'peer-check.json'), 'utf8')).rows as Array<{
  file: string
  differences: Array<{ field: string; report: string }>
}>
const kept = csv.filter((row) => fs.existsSync(path.join(DIR, row.file)))

describe('Ofsted report reader against the peer scraper (Data to Insight ILACS CSV)', () => {
  it('keeps the reports of a good part of the CSV here', () => assert.ok(kept.length >= 15, `only ${kept.length}`))

  for (const row of kept) {
    const corrections = verdicts.find((v) => v.file === row.file)!.differences
    const why = corrections.length ? ` (the peer is wrong on ${corrections.map((c) => c.field).join(', ')})` : ''
    it(`${row.file}: agrees with the peer's row${why}`, async () => {
      const corrected = { ...row, ...Object.fromEntries(corrections.map((c) => [c.field, c.report])) }
      assert.deepEqual(peerDifferences(await read(row.file), corrected), [])
    })
  }
})
