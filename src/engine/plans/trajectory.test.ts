import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseMonth, parseTarget, parseTrajectory } from './trajectory.ts'

describe('a trajectory typed or pasted from a spreadsheet', () => {
  it('takes one column of targets, month by month from the first month', () => {
    assert.deepEqual(parseTrajectory('65\n70%\r\n\n75\n1,250\n', '2014-11'), {
      ok: true,
      points: [
        { month: '2014-11-01', value: 65 },
        { month: '2014-12-01', value: 70 },
        { month: '2015-01-01', value: 75 },
        { month: '2015-02-01', value: 1250 },
      ],
    })
  })

  it('takes two columns pasted from a spreadsheet (tab-separated month and target), in any order', () => {
    assert.deepEqual(parseTrajectory('May 2014\t70\nApr 2014\t65\n06/2014\t72.5', ''), {
      ok: true,
      points: [
        { month: '2014-04-01', value: 65 },
        { month: '2014-05-01', value: 70 },
        { month: '2014-06-01', value: 72.5 },
      ],
    })
    assert.deepEqual(parseTrajectory('2014-04, 65', ''), { ok: true, points: [{ month: '2014-04-01', value: 65 }] })
  })

  it('names the line and what is wrong with it', () => {
    assert.deepEqual(parseTrajectory('65\nseventy', '2014-04'), {
      ok: false,
      field: 'trajectory',
      message: 'Line 2: “seventy” is not a number: enter one target per line, for example 75',
    })
    assert.deepEqual(parseTrajectory('65\n70', ''), {
      ok: false,
      field: 'trajectoryFrom',
      message: 'Enter the month of the first target, for example 2014-04, or put a month before each value',
    })
    assert.deepEqual(parseTrajectory('Apr 2014\t65\nApril 2014\t66', ''), {
      ok: false,
      field: 'trajectory',
      message: 'Line 2: 2014-04 has two targets: enter each month once',
    })
    assert.equal(
      (parseTrajectory('Smarch 2014\t65', '') as { message: string }).message,
      'Line 1: “Smarch 2014” is not a month: enter it as 2014-04 or Apr 2014',
    )
    assert.equal(parseTrajectory('65', '2014-13').ok, false)
  })

  it('reads months and targets as spreadsheets write them', () => {
    assert.deepEqual(
      ['2014-04', '2014-04-30', '4/2014', 'Apr 2014', 'april 2014', 'Apr-14', '2014-13', 'Smarch 2014'].map(parseMonth),
      ['2014-04-01', '2014-04-01', '2014-04-01', '2014-04-01', '2014-04-01', '2014-04-01', undefined, undefined],
    )
    assert.deepEqual(['75', '75%', '1,250', ' -2.5 ', '7 5', ''].map(parseTarget), [
      75,
      75,
      1250,
      -2.5,
      undefined,
      undefined,
    ])
  })
})
