// The reader's self-checks on small hand-made readings: each doubt becomes a flag on its field with the page to look at.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  crossReferenceFlags,
  judgementRowFlags,
  numberingFlags,
  requiredFieldFlags,
  statedCountFlags,
} from './checks.ts'
import { sif } from './families/sif.ts'
import { ilacsStandard } from './families/ilacs.ts'
import { sifRecommendations } from './families/sifLists.ts'
import { bulletRecommendations } from './families/bullets.ts'
import type { Recommendation } from './model.ts'
import { reportText } from './reportText.ts'

const rec = (number: string | null, page: number, addressee: Recommendation['addressee'] = 'local authority') => ({
  number,
  category: 'Recommendations',
  addressee,
  text: 'Ensure that every child in care has an up-to-date plan.',
  page,
})

describe('report self-checks', () => {
  it('flags a gap or a step back in paragraph numbers, per addressee, on the page of the item', () => {
    const flags = numberingFlags([rec('1', 5), rec('2', 5), rec('4', 6), rec('90', 30, 'safeguarding board')])
    assert.deepEqual(
      flags.map((f) => [f.field, f.page]),
      [['recommendations.2.number', 6]],
    )
    assert.match(flags[0].message, /Paragraph 2 is followed by 4: one recommendation may have been missed/)
    assert.deepEqual(
      numberingFlags([rec('3', 5), rec('2', 5)])[0].message,
      'Paragraph 2 follows 3: check the numbering against the report',
    )
    assert.deepEqual(numberingFlags([rec('7', 5), rec('8', 5), rec(null, 6)]), [])
  })

  it('flags a list that does not hold the count the report states, on the page that states it', () => {
    const doc = reportText(['Title', '\f', 'This report makes three recommendations.', '\f'])
    const flags = statedCountFlags(doc, [rec('1', 2), rec('2', 2)])
    assert.deepEqual(
      flags.map((f) => [f.field, f.page, f.message]),
      [['recommendations', 2, 'The report says it makes 3 recommendations; 2 were read']],
    )
    assert.deepEqual(statedCountFlags(doc, [rec('1', 2), rec('2', 2), rec('3', 2)]), [])
  })

  it('flags a "(Recommendation N)" cross-reference to an item not read, and "(Recommendation)" tags with no list', () => {
    const doc = reportText([
      'Title',
      '\f',
      'Plans are weak (Recommendations 2 and 5).',
      '\f',
      'Visits lapse (Recommendation)',
      '\f',
    ])
    const flags = crossReferenceFlags(doc, [rec('1', 2), rec('2', 2)])
    assert.deepEqual(
      flags.map((f) => [f.field, f.page]),
      [['recommendations', 2]],
    )
    assert.match(flags[0].message, /cites recommendation 5/)
    const none = crossReferenceFlags(doc, [])
    assert.ok(
      none.some((f) => f.page === 3 && /tags findings “\(Recommendation\)” but no recommendations/.test(f.message)),
    )
  })

  it('flags each judgement row its framework requires and the LSCB grade, on the judgement table page', () => {
    const doc = reportText(['Review of the effectiveness of the Local Safeguarding Children Board', '\f'])
    const reading = {
      judgements: [
        { area: 'Overall judgement', grade: 'Inadequate', page: 1 },
        { area: 'Children who need help and protection', grade: 'Inadequate', page: 1 },
      ],
      lscbJudgement: null,
      lscbJudgementPage: null,
      recommendations: [rec('1', 4)],
      flags: [],
    }
    const flags = requiredFieldFlags(sif, doc, reading)
    const judgements = flags.find((f) => f.field === 'judgements')!
    assert.equal(judgements.page, 1)
    assert.match(judgements.message, /children looked after, adoption performance, care leavers, leadership/)
    assert.ok(flags.some((f) => f.field === 'lscbJudgement' && f.page === 1))
    const ilacs = requiredFieldFlags(ilacsStandard, doc, { ...reading, judgements: [] })
    assert.match(ilacs.find((f) => f.field === 'judgements')!.message, /overall effectiveness/)
  })

  it('flags a judgement area that holds two table rows run together', () => {
    const flags = judgementRowFlags([
      { area: 'Children who need help and protection', grade: 'Good', page: 1 },
      {
        area: 'Children who need help and protection Requires improvement to be good 2. Children looked after',
        grade: 'Good',
        page: 1,
      },
    ])
    assert.deepEqual(
      flags.map((f) => [f.field, f.page]),
      [['judgements.1.area', 1]],
    )
  })

  it('flags a list heading followed by no item, with its page', () => {
    const numbered = reportText(['Title', '\f', 'Recommendations', 'The board has done well.', '\f'])
    assert.deepEqual(
      sifRecommendations(numbered).flags.map((f) => [f.field, f.page]),
      [['recommendations', 2]],
    )
    // The report says the list is empty: no flag.
    const empty = reportText(['Title', '\f', 'Priority and immediate action', 'There are no priority actions.', '\f'])
    assert.deepEqual(sifRecommendations(empty).flags, [])
    const bulleted = reportText(['Title', '\f', 'Findings', '\f', 'What needs to improve?', 'Findings', '\f'])
    assert.deepEqual(
      bulletRecommendations(bulleted).flags.map((f) => [f.field, f.page]),
      [['recommendations', 3]],
    )
  })

  it('reads a bulleted SIF list as un-numbered items of its heading (Hillingdon 2014 layout)', () => {
    const doc = reportText([
      'Title',
      '\f',
      'Areas for improvement',
      '• Improve the quality of audit so that it drives',
      'performance management.',
      '• Maintain efforts to recruit staff.',
      'Information about this inspection',
      '\f',
    ])
    const { recommendations } = sifRecommendations(doc)
    assert.deepEqual(
      recommendations.map((r) => [r.number, r.category, r.text, r.page]),
      [
        [null, 'Areas for improvement', 'Improve the quality of audit so that it drives performance management.', 2],
        [null, 'Areas for improvement', 'Maintain efforts to recruit staff.', 2],
      ],
    )
  })
})
