import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../data/store.ts'
import { storesUnderTest } from '../../test/support/stores.ts'
import { riskService } from './riskService.ts'
import { assess, CRITERIA, headlineGrade, type Rung } from '../engine/intervention/assess.ts'
import type { RegisterEvent } from '../engine/intervention/events.ts'
import { InterventionInputError, interventionService, type InterventionService } from './interventionService.ts'

/** Birmingham's interventions register as domain.md §3 records it, for the rows that say what was in force. */
const BIRMINGHAM_REGISTER: RegisterEvent[] = [
  { id: 1, kind: 'improvement-notice-issued', date: '2009-02-01' },
  { id: 2, kind: 'direction-issued', date: '2014-03-27' },
  { id: 3, kind: 'direction-replaced', date: '2015-12-17' },
  { id: 4, kind: 'alternative-delivery-live', date: '2018-04-01', title: "Birmingham Children's Trust starts" },
  { id: 5, kind: 'direction-revoked', date: '2023-05-26' },
]

type Case = { la: string; asAt: string; expected: Rung[]; kind: string; why: string; register?: RegisterEvent[] }

/**
 * Real LAs and dates (Ofsted's published history in data/public, and domain.md §3) with the rungs the regime as
 * published allows under the Sightline default thresholds. Where the regime allows two answers, both are listed.
 */
const CASES: Case[] = [
  // Entry: a first inadequate judgement is never persistent.
  {
    la: '331',
    asAt: '2014-04-01',
    expected: ['improvement-notice', 'statutory-direction'],
    kind: 'entry',
    why: 'Coventry: SIF 21 Mar 2014 inadequate after good in 2011: a first failure (notice, or a direction only if systemic)',
  },
  {
    la: '302',
    asAt: '2017-08-01',
    expected: ['statutory-direction'],
    kind: 'entry',
    why: 'Barnet: SIF 7 Jul 2017 inadequate overall, for leadership, help and protection and children looked after: systemic on a first failure',
  },
  {
    la: '888',
    asAt: '2016-01-01',
    expected: ['improvement-notice', 'statutory-direction'],
    kind: 'entry',
    why: 'Lancashire: SIF 27 Nov 2015 inadequate after good in 2012: first failure',
  },
  {
    la: '305',
    asAt: '2016-07-15',
    expected: ['improvement-notice', 'statutory-direction'],
    kind: 'entry',
    why: 'Bromley: SIF 27 Jun 2016 inadequate after requires improvement: first failure, never persistent',
  },
  {
    la: '382',
    asAt: '2016-12-01',
    expected: ['statutory-direction'],
    kind: 'entry',
    why: 'Kirklees: SIF 25 Nov 2016 inadequate overall and for leadership with other inadequate grades: systemic (direction and commissioner 2017)',
  },
  {
    la: '394',
    asAt: '2015-08-01',
    expected: ['statutory-direction'],
    kind: 'entry',
    why: 'Sunderland: SIF 20 Jul 2015 inadequate on every judgement (systemic): commissioner Nick Whitfield appointed',
  },
  {
    la: '371',
    asAt: '2013-01-01',
    expected: ['improvement-notice', 'statutory-direction'],
    kind: 'entry',
    why: 'Doncaster: CPI 16 Nov 2012 inadequate after a 2011 safeguarding judgement that was not: on the register alone a first failure',
  },
  // Escalation: persistent (two or more inadequate in a row) or long-running failure.
  {
    la: '330',
    asAt: '2014-05-23',
    expected: ['statutory-direction', 'alternative-delivery'],
    kind: 'escalation',
    why: 'Birmingham: safeguarding inadequate 2010, CPI inadequate 2012, SIF inadequate on every judgement 23 May 2014: three in a row (commissioner since March 2014; trust from 2018)',
  },
  {
    la: '330',
    asAt: '2016-12-01',
    expected: ['alternative-delivery'],
    kind: 'escalation',
    why: 'Birmingham: the 2016 re-inspection inadequate again (fourth in a row): the trust decision followed',
  },
  {
    la: '871',
    asAt: '2014-03-01',
    expected: ['statutory-direction'],
    kind: 'escalation',
    why: 'Slough: safeguarding inadequate 2011 and SIF inadequate Feb 2014: persistent, direction and commissioner (trust imposed 2015)',
  },
  {
    la: '871',
    asAt: '2016-03-01',
    expected: ['alternative-delivery'],
    kind: 'escalation',
    why: 'Slough: third consecutive inadequate inspection (Feb 2016): services already moved to a trust in 2015',
  },
  {
    la: '371',
    asAt: '2015-12-01',
    expected: ['statutory-direction', 'alternative-delivery'],
    kind: 'escalation',
    why: 'Doncaster: CPI 2012 and SIF 2015 both inadequate: persistent (Doncaster was under direction, services in its trust)',
  },
  {
    la: '394',
    asAt: '2018-08-01',
    expected: ['statutory-direction'],
    kind: 'escalation',
    why: 'Sunderland: SIF 2015 and SIF re-inspection Jul 2018 both inadequate: persistent (services moved to Together for Children, 2017)',
  },
  // Decided: a child protection re-inspection (CPRI) inadequate again counts as a second inadequate inspection. It is a
  // graded inspection with its own overall judgement, made after the months an inadequate LA is given to improve
  // (domain.md §2.4: action plan and monitoring, then re-inspection; §3: "6 months to improve, or faces a
  // commissioner"). Ungraded monitoring and focused visits never count.
  {
    la: '926',
    asAt: '2013-05-01',
    expected: ['improvement-notice'],
    kind: 'entry',
    why: 'Norfolk: CPI 22 Feb 2013 inadequate after a 2011 safeguarding judgement that was not: one inspection, never persistent',
  },
  {
    la: '926',
    asAt: '2013-09-01',
    expected: ['statutory-direction'],
    kind: 'escalation',
    why: 'Norfolk: its CPI re-inspection 16 Aug 2013 inadequate again, six months on: the CPI and the re-inspection count as two inadequate inspections, so persistent',
  },
  {
    la: '926',
    asAt: '2015-11-01',
    expected: ['statutory-direction', 'alternative-delivery'],
    kind: 'escalation',
    why: 'Norfolk: CPI Feb 2013, its re-inspection Aug 2013 and SIF Oct 2015 all inadequate: persistent; the default counts three in a row, putting alternative delivery to a commissioner',
  },
  {
    la: '333',
    asAt: '2015-07-01',
    expected: ['alternative-delivery'],
    kind: 'escalation',
    why: 'Sandwell: inadequate 2010, 2013 and 2015 with no good judgement between, two in a row and over five years in failure (Sandwell Children’s Trust, 2018)',
  },
  {
    la: '890',
    asAt: '2019-02-01',
    expected: ['statutory-direction'],
    kind: 'escalation',
    why: 'Blackpool: inadequate 2012, requires improvement 2014, inadequate Jan 2019: two inadequate over more than three years in failure is persistent, though not in a row',
  },
  // Step-down: only after sustained improvement; what is in force is kept until lifted.
  {
    la: '330',
    asAt: '2019-02-01',
    expected: ['support', 'statutory-direction'],
    kind: 'step-down',
    why: 'Birmingham: ILACS 17 Jan 2019 requires improvement throughout after nine years of inadequate judgements: one inspection is not sustained improvement',
  },
  {
    la: '330',
    asAt: '2019-02-01',
    expected: ['statutory-direction'],
    kind: 'step-down',
    register: BIRMINGHAM_REGISTER,
    why: 'Birmingham with its register: the direction (replaced Dec 2015) stays in force until sustained improvement lifts it; the trust delivers services',
  },
  {
    la: '330',
    asAt: '2023-06-01',
    expected: ['none', 'support'],
    kind: 'step-down',
    why: 'Birmingham: ILACS 18 Apr 2023 good in every judgement; the direction was lifted on 26 May 2023',
  },
  {
    la: '330',
    asAt: '2023-05-20',
    expected: ['none'],
    kind: 'step-down',
    register: BIRMINGHAM_REGISTER,
    why: 'Birmingham with its register, days before the direction was revoked: good after requires improvement is sustained, so the direction can be lifted',
  },
  {
    la: '871',
    asAt: '2019-04-01',
    expected: ['support'],
    kind: 'step-down',
    why: 'Slough: requires improvement Mar 2019 after three inadequate inspections: improving, not yet sustained',
  },
  {
    la: '871',
    asAt: '2023-04-01',
    expected: ['none', 'support'],
    kind: 'step-down',
    why: 'Slough: requires improvement in 2019 and again in Mar 2023: two in a row is sustained',
  },
  {
    la: '331',
    asAt: '2017-07-01',
    expected: ['support'],
    kind: 'step-down',
    why: 'Coventry: requires improvement Jun 2017 after inadequate in 2014: improving, not yet sustained',
  },
  {
    la: '331',
    asAt: '2022-09-01',
    expected: ['none'],
    kind: 'step-down',
    why: 'Coventry: good Aug 2022: sustained improvement',
  },
  {
    la: '371',
    asAt: '2018-02-01',
    expected: ['none'],
    kind: 'step-down',
    why: 'Doncaster: ILACS good Jan 2018 after two inadequate inspections: sustained',
  },
  {
    la: '382',
    asAt: '2019-09-01',
    expected: ['support'],
    kind: 'step-down',
    why: 'Kirklees: requires improvement Aug 2019 after inadequate in 2016: not yet sustained',
  },
  {
    la: '394',
    asAt: '2021-09-01',
    expected: ['none'],
    kind: 'step-down',
    why: 'Sunderland: ILACS Aug 2021 outstanding',
  },
  // Stable good.
  {
    la: '207',
    asAt: '2024-06-01',
    expected: ['none'],
    kind: 'stable good',
    why: 'Kensington and Chelsea: good or outstanding at every inspection',
  },
  {
    la: '850',
    asAt: '2024-06-01',
    expected: ['none'],
    kind: 'stable good',
    why: 'Hampshire: good or outstanding at every inspection (a Partner in Practice)',
  },
  {
    la: '383',
    asAt: '2019-01-01',
    expected: ['none'],
    kind: 'stable good',
    why: 'Leeds: outstanding Dec 2018, good 2015; the 2010 inadequate judgement is long past',
  },
  {
    la: '881',
    asAt: '2019-02-01',
    expected: ['none'],
    kind: 'stable good',
    why: 'Essex: good 2014 and outstanding Jan 2019 (improvement partner to Birmingham)',
  },
]

describe('intervention decision support on the real register', () => {
  let store: Store
  let intervention: InterventionService
  let withRegister: InterventionService
  before(async () => {
    store = await storesUnderTest()[0].openWithPublicData()
    intervention = interventionService(store, riskService(store))
    withRegister = interventionService(store, riskService(store), {
      register: async () => ({ events: BIRMINGHAM_REGISTER, people: [] }),
    })
  })
  after(async () => store?.close())

  it('the table has at least 25 real LA-dates covering entry, escalation, step-down and stable good', () => {
    assert.ok(CASES.length >= 25)
    assert.deepEqual([...new Set(CASES.map((c) => c.kind))].sort(), ['entry', 'escalation', 'stable good', 'step-down'])
  })

  for (const c of CASES) {
    it(`${c.kind}: ${c.why.split(':')[0]} as at ${c.asAt}${c.register ? ' (with its register)' : ''}: ${c.expected.join(' or ')}`, async () => {
      const a = await (c.register ? withRegister : intervention).assess({ la: c.la, asAt: c.asAt })
      assert.ok(
        c.expected.includes(a.recommendation),
        `${a.recommendation}: ${c.why}\n${JSON.stringify(a.rationale, null, 1)}`,
      )
      for (const line of a.rationale)
        assert.ok(line.criterion && line.effect, 'every line names its criterion and effect')
      for (const criterion of CRITERIA) {
        const line = a.rationale.find((r) => r.criterion === criterion)
        assert.ok(line, `${c.why}: the rationale cites ${criterion}`)
        if (criterion !== 'data signal: unworked demand')
          assert.ok(line.value !== null && String(line.value).length > 0, `${criterion} is cited with its value`)
      }
      if (c.kind === 'entry') assert.equal(a.persistence.persistent, false, 'a first failure is never persistent')
    })
  }

  it('cites persistence since 2010 for Birmingham in 2014, with every criterion and its value', async () => {
    const a = await intervention.assess({ la: 'E08000025', asAt: '2014-05-23' })
    assert.equal(a.persistence.consecutiveInadequate, 3)
    assert.equal(a.persistence.currentRunSince, '2010-07-16')
    assert.equal(a.scale.systemic, true)
    assert.equal(a.scale.safeguardingBoardInadequate, true)
    assert.ok(
      a.rationale.some((r) => r.criterion.startsWith('persistence') && String(r.value).includes('16 July 2010')),
    )
    assert.equal(a.thresholdsVersion, 'sightline-default-2')
    assert.ok(a.signals.riskGap, 'the unidentified-risk gap for 2013 is cited as a data signal')
  })

  it('calls no LA with a single inadequate judgement persistent, at any date from 2010 to 2025', async () => {
    const las = await store.query<{ la_code: string }>('SELECT la_code FROM local_authority')
    let checked = 0
    for (const { la_code } of las) {
      const inspections = await intervention.history(la_code)
      for (let year = 2010; year <= 2025; year++) {
        const asAt = `${year}-06-01`
        const inadequate = inspections.filter((i) => i.date <= asAt && headlineGrade(i) === 'Inadequate').length
        if (inadequate > 1) continue
        const a = assess({ la: la_code, asAt, inspections })
        assert.equal(a.persistence.persistent, false, `${la_code} at ${asAt}`)
        assert.ok(!a.rationale.some((r) => /persistent failure/.test(r.effect)), `${la_code} at ${asAt}`)
        checked++
      }
    }
    assert.ok(checked > 1500, `${checked} LA-dates with at most one inadequate judgement`)
  })

  it('cites the LA’s casework unworked demand, counts only, from its current snapshot', async () => {
    const asked: string[] = []
    const withCasework = interventionService(store, riskService(store), {
      unworked: async (la) => {
        asked.push(la)
        if (la !== '330') return undefined
        // What the casework read returns holds more than counts; only the counts may reach the assessment.
        const extra = { childIds: ['CHILD-0001'], byAge: [{ key: 'Under 1', children: 3 }] }
        return {
          ...extra,
          asAt: '2014-05-01',
          snapshotId: 3,
          children: 400,
          byReason: [{ reason: 'referral_no_assessment', label: 'Referral with no assessment', children: 400 }],
        }
      },
    })
    const a = await withCasework.assess({ la: 'E08000025', asAt: '2014-05-23' })
    assert.deepEqual(asked, ['330'], 'asked with the resolved LA code')
    const line = a.rationale.find((r) => r.criterion === 'data signal: unworked demand')!
    assert.match(String(line.value), /^400 children known but not worked, casework snapshot as at 1 May 2014/)
    assert.deepEqual(a.signals.unworkedDemand, {
      asAt: '2014-05-01',
      snapshotId: 3,
      children: 400,
      byReason: [{ label: 'Referral with no assessment', children: 400 }],
    })
    assert.ok(!JSON.stringify(a).includes('CHILD-0001'), 'no child id in the assessment')
    const none = await withCasework.assess({ la: '331', asAt: '2014-05-23' })
    assert.equal(
      none.rationale.find((r) => r.criterion === 'data signal: unworked demand')!.value,
      'not available: the council has sent no casework data',
    )
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
