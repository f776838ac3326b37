import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Services } from '../../../services/index.ts'
import type { KnownNotWorked } from '../../../services/risk/knownNotWorked.ts'
import { principal, runGet } from '../../../../test/support/pageHarness.ts'
import { riskPage } from './riskControllers.ts'

/** The LA risk page's "known but not worked" beside "not known", over mocked services: no store, no casework file. */
const measure = (id: string, title: string, stage: string, count: number) => ({
  measure: id,
  title,
  stage,
  count,
  problem: 'no comparator for this test',
  gap: null,
  interval: null,
})
const risk = {
  load: async () => ({ version: 'v1' }),
  years: async () => ({ latest: 2014, min: 2013, max: 2014 }),
  estimate: async () => ({
    la: '330',
    name: 'Birmingham',
    measures: [
      measure('cpp_at_31_march', 'Child protection plans at 31 March', 'not yet known', 800),
      measure('awaiting_assessment', 'Children awaiting assessment', 'known but not worked', 120),
    ],
  }),
  series: async () => ({
    measure: { title: 'Child protection plans at 31 March' },
    rows: [{ year: 2014, la: 40, neighbourMean: 45, england: 42, neighboursUsed: 10 }],
    breaks: [],
  }),
  funnel: async () => [],
  deprivationScatter: async () => [],
} as unknown as Services['risk']

const BIRMINGHAM_2014: KnownNotWorked & { childIds?: string[] } = {
  snapshotId: 4,
  asAt: '2014-03-31',
  children: 412,
  byReason: [
    { label: 'Referral with no decision or assessment after 1 working day', children: 398 },
    { label: 'Open case with no allocated social worker', children: 61 },
  ],
}

function servicesWith(knownNotWorked: Services['knownNotWorked'], asked: Array<[string, number]> = []) {
  return {
    risk,
    knownNotWorked: async (la: string, year: number) => (asked.push([la, year]), knownNotWorked(la, year)),
  } as unknown as Services
}
const text = (html: string, qa: string) =>
  html
    .split(`data-qa="${qa}"`)[1]
    .slice(1)
    .split('</div>')[0]
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

describe('LA risk page: known but not worked beside not known (mocked services)', () => {
  for (const user of [principal('local', ['330']), principal('oversight', ['330']), principal('national')])
    it(`shows the casework count with its snapshot date to a ${user.role} user, beside the public gap`, async () => {
      const asked: Array<[string, number]> = []
      const r = await runGet(riskPage, {
        services: servicesWith(async () => BIRMINGHAM_2014, asked),
        user,
        laCode: '330',
        query: { year: '2014' },
      })
      assert.deepEqual(asked, [['330', 2014]], 'asked for the LA and the year on the page')
      const said = text(r.html!, 'risk-casework')
      assert.match(said, /^412 children known to the council but not worked in time/)
      assert.match(said, /casework snapshot as at 31 March 2014 \(the snapshot nearest 31 March 2014\)/)
      assert.match(said, /Referral with no decision or assessment after 1 working day 398/)
      assert.match(said, /Open case with no allocated social worker 61/)
      assert.ok(r.html!.includes('data-qa="risk-measures"'), 'the not-known table is still on the page')
      assert.ok(r.html!.indexOf('data-qa="risk-measures"') < r.html!.indexOf('data-qa="risk-casework"'))
      assert.match(text(r.html!, 'risk-known'), /^120 children were awaiting assessment/)
    })

  it('renders counts only: a child id in what the read returned does not reach the page', async () => {
    const r = await runGet(riskPage, {
      services: servicesWith(async () => ({ ...BIRMINGHAM_2014, childIds: ['CHILD-000123'] })),
      user: principal('oversight', ['330']),
      laCode: '330',
    })
    assert.ok(!r.html!.includes('CHILD-000123'))
  })

  it('says "No casework data" when the council has sent none, and says so when it cannot be read', async () => {
    const none = await runGet(riskPage, {
      services: servicesWith(async () => null),
      user: principal('national'),
      laCode: '330',
    })
    assert.match(text(none.html!, 'risk-casework'), /^No casework data: the council has not sent its case records/)
    const broken = await runGet(riskPage, {
      services: servicesWith(async () => {
        throw new Error('IO Error: could not open /data/casework/330.duckdb')
      }),
      user: principal('national'),
      laCode: '330',
    })
    const said = text(broken.html!, 'risk-casework')
    assert.match(said, /could not be read/)
    assert.ok(!said.includes('duckdb'), 'no path or driver message reaches the user')
  })
})

describe('LA risk analysis charts to caveats: rendered once per LA, options and data version (server/fragments.ts)', () => {
  let version = 'tail-a'
  let birminghamRate = 40
  const names: Record<string, string> = { '330': 'Birmingham', '331': 'Coventry' }
  const changing = {
    ...risk,
    load: async () => ({ version }),
    estimate: async ({ la }: { la: string }) => ({ ...(await risk.estimate({} as never)), la, name: names[la] }),
    series: async ({ la }: { la: string }) => ({
      measure: { title: 'Child protection plans at 31 March' },
      rows: [
        { year: 2014, la: la === '330' ? birminghamRate : 77.7, neighbourMean: 45, england: 42, neighboursUsed: 10 },
      ],
      breaks: [],
    }),
  } as unknown as Services['risk']
  const services = { risk: changing, knownNotWorked: async () => undefined } as unknown as Partial<Services>
  const tail = (html: string) => html.slice(html.indexOf('over time</h2>'))
  const get = (laCode: string, user = principal('national')) =>
    runGet(riskPage, { services, user, laCode, path: `/la/${laCode}/risk` })

  it('shows a change to the data on the next request once the data version moves, not before', async () => {
    const first = tail((await get('330')).html!)
    assert.match(first, />40\.0</)
    birminghamRate = 55.5
    assert.equal(tail((await get('330')).html!), first, 'same version: the held fragment')
    version = 'tail-b'
    const after = tail((await get('330')).html!)
    assert.match(after, />55\.5</)
    assert.doesNotMatch(after, />40\.0</)
  })

  it('never gives one LA another’s charts and tables, whoever asked first', async () => {
    version = 'tail-c'
    const birmingham = tail((await get('330', principal('local', ['330']))).html!)
    const coventry = tail((await get('331', principal('national'))).html!)
    assert.match(birmingham, /Birmingham/)
    assert.doesNotMatch(birmingham, /Coventry|77\.7/)
    assert.match(coventry, /Coventry/)
    assert.match(coventry, />77\.7</)
    assert.doesNotMatch(coventry, /Birmingham|\/la\/330\//)
    assert.equal(tail((await get('330', principal('national'))).html!), birmingham)
  })
})
