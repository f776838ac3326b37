import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { describeStanding, endingProblem, standingOn, statusOn, type RegisterEvent } from './events.ts'

const ev = (id: number, kind: RegisterEvent['kind'], date: string, title?: string): RegisterEvent => ({
  id,
  kind,
  date,
  title,
})

/** Birmingham's register as domain.md §3 records it. */
const BIRMINGHAM = [
  ev(1, 'improvement-notice-issued', '2009-02-01'),
  ev(2, 'direction-issued', '2014-03-27'),
  ev(3, 'commissioner-appointed', '2014-03-27'),
  ev(4, 'direction-replaced', '2015-12-17'),
  ev(5, 'partner-council-assigned', '2015-12-17'),
  ev(6, 'alternative-delivery-live', '2018-04-01', "Birmingham Children's Trust starts"),
  ev(7, 'direction-revoked', '2023-05-26', 'Direction lifted; new 10-year contract with the trust'),
]
const COMMISSIONERS = [
  {
    name: 'Lord Norman Warner',
    role: "Commissioner for Children's Social Care",
    startDate: '2014-03-27',
    endDate: '2015-12-16',
  },
  { name: 'Andrew Christie', role: "Commissioner for Children's Social Care", startDate: '2015-12-17', endDate: null },
]

describe('interventions register: two facts side by side', () => {
  it("Birmingham's intervention in force through the years", () => {
    assert.equal(statusOn(BIRMINGHAM, '2008-12-31'), 'none')
    assert.equal(statusOn(BIRMINGHAM, '2012-01-01'), 'improvement-notice')
    assert.equal(statusOn(BIRMINGHAM, '2014-05-23'), 'statutory-direction', 'the direction supersedes the notice')
    assert.equal(statusOn(BIRMINGHAM, '2019-02-01'), 'statutory-direction', 'the trust does not end the direction')
    assert.equal(statusOn(BIRMINGHAM, '2023-05-26'), 'none', 'revoking the direction leaves nothing in force')
  })

  it('the delivery arrangement outlives the intervention', () => {
    assert.equal(standingOn(BIRMINGHAM, '2018-03-31').delivery.kind, 'in-house')
    const now = standingOn(BIRMINGHAM, '2026-12-03', COMMISSIONERS)
    assert.equal(now.intervention.kind, 'none')
    assert.equal(now.delivery.kind, 'trust')
    assert.equal(now.delivery.since, '2018-04-01')
    const words = describeStanding(now)
    assert.match(words.intervention, /^No intervention in force \(since 26 May 2023: Direction lifted/)
    assert.match(
      words.delivery,
      /^Services delivered by a trust since 1 April 2018 \(Birmingham Children's Trust starts\)/,
    )
  })

  it('names the commissioner in post under a direction', () => {
    assert.equal(standingOn(BIRMINGHAM, '2014-05-23', COMMISSIONERS).intervention.commissioner, 'Lord Norman Warner')
    assert.equal(standingOn(BIRMINGHAM, '2017-01-01', COMMISSIONERS).intervention.commissioner, 'Andrew Christie')
    assert.match(
      describeStanding(standingOn(BIRMINGHAM, '2017-01-01', COMMISSIONERS)).intervention,
      /commissioner: Andrew Christie/,
    )
  })

  it('a decision of no intervention ends whatever is in force; a weaker rung does not step a direction down', () => {
    const events = [ev(1, 'direction-issued', '2015-01-01'), ev(2, 'improvement-notice-issued', '2016-01-01')]
    assert.equal(statusOn(events, '2016-06-01'), 'statutory-direction')
    const lifted = [...events, ev(3, 'intervention-lifted', '2017-01-01')]
    assert.equal(statusOn(lifted, '2017-01-01'), 'none')
    const steppedDown = [...lifted, ev(4, 'improvement-notice-issued', '2017-01-01')]
    assert.equal(statusOn(steppedDown, '2017-02-01'), 'improvement-notice', 'a step-down is an ending then a new start')
    assert.equal(
      statusOn([ev(1, 'adviser-appointed', '2020-01-01'), ev(2, 'adviser-withdrawn', '2021-01-01')], '2021-06-01'),
      'none',
    )
  })

  it('a partner council delivering services, and services returning in-house', () => {
    const events = [
      ev(1, 'partner-council-delivery-live', '2019-01-01'),
      ev(2, 'delivery-returned-in-house', '2024-04-01'),
    ]
    assert.equal(standingOn(events, '2020-01-01').delivery.kind, 'partner-council')
    assert.equal(standingOn(events, '2024-04-01').delivery.kind, 'in-house')
  })

  it('refuses a direction revoked before it was issued, or never issued, in GOV.UK dates', () => {
    const events = [ev(1, 'direction-issued', '2014-03-27')]
    assert.equal(
      endingProblem('direction-revoked', '2014-01-01', events),
      'Statutory direction revoked on 1 January 2014 is before the statutory direction with a commissioner started (27 March 2014)',
    )
    assert.equal(endingProblem('direction-revoked', '2015-01-01', events), undefined)
    assert.match(endingProblem('improvement-notice-lifted', '2015-01-01', events)!, /no improvement notice is recorded/)
    assert.equal(endingProblem('commissioner-appointed', '2015-01-01', []), undefined)
    assert.equal(endingProblem('intervention-lifted', '2015-01-01', []), undefined)
  })
})
