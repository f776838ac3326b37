import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatDate, readableDates } from './dates.ts'

describe('dates as people read them', () => {
  it('writes an ISO date as GOV.UK does', () => {
    assert.equal(formatDate('2014-07-22'), '22 July 2014')
    assert.equal(formatDate(''), '')
  })

  it('rewrites every ISO date inside a text, and nothing that only looks like one', () => {
    assert.equal(
      readableDates('DEC 2021-12-12 is after the as-at date (2014-03-31)'),
      'DEC 12 December 2021 is after the as-at date (31 March 2014)',
    )
    assert.equal(readableDates('code 2014-13-01 and 12014-03-310'), 'code 2014-13-01 and 12014-03-310')
    assert.equal(readableDates(null), '')
    assert.equal(readableDates(42), '42')
  })
})
