import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { standingOn, type RegisterEvent } from '../../../engine/intervention/events.ts'
import type { Services } from '../../../services/index.ts'
import { principal, runGet } from '../../../../test/support/pageHarness.ts'
import interventionLaPage from '../la/intervention/interventionController.ts'
import interventionsPage from './interventionsController.ts'

/** The national dashboard's own logic (scope, watch list, the two facts in words) over mocked services: no store. */
const BIRMINGHAM: RegisterEvent[] = [
  { id: 1, kind: 'direction-issued', date: '2014-03-27', title: 'Statutory direction' },
  { id: 2, kind: 'alternative-delivery-live', date: '2018-04-01', title: "Birmingham Children's Trust starts" },
  { id: 3, kind: 'direction-revoked', date: '2023-05-26', title: 'Direction lifted' },
]
const LAS = [
  { laCode: '330', name: 'Birmingham', region: 'West Midlands', latestGrade: 'Good', latestDate: '2023-04-18' },
  {
    laCode: '331',
    name: 'Coventry',
    region: 'West Midlands',
    latestGrade: 'Requires improvement',
    latestDate: '2022-08-01',
  },
  {
    laCode: '207',
    name: 'Kensington and Chelsea',
    region: 'London',
    latestGrade: 'Outstanding',
    latestDate: '2022-01-01',
  },
]
const RECOMMENDED: Record<string, string> = { '330': 'none', '331': 'support', '207': 'none' }
const calls: Array<{ laCodes: string[] | null | undefined }> = []
const assessment = (la: string) => ({
  name: LAS.find((l) => l.laCode === la)!.name,
  recommendation: RECOMMENDED[la],
  thresholdsVersion: 'sightline-default-2',
  rationale: [{ criterion: 'latest overall grade', value: 'Good', effect: 'not inadequate' }],
})
const services: Partial<Services> = {
  laProfiles: { overview: async () => ({ las: LAS }) } as unknown as Services['laProfiles'],
  intervention: {
    assessCached: async ({ la }: { la: string }) => assessment(la),
    assessAllCached: async ({ las }: { las: string[] }) => new Map(las.map((la) => [la, assessment(la)])),
    assess: async ({ la }: { la: string }) => assessment(la),
  } as unknown as Services['intervention'],
  interventionRegister: {
    async commitments(filter: { laCodes?: string[] | null }) {
      calls.push({ laCodes: filter.laCodes })
      return [
        { id: 1, laCode: '207', dueDate: '2014-07-22', status: 'open' },
        { id: 2, laCode: '331', dueDate: '2999-01-01', status: 'open' },
      ].filter((c) => !filter.laCodes || filter.laCodes.includes(c.laCode))
    },
    standings: async (date: string) => new Map([['330', standingOn(BIRMINGHAM, date)]]),
    standing: async (la: string, date: string) => standingOn(la === '330' ? BIRMINGHAM : [], date),
    events: async () => [],
    directory: async () => [],
    letters: async () => [],
    studies: async () => [],
    meetings: async () => [],
    decisions: async () => [],
    people: async () => [],
  } as unknown as Services['interventionRegister'],
}
const unescape = (s: string) =>
  s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
const cell = (html: string, qa: string) =>
  [...html.matchAll(new RegExp(`data-qa="${qa}">([^<]*)<`, 'g'))].map((m) => unescape(m[1]))

describe('interventions dashboard (mocked services)', () => {
  it('watches an LA with an intervention, a trust, a recommendation or an overdue commitment, and no other', async () => {
    const r = await runGet(interventionsPage, { services, user: principal('national') })
    assert.equal(r.view, 'pages/interventions/index.njk')
    const watch = (r.locals!.watch as Array<{ name: string }>).map((w) => w.name)
    assert.deepEqual(watch, ['Birmingham', 'Coventry', 'Kensington and Chelsea'])
    assert.equal(r.locals!.overdueCount, 1, 'only the 2014 commitment is overdue')
    assert.deepEqual(calls.at(-1), { laCodes: null })
  })

  it("says each LA's two facts in the words of its own page, also for an LA with nothing on the register", async () => {
    const board = await runGet(interventionsPage, { services, user: principal('national') })
    for (const la of ['330', '207']) {
      const own = await runGet(interventionLaPage, { services, user: principal('national'), laCode: la })
      const row = (
        board.locals!.rows as Array<{ laCode: string; status: { intervention: string; delivery: string } }>
      ).find((x) => x.laCode === la)!
      assert.equal(row.status.intervention, cell(own.html!, 'intervention-in-force')[0], `${la}: intervention`)
      assert.equal(row.status.delivery, cell(own.html!, 'delivery')[0], `${la}: delivery`)
    }
    const [birminghamIntervention] = cell(board.html!, 'intervention-in-force')
    const [birminghamDelivery] = cell(board.html!, 'delivery')
    assert.match(birminghamIntervention, /^No intervention in force \(since 26 May 2023: Direction lifted\)/)
    assert.match(birminghamDelivery, /^Services delivered by a trust since 1 April 2018/)
    assert.ok(!board.html!.includes('No intervention recorded'), 'one wording for an empty register, as on the LA page')
  })

  it("shows an LA-scoped user only their own LA and asks only for their LA's commitments", async () => {
    const r = await runGet(interventionsPage, { services, user: principal('local', ['331']) })
    assert.deepEqual(
      (r.locals!.rows as Array<{ name: string }>).map((x) => x.name),
      ['Coventry'],
    )
    assert.deepEqual(calls.at(-1), { laCodes: ['331'] })
  })
})

describe('interventions dashboard tables: rendered once for each distinct set of rows (server/fragments.ts)', () => {
  let birmingham = BIRMINGHAM
  const changing: Partial<Services> = {
    ...services,
    interventionRegister: {
      ...services.interventionRegister,
      standings: async (date: string) => new Map([['330', standingOn(birmingham, date)]]),
    } as unknown as Services['interventionRegister'],
  }
  const tables = (html: string) => html.slice(html.indexOf('id="watch"'))

  it('shows a change to the register on the next request', async () => {
    const before = await runGet(interventionsPage, { services: changing, user: principal('national') })
    assert.match(cell(before.html!, 'intervention-in-force')[0], /^No intervention in force/)
    assert.equal(
      tables((await runGet(interventionsPage, { services: changing, user: principal('national') })).html!),
      tables(before.html!),
    )
    birmingham = BIRMINGHAM.slice(0, 2)
    const after = await runGet(interventionsPage, { services: changing, user: principal('national') })
    assert.match(cell(after.html!, 'intervention-in-force')[0], /^Statutory direction/)
  })

  it('never gives an LA-scoped user the national tables, nor one LA’s user another’s', async () => {
    const national = tables(
      (await runGet(interventionsPage, { services: changing, user: principal('national') })).html!,
    )
    const coventry = tables(
      (await runGet(interventionsPage, { services: changing, user: principal('local', ['331']) })).html!,
    )
    const kensington = tables(
      (await runGet(interventionsPage, { services: changing, user: principal('local', ['207']) })).html!,
    )
    assert.match(national, /Birmingham[\s\S]*Coventry[\s\S]*Kensington/)
    assert.match(coventry, /Coventry/)
    assert.doesNotMatch(coventry, /Birmingham|Kensington/)
    assert.match(kensington, /Kensington/)
    assert.doesNotMatch(kensington, /Birmingham|Coventry/)
  })
})
