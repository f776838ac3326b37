import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { endingProblem, statusOn, type RegisterEvent } from './events.ts'

const ev = (id: number, kind: RegisterEvent['kind'], date: string): RegisterEvent => ({ id, kind, date })

describe('interventions register', () => {
  it("Birmingham's status through the years", () => {
    const events = [
      ev(1, 'improvement-notice-issued', '2009-02-01'),
      ev(2, 'direction-issued', '2014-03-27'),
      ev(3, 'commissioner-appointed', '2014-03-27'),
      ev(4, 'direction-replaced', '2015-12-17'),
      ev(5, 'alternative-delivery-live', '2018-04-01'),
      ev(6, 'direction-revoked', '2023-05-26'),
    ]
    assert.equal(statusOn(events, '2008-12-31'), 'none')
    assert.equal(statusOn(events, '2012-01-01'), 'improvement-notice')
    assert.equal(statusOn(events, '2014-05-23'), 'statutory-direction')
    assert.equal(statusOn(events, '2016-06-01'), 'statutory-direction')
    assert.equal(statusOn(events, '2019-01-01'), 'alternative-delivery')
  })
  it('refuses a direction revoked before it was issued, or never issued', () => {
    const events = [ev(1, 'direction-issued', '2014-03-27')]
    assert.match(
      endingProblem('direction-revoked', '2014-01-01', events)!,
      /before the statutory direction was issued \(2014-03-27\)/,
    )
    assert.equal(endingProblem('direction-revoked', '2015-01-01', events), undefined)
    assert.match(
      endingProblem('improvement-notice-lifted', '2015-01-01', events)!,
      /no improvement notice issued is recorded/,
    )
    assert.equal(endingProblem('commissioner-appointed', '2015-01-01', []), undefined)
  })
})
