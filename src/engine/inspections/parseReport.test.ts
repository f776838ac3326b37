import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { parseDateRange, parseOfstedReport, ReportParseError } from './index.ts'

const DIR = path.resolve('test/fixtures/ofsted-reports')
const truthOf = (pdf: string) => JSON.parse(fs.readFileSync(path.join(DIR, pdf.replace('.pdf', '.truth.json')), 'utf8'))
const pdfs = fs.readdirSync(DIR).filter((f) => f.endsWith('.pdf')).sort()

/** Reports this first version reads completely (ILACS inspections and focused visits); the rest are SIF or older. */
const READ_FULLY = [
  'barnsley_2024-12-05_focused-visit.pdf',
  'cheshire-west-and-chester_2019-05-08_inspection.pdf',
  'derby_2022-05-11_inspection.pdf',
  'dudley_2020-11-27_focused-visit.pdf',
  'medway_2019-08-27_inspection.pdf',
  'norfolk_2019-10-31_focused-visit.pdf',
  'norfolk_2023-01-13_inspection.pdf',
  'plymouth_2023-01-30_focused-visit.pdf',
  'st-helens_2019-11-04_inspection.pdf',
]

describe('Ofsted report reader against the ground truth', () => {
  it('has all 17 real reports', () => assert.equal(pdfs.length, 17))

  for (const pdf of pdfs) {
    it(`${pdf}: framework and inspection dates`, async () => {
      const r = await parseOfstedReport(new Uint8Array(fs.readFileSync(path.join(DIR, pdf))))
      const truth = truthOf(pdf)
      assert.equal(r.framework, truth.framework)
      assert.ok(r.inspectionStart, 'inspection start date read')
      if (!READ_FULLY.includes(pdf)) assert.ok(r.flags.length > 0, 'what is not read is flagged for the reviewer, never left silently empty')
    })
  }

  for (const pdf of READ_FULLY) {
    it(`${pdf}: every judgement and exactly the recommendations (count, numbers, categories, text)`, async () => {
      const r = await parseOfstedReport(new Uint8Array(fs.readFileSync(path.join(DIR, pdf))))
      const truth = truthOf(pdf)
      const expectedJudgements = Object.entries(truth.judgements as Record<string, string>).map(([area, grade]) => [area, grade.replace(' to be good', '')]).sort()
      assert.deepEqual(r.judgements.map((j) => [j.area, j.grade]).sort(), expectedJudgements)
      assert.deepEqual(
        r.recommendations.map((x) => [x.number, x.category]),
        truth.recommendations.map((x: { number: string | null; category: string }) => [x.number, x.category]),
      )
      // Truth keeps the first 80 characters of each recommendation.
      r.recommendations.forEach((x, i) => assert.ok(x.text.startsWith(truth.recommendations[i].text.slice(0, 60)), `${x.text} vs ${truth.recommendations[i].text}`))
    })
  }

  it('reads date ranges as Ofsted writes them', () => {
    assert.deepEqual(parseDateRange('Inspection dates: 7 to 18 November 2022'), ['2022-11-07', '2022-11-18'])
    assert.deepEqual(parseDateRange('15 July 2019 to 26 July 2019'), ['2019-07-15', '2019-07-26'])
    assert.deepEqual(parseDateRange('on 13 and 14 December 2022'), ['2022-12-13', '2022-12-14'])
  })

  it('refuses a file that is not a PDF, a damaged PDF, and a PDF that is not an Ofsted report', async () => {
    await assert.rejects(parseOfstedReport(new Uint8Array(Buffer.from('PK\u0003\u0004 a zip'))), (e: unknown) => e instanceof ReportParseError && e.code === 'not-pdf')
    await assert.rejects(parseOfstedReport(new Uint8Array(Buffer.from('%PDF-1.4\n garbage garbage'))), (e: unknown) => e instanceof ReportParseError && ['corrupt', 'no-text'].includes(e.code))
    const board = fs.readFileSync(path.resolve('data/demo/2014-05-23-timpson-to-bore.pdf'))
    await assert.rejects(parseOfstedReport(new Uint8Array(board)), (e: unknown) => e instanceof ReportParseError && e.code === 'not-ofsted')
  })
})
