import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { KEY_MEASURES } from '../../../services/laProfileService.ts'
import type { Services } from '../../../services/index.ts'
import { principal, runGet } from '../../../../test/support/pageHarness.ts'
import { laPage } from './laController.ts'
import laStatisticsCsv from './statisticsCsvController.ts'

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

function mocks(
  over: { profile?: unknown; withPlans?: boolean; version?: () => string; trends?: (code: string) => unknown } = {},
) {
  const calls: string[] = []
  const services: Partial<Services> = {
    laProfiles: {
      async version() {
        return over.version?.() ?? 'v1'
      },
      async profile(code: string) {
        calls.push(`profile ${code}`)
        return 'profile' in over ? over.profile : PROFILE
      },
      async trends(code: string, model: string) {
        calls.push(`trends ${code} ${model}`)
        return over.trends?.(code) ?? TRENDS
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
    assert.equal(r.view, 'pages/la/index.njk')
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
    assert.equal(html.match(/data-qa="table-/g)?.length, KEY_MEASURES.length)
    assert.equal(html.match(/<figure[^>]*><svg/g)?.length, KEY_MEASURES.length)
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

describe('LA page key statistics: rendered once per LA and data version (server/fragments.ts)', () => {
  // Trends the test changes under a version it controls: a held fragment shows the figures it was rendered from.
  let version = 'stats-a'
  let birminghamRate = 61.5
  const trendsOf = (code: string) =>
    KEY_MEASURES.map((m) => ({
      measure: m,
      years: [year(2022, code === '330' ? birminghamRate : 77.7, 45)],
    }))
  const coventry = { ...PROFILE, la: { ...PROFILE.la, laCode: '331', name: 'Coventry' } }
  const statistics = (html: string) => html.slice(html.indexOf('id="statistics"'))
  const get = (laCode: string, user = principal('national')) => {
    const { services } = mocks({
      version: () => version,
      trends: trendsOf,
      profile: laCode === '331' ? coventry : PROFILE,
    })
    return runGet(laPage, { services, user, laCode })
  }

  it('shows a change to the data on the next request once the data version moves, not before', async () => {
    const first = statistics((await get('330')).html!)
    assert.match(first, />61\.5</)
    birminghamRate = 99.9
    assert.equal(statistics((await get('330')).html!), first, 'same version: the held fragment')
    version = 'stats-b'
    const after = statistics((await get('330')).html!)
    assert.match(after, />99\.9</)
    assert.doesNotMatch(after, />61\.5</)
  })

  it('never gives one LA another’s statistics, and holds nothing of the user who first asked', async () => {
    version = 'stats-c'
    const birmingham = statistics(
      (await get('330', principal('local', ['330'], { username: 'first-asker', displayName: 'First Asker' }))).html!,
    )
    const coventryStats = statistics((await get('331', principal('national'))).html!)
    assert.match(birmingham, /Birmingham/)
    assert.doesNotMatch(birmingham, /Coventry|77\.7/)
    assert.match(coventryStats, /Coventry/)
    assert.match(coventryStats, />77\.7</)
    assert.doesNotMatch(coventryStats, /Birmingham|statistics\.csv\?measure=.*330|\/la\/330\//)
    assert.doesNotMatch(birmingham + coventryStats, /first-asker|First Asker|test-token/)
    // A national user asking after the scoped one gets the same Birmingham figures.
    assert.equal(statistics((await get('330', principal('national'))).html!), birmingham)
  })
})
