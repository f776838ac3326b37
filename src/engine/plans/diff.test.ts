import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { displayValue, fieldLabel, readableDiff, wordDiff } from './diff.ts'

describe('readable diff', () => {
  it('lists changed fields in words, ignoring version', () => {
    const changes = readableDiff(
      { title: 'Audit', dueDate: '2014-07-01', ownerId: 3, version: 1, ragOverride: null },
      { title: 'Audit', dueDate: '2014-07-15', ownerId: 4, version: 2, ragOverride: 'green' },
    )
    assert.deepEqual(
      changes.map((c) => c.text),
      ['Due date: 1 July 2014 → 15 July 2014', 'Owner ID: 3 → 4', 'RAG override: (none) → green'],
    )
  })

  it('labels and values read as people write them', () => {
    assert.equal(fieldLabel('ragOverrideReason'), 'RAG override reason')
    assert.equal(displayValue('2014-05-23'), '23 May 2014')
    assert.equal(displayValue(''), '(none)')
    assert.equal(displayValue(true), 'Yes')
  })

  it('treats a created record as every field added', () => {
    assert.deepEqual(
      readableDiff(null, { title: 'New' }).map((c) => c.text),
      ['Title: (none) → New'],
    )
  })

  it('gives long texts a word diff', () => {
    const before =
      'Managers do not check that plans for children are specific, measurable and reviewed on time by the team.'
    const after =
      'Managers do not check that plans for children in need are specific, measurable and reviewed within timescales by the team.'
    const [c] = readableDiff({ text: before }, { text: after })
    assert.equal(c.text, 'Text changed')
    assert.deepEqual(c.words, [
      { op: 'same', text: 'Managers do not check that plans for children' },
      { op: 'add', text: 'in need' },
      { op: 'same', text: 'are specific, measurable and reviewed' },
      { op: 'del', text: 'on time' },
      { op: 'add', text: 'within timescales' },
      { op: 'same', text: 'by the team.' },
    ])
  })

  it('word diff of identical text is one same run', () => {
    assert.deepEqual(wordDiff('a b c', 'a b c'), [{ op: 'same', text: 'a b c' }])
  })
})
