import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { addMonths, addWorkingDays, bankHolidays, isWorkingDay, workingDaysBetween } from './workingDays.ts'

describe('working days (England and Wales)', () => {
  it('knows the one-off and substitute bank holidays', () => {
    const h = bankHolidays()
    assert.ok(h.has('2011-04-29'), 'royal wedding')
    assert.ok(h.has('2012-06-04') && h.has('2012-06-05'), 'diamond jubilee')
    assert.ok(h.has('2020-05-08'), 'VE day moved the early May holiday')
    assert.ok(h.has('2022-09-19'), 'state funeral')
    assert.ok(h.has('2023-05-08'), 'coronation')
    assert.ok(h.has('2021-12-27') && h.has('2021-12-28'), '25 Dec 2021 was a Saturday: substitutes on 27 and 28 Dec')
    assert.ok(!h.has('2012-05-28'), 'the 2012 late May holiday moved to 4 June')
  })

  it('counts weekends and bank holidays out', () => {
    assert.equal(isWorkingDay('2014-05-23'), true) // Friday
    assert.equal(isWorkingDay('2014-05-24'), false) // Saturday
    assert.equal(isWorkingDay('2014-05-26'), false) // spring bank holiday
  })

  it('adds working days with the start as day 0, rolling a non-working start forward', () => {
    // Friday 23 May 2014 + 1 working day: Mon 26 May is a bank holiday, so Tuesday 27 May.
    assert.equal(addWorkingDays('2014-05-23', 1), '2014-05-27')
    // Saturday start counts from Tuesday 27 May (Monday is a holiday): +1 = Wednesday 28 May.
    assert.equal(addWorkingDays('2014-05-24', 1), '2014-05-28')
    // 15 working days from Monday 1 Dec 2014 (ICPC timescale): Dec 2-5 (4), 8-12 (9), 15-19 (14), 22 (15).
    assert.equal(addWorkingDays('2014-12-01', 15), '2014-12-22')
    // Over Christmas 2014: 22 Dec + 3 = 23, 24, 29 (25, 26 holidays; 27, 28 weekend).
    assert.equal(addWorkingDays('2014-12-22', 3), '2014-12-29')
  })

  it('counts working days between two dates, after the start up to and including the end', () => {
    assert.equal(workingDaysBetween('2014-05-23', '2014-05-27'), 1)
    assert.equal(workingDaysBetween('2014-12-01', '2014-12-22'), 15)
    assert.equal(workingDaysBetween('2014-12-22', '2014-12-22'), 0)
  })

  it('adds months clamped to the end of the month, and refuses years it has no holidays for', () => {
    assert.equal(addMonths('2014-08-31', 6), '2015-02-28')
    assert.equal(addMonths('2016-01-31', 1), '2016-02-29')
    assert.throws(() => isWorkingDay('2031-01-02'), /2010-2030/)
  })
})
