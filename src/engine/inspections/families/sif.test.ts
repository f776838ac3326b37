// The SIF family's front-page overall judgement and the LSCB review's bulleted list, on real reports from the corpus
// fixtures (truth by the truth developer) and on small synthetic front pages for the sentence forms.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { parseOfstedReport } from '../index.ts'
import { reportText } from '../reportText.ts'
import { sifJudgements } from './sif.ts'

const CORPUS = path.resolve('test/fixtures/ofsted-reports-corpus')
const read = (file: string) => parseOfstedReport(new Uint8Array(fs.readFileSync(path.join(CORPUS, file))))
const truthOf = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(CORPUS, file.replace('.pdf', '.truth.json')), 'utf8'))

const overallOf = (lines: string[]) =>
  sifJudgements(reportText(lines)).judgements.find((j) => j.area === 'Overall judgement')?.grade ?? null

describe('SIF overall judgement', () => {
  it('reads the sentence forms of the front page, taking its first grade', () => {
    assert.equal(overallOf(['Children’s services in Thurrock require improvement to be good']), 'Requires improvement')
    assert.equal(overallOf(['The overall judgement is that children’s services are inadequate']), 'Inadequate')
    // wrapped over two rows; the next row's earlier grade must not be taken
    assert.equal(overallOf(['Children’s services in the London Borough of Hammersmith and', 'Fulham are good']), 'Good')
    assert.equal(
      overallOf(['Children’s services in West Berkshire are good', 'were found to require improvement']),
      'Good',
    )
    assert.equal(overallOf(['Nothing about the overall judgement here']), null)
  })

  it('reads the overall judgement of real SIF reports as the truth has it', async () => {
    for (const file of ['hammersmith-and-fulham_2016-03-29_inspection.pdf', 'thurrock_2016-05-24_inspection.pdf']) {
      const report = await read(file)
      const overall = report.judgements.find((j) => j.area === 'Overall judgement')
      assert.equal(overall?.grade, truthOf(file).judgements['Overall judgement'], file)
      assert.equal(overall?.page, 1, file)
    }
  })
})

describe('SIF LSCB review published on its own (Surrey 2015)', () => {
  it('reads its eight bulleted recommendations to the board, on page 6, and flags why there are no judgements', async () => {
    const file = 'surrey_2015-08-03_inspection.pdf'
    const report = await read(file)
    const truth = truthOf(file)
    assert.equal(report.family, 'SIF LSCB review')
    assert.deepEqual(
      report.recommendations.map((r) => [r.category, r.addressee, r.page, r.text.slice(0, 80)]),
      truth.recommendations.map((r: Record<string, unknown>) => [r.category, r.addressee, r.page, r.text]),
    )
    assert.deepEqual(report.judgements, [])
    const flag = report.flags.find((f) => f.field === 'judgements')
    assert.match(flag?.message ?? '', /Local Safeguarding Children Board only/)
    assert.equal(flag?.page, 1)
    assert.equal(report.lscbJudgement, truth.lscb_judgement)
  })
})

const asTruth = (r: { number: string | null; category: string; addressee?: string; page?: number; text: string }) => [
  r.number,
  r.category,
  r.addressee,
  r.page,
  r.text.replace(/\s+/g, ' ').slice(0, 80),
]

describe('SIF recommendation lists', () => {
  for (const [file, why] of [
    ['sheffield_2014-02-21_inspection.pdf', '"There are no areas for priority or immediate action" is not an item'],
    [
      'lewisham_2016-01-20_inspection.pdf',
      'the board section opens at the heading "The Local Safeguarding Children Board"',
    ],
    ['stoke-on-trent_2015-08-12_inspection.pdf', 'the board section opens at its heading: items 144-150 to the board'],
  ])
    it(`${file}: exactly the truth's list (${why})`, async () => {
      const report = await read(file)
      assert.deepEqual(report.recommendations.map(asTruth), truthOf(file).recommendations.map(asTruth))
    })
})
