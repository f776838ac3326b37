import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { KEY_MEASURES } from '../../../services/laProfileService.ts'
import type { Services } from '../../../services/index.ts'
import { principal, runGet } from '../../../../test/support/pageHarness.ts'
import { laPage, laStatisticsCsv } from './laController.ts'

/** The LA page's own logic over mocked services (profile, trends, plans, standing, imported reports): no store. */
const PROFILE = {
  la: {
    laCode: '330',
    onsCode: 'E08000025',
    name: 'Birmingham',
    region: 'West Midlands',
    laType: 'Metropolitan district',
  },
  latest: { grade: 'Inadequate', date: '2014-05-01' },
  neighbourModels: [
    {
      model: '2021',
      neighbours: [
        { laCode: '331', name: 'Coventry', band: 'Very close', rank: 1, latestGrade: 'Good' },
        { laCode: '336', name: 'Wolverhampton', band: 'Close', rank: 2, latestGrade: null },
      ],
    },
  ],
  inspections: [
    {
      id: 71,
      framework: 'SIF',
      startDate: '2014-03-10',
      endDate: '2014-04-01',
      published: '2014-05-01',
      overallGrade: 'Inadequate',
      judgements: [{ area: 'Overall effectiveness', grade: 'Inadequate', originalLabel: null }],
    },
  ],
}
const year = (y: number, la: number | null, england: number) => ({
  year: y,
  la: { value: la, symbol: la === null ? 'x' : null },
  england: { value: england, symbol: null },
  neighbourMean: { value: 50, symbol: null },
  neighboursUsed: 2,
})
const TRENDS = KEY_MEASURES.map((m) => ({ measure: m, years: [year(2022, 60, 45), year(2023, null, 46)] }))

function mocks(over: { profile?: unknown; withPlans?: boolean } = {}) {
  const calls: string[] = []
  const services: Partial<Services> = {
    laProfiles: {
      async profile(code: string) {
        calls.push(`profile ${code}`)
        return 'profile' in over ? over.profile : PROFILE
      },
      async trends(code: string, model: string) {
        calls.push(`trends ${code} ${model}`)
        return TRENDS
      },
    } as unknown as Services['laProfiles'],
    planViews: {
      async reportsForLa(code: string) {
        calls.push(`reports ${code}`)
        return [{ inspectionId: 71, recommendations: 3, plans: [{ id: 9, title: 'Birmingham improvement plan' }] }]
      },
    } as unknown as Services['planViews'],
    worklists: {
      async plansOf(code: string) {
        calls.push(`plans ${code}`)
        return over.withPlans === false ? [] : [{ id: 9, title: 'Birmingham improvement plan', status: 'submitted' }]
      },
    } as unknown as Services['worklists'],
    interventionRegister: {
      async standing(code: string) {
        calls.push(`standing ${code}`)
        return {
          date: '2026-12-03',
          intervention: {
            kind: 'statutory-direction',
            since: '2014-10-01',
            event: 'Direction issued',
            commissioner: 'A Commissioner',
          },
          delivery: { kind: 'trust', since: '2018-04-01', event: 'Trust began' },
        }
      },
    } as unknown as Services['interventionRegister'],
  }
  return { services, calls }
}

describe('LA page (mocked services)', () => {
  it('shows identity, neighbours, the inspection with its imported report, the plan state and the standing', async () => {
    const { services, calls } = mocks()
    const r = await runGet(laPage, { services, user: principal('national'), laCode: '330', path: '/la/330' })
    assert.equal(r.view, 'pages/la/show.njk')
    assert.deepEqual(calls.sort(), ['plans 330', 'profile 330', 'reports 330', 'standing 330', 'trends 330 2021'])
    const html = r.html!
    assert.match(html, /data-qa="la-name">Birmingham</)
    assert.match(html, /href="\/la\/331">Coventry</)
    assert.match(html, /Birmingham improvement plan<\/a>: Submitted for review/)
    assert.match(
      html,
      /data-qa="intervention-in-force">Statutory direction with a commissioner \(commissioner: A Commissioner\)/,
    )
    assert.match(html, /data-qa="inspection-imported"/)
    assert.match(html, /Its 3 recommendations are answered by/)
    assert.equal((r.locals!.charts as unknown[]).length, KEY_MEASURES.length)
  })

  it('links an LA-scoped user only to the neighbours they may open', async () => {
    const { services } = mocks()
    const r = await runGet(laPage, { services, user: principal('local', ['330', '331']), laCode: '330' })
    assert.match(r.html!, /href="\/la\/331">Coventry</)
    assert.doesNotMatch(r.html!, /href="\/la\/336"/)
    assert.match(r.html!, /Wolverhampton/)
  })

  it('says there is no plan when the LA has none', async () => {
    const { services } = mocks({ withPlans: false })
    const r = await runGet(laPage, { services, user: principal('national'), laCode: '330' })
    assert.match(r.html!, /No improvement plan in Sightline/)
  })

  it('is a 404, not a 500, when the service has no such LA', async () => {
    const { services } = mocks({ profile: undefined })
    await assert.rejects(runGet(laPage, { services, user: principal('national'), laCode: '999' }), { status: 404 })
  })

  it('writes the statistics CSV, one row per measure and year, and 404s an unknown measure', async () => {
    const { services } = mocks()
    const all = await runGet(laStatisticsCsv, { services, user: principal('national'), laCode: '330' })
    const lines = String(all.sent).trim().split(/\r?\n/)
    assert.equal(lines.length, 1 + KEY_MEASURES.length * 2)
    const one = await runGet(laStatisticsCsv, {
      services,
      user: principal('national'),
      laCode: '330',
      query: { measure: 'referrals' },
    })
    assert.deepEqual(String(one.sent).trim().split(/\r?\n/).slice(1), [
      '330,referrals,2022,60,,50,2021,2,45',
      '330,referrals,2023,,x,50,2021,2,46',
    ])
    await assert.rejects(
      runGet(laStatisticsCsv, { services, user: principal('national'), laCode: '330', query: { measure: 'nope' } }),
      { status: 404 },
    )
  })
})
