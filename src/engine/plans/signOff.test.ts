import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { signOffGaps, signOffRefusal, type SignOffModel } from './signOff.ts'

const model = (explained: boolean[], statuses: string[] = []): SignOffModel => ({
  items: explained.map((e, i) => ({ id: i + 1, reference: String(24 + i), explained: e })),
  commitments: statuses.map((status, i) => ({
    id: 100 + i,
    title: `Commitment ${i + 1}`,
    dueDate: '2014-06-13',
    status,
    summary: '9 of 16 recommendations have an action with an owner and a due date',
  })),
})

describe('sign-off gaps', () => {
  it('finds nothing missing when every recommendation is explained and no commitment is overdue', () => {
    assert.deepEqual(signOffGaps(model([true, true], ['met', 'open'])), [])
  })

  it('lists each unexplained recommendation and each overdue commitment, in plain English', () => {
    const m = model([true, false, false], ['met', 'overdue', 'open'])
    const gaps = signOffGaps(m)
    assert.deepEqual(
      gaps.map((g) => g.text),
      [
        'Recommendation 25 has no agreed analysis of its underlying issues',
        'Recommendation 26 has no agreed analysis of its underlying issues',
        '“Commitment 2” was due on 13 June 2014 and is not met (9 of 16 recommendations have an action with an owner and a due date)',
      ],
    )
    assert.equal(
      signOffRefusal(m, gaps, 'submitted'),
      'The plan cannot be submitted yet: 2 recommendations have no agreed analysis of the underlying issues (25, 26); ' +
        'and 1 commitment is overdue and not met: “Commitment 2” was due on 13 June 2014 and is not met (9 of 16 ' +
        'recommendations have an action with an owner and a due date)',
    )
  })

  it('names at most eight references and counts the rest', () => {
    const m = model(Array.from({ length: 11 }, () => false))
    assert.match(
      signOffRefusal(m, signOffGaps(m), 'accepted'),
      /^This submission cannot be accepted yet: 11 recommendations have no agreed analysis of the underlying issues \(24, 25, 26, 27, 28, 29, 30, 31 and 3 more\)$/,
    )
  })
})
