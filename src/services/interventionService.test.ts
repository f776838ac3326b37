import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../data/store.ts'
import { storesUnderTest } from '../../test/support/stores.ts'
import { riskService } from './riskService.ts'
import { InterventionInputError, interventionService, type InterventionService } from './interventionService.ts'

/**
 * Real LAs and dates with the rung the Sightline default thresholds should recommend from the register's public
 * history alone. Each line says why, from the domain guide's history (domain.md §3) and the Ofsted outcomes.
 */
const CASES: Array<{ la: string; asAt: string; expected: string; why: string }> = [
  {
    la: '330',
    asAt: '2014-05-23',
    expected: 'alternative-delivery',
    why: 'Birmingham: safeguarding inadequate 2010, CPI inadequate 2012, SIF inadequate on every judgement 2014: three consecutive failures since 2010 (commissioner appointed 2014; trust from 2018)',
  },
  {
    la: '330',
    asAt: '2016-12-01',
    expected: 'alternative-delivery',
    why: 'Birmingham: the 2016 re-inspection was inadequate again (fourth in a row); the trust decision followed',
  },
  {
    la: '330',
    asAt: '2023-06-01',
    expected: 'none',
    why: 'Birmingham: ILACS 2023 good in every judgement; the direction was lifted on 26 May 2023',
  },
  {
    la: '871',
    asAt: '2014-03-01',
    expected: 'statutory-direction',
    why: 'Slough: safeguarding inadequate 2011 and SIF inadequate Feb 2014: persistent failure, direction and commissioner (trust imposed 2015)',
  },
  {
    la: '871',
    asAt: '2016-03-01',
    expected: 'alternative-delivery',
    why: 'Slough: third consecutive inadequate inspection (2016 re-inspection): services already moved to a trust in 2015',
  },
  {
    la: '394',
    asAt: '2015-08-01',
    expected: 'statutory-direction',
    why: 'Sunderland: SIF July 2015 inadequate on every judgement (systemic): commissioner Nick Whitfield appointed',
  },
  { la: '394', asAt: '2021-09-01', expected: 'none', why: 'Sunderland: ILACS 2021 outstanding' },
  {
    la: '371',
    asAt: '2013-01-01',
    expected: 'improvement-notice',
    why: 'Doncaster: CPI Nov 2012 inadequate after a 2011 safeguarding judgement that was not: on the register alone a first failure (the 2013 commissioner drew on the Le Grand review, outside the register)',
  },
  {
    la: '371',
    asAt: '2015-12-01',
    expected: 'statutory-direction',
    why: 'Doncaster: CPI 2012 and SIF 2015 both inadequate: persistent failure (Doncaster was under direction, services in its trust)',
  },
  {
    la: '382',
    asAt: '2016-12-01',
    expected: 'statutory-direction',
    why: 'Kirklees: SIF Nov 2016 inadequate overall and for leadership with other inadequate grades: systemic (direction and commissioner 2017)',
  },
  {
    la: '207',
    asAt: '2024-06-01',
    expected: 'none',
    why: 'Kensington and Chelsea: good or outstanding at every inspection',
  },
  {
    la: '850',
    asAt: '2024-06-01',
    expected: 'none',
    why: 'Hampshire: good or outstanding at every inspection (a Partner in Practice)',
  },
]

describe('intervention decision support on the real register', () => {
  let store: Store
  let intervention: InterventionService
  before(async () => {
    store = await storesUnderTest()[0].openWithPublicData()
    intervention = interventionService(store, riskService(store))
  })
  after(async () => store?.close())

  for (const c of CASES) {
    it(`${c.la} as at ${c.asAt}: ${c.expected} (${c.why.split(':')[0]})`, async () => {
      const a = await intervention.assess({ la: c.la, asAt: c.asAt })
      assert.equal(a.recommendation, c.expected, `${c.why}\nrationale: ${JSON.stringify(a.rationale, null, 1)}`)
      assert.ok(a.rationale.length > 0)
    })
  }

  it('cites persistence since 2010 for Birmingham in 2014, with every criterion and its value', async () => {
    const a = await intervention.assess({ la: 'E08000025', asAt: '2014-05-23' })
    assert.equal(a.persistence.consecutiveInadequate, 3)
    assert.equal(a.persistence.currentRunSince, '2010-07-16')
    assert.equal(a.scale.systemic, true)
    assert.equal(a.scale.safeguardingBoardInadequate, true)
    assert.ok(a.rationale.some((r) => r.criterion.startsWith('persistence') && String(r.value).includes('2010-07-16')))
    assert.equal(a.thresholdsVersion, 'sightline-default-1')
    assert.ok(a.signals.riskGap, 'the unidentified-risk gap for 2013 is cited as a data signal')
  })

  it('uses only what was known on the date', async () => {
    const before2014 = await intervention.assess({ la: '330', asAt: '2014-05-22' })
    assert.equal(before2014.scale.latestInspection?.framework, 'CPI')
  })

  it('refuses an unknown LA and a malformed date', async () => {
    await assert.rejects(
      intervention.assess({ la: '999', asAt: '2014-05-23' }),
      (e: unknown) => e instanceof InterventionInputError && e.field === 'la',
    )
    await assert.rejects(
      intervention.assess({ la: '330', asAt: '23/05/2014' }),
      (e: unknown) => e instanceof InterventionInputError && e.field === 'asAt',
    )
  })
})
