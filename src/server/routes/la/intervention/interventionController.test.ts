import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { standingOn, type RegisterEvent } from '../../../../engine/intervention/events.ts'
import type { Services } from '../../../../services/index.ts'
import { principal, runGet } from '../../../../../test/support/pageHarness.ts'
import { urls } from '../../../urls.ts'
import interventionLaPage from './interventionController.ts'

/** The LA intervention page's own logic (date, the two facts, forms by role, labels) over mocked services. */
const EVENTS: RegisterEvent[] = [
  { id: 1, kind: 'direction-issued', date: '2014-03-27', title: 'Statutory direction (s.497A)' },
  { id: 2, kind: 'alternative-delivery-live', date: '2018-04-01', title: "Birmingham Children's Trust starts" },
]
const asked: Array<{ la: string; asAt: string }> = []
const services: Partial<Services> = {
  intervention: {
    async assess(input: { la: string; asAt: string }) {
      asked.push(input)
      return {
        name: 'Birmingham',
        recommendation: 'statutory-direction',
        thresholdsVersion: 'sightline-default-2',
        rationale: [{ criterion: 'in force', value: 'Statutory direction', effect: 'kept in force until lifted' }],
      }
    },
  } as unknown as Services['intervention'],
  interventionRegister: {
    standing: async (_la: string, date: string) => standingOn(EVENTS, date),
    events: async () =>
      EVENTS.map((e) => ({ id: e.id, kind: e.kind, eventDate: e.date, title: e.title, details: null })),
    directory: async () => [],
    letters: async () => [
      { id: 7, sentOn: '2014-05-23', subject: 'Ofsted inspection', to: [], cc: [], commitments: [] },
    ],
    studies: async () => [],
    meetings: async () => [],
    decisions: async () => [],
    people: async () => [{ id: 3, name: 'Lord Norman Warner', organisation: 'Department for Education' }],
  } as unknown as Services['interventionRegister'],
}
const text = (html: string, qa: string) => new RegExp(`data-qa="${qa}">([^<]*)<`).exec(html)?.[1]

describe('LA intervention page (mocked services)', () => {
  it('assesses and states the two facts as at the date asked, with the rationale and the register labelled', async () => {
    const r = await runGet(interventionLaPage, {
      services,
      user: principal('national'),
      laCode: '330',
      query: { asAt: '2019-02-01' },
    })
    assert.equal(r.view, 'pages/la/intervention/index.njk')
    assert.deepEqual(asked.at(-1), { la: '330', asAt: '2019-02-01' })
    assert.match(
      text(r.html!, 'intervention-in-force')!,
      /^Statutory direction with a commissioner since 27 March 2014/,
    )
    assert.match(text(r.html!, 'delivery')!, /^Services delivered by a trust since 1 April 2018/)
    assert.match(r.html!, /Recommended: <strong>Statutory direction with a commissioner<\/strong>/)
    assert.match(r.html!, /kept in force until lifted/)
    assert.match(r.html!, /1 April 2018 · Services move to a trust or other alternative delivery model/)
    assert.ok(r.html!.includes(`href="${urls.interventions()}"`), 'the breadcrumb comes from urls.ts')
  })

  it('falls back to today for a date that is not a real YYYY-MM-DD date', async () => {
    await runGet(interventionLaPage, {
      services,
      user: principal('national'),
      laCode: '330',
      query: { asAt: '2019-02-30x' },
    })
    assert.equal(asked.at(-1)!.asAt, new Date().toISOString().slice(0, 10))
  })

  it('assesses as at the date typed in the GOV.UK date input; an impossible date is said so beside the boxes', async () => {
    const typed = await runGet(interventionLaPage, {
      services,
      user: principal('national'),
      laCode: '330',
      query: { 'asAt-day': '1', 'asAt-month': 'Feb', 'asAt-year': '2019' },
    })
    assert.equal(asked.at(-1)!.asAt, '2019-02-01')
    assert.match(typed.html!, /name="asAt-day" type="text" value="1"/)
    assert.ok(!typed.html!.includes('govuk-error-summary'))
    const bad = await runGet(interventionLaPage, {
      services,
      user: principal('national'),
      laCode: '330',
      query: { 'asAt-day': '30', 'asAt-month': '2', 'asAt-year': '2019' },
    })
    assert.equal(asked.at(-1)!.asAt, new Date().toISOString().slice(0, 10), 'assessed as at today instead')
    assert.match(
      bad.html!,
      /<p id="asAt-error" class="govuk-error-message">\s*<span class="govuk-visually-hidden">Error:<\/span> Enter a real date, for example 22 7 2014/,
    )
    assert.match(bad.html!, /govuk-error-summary[\s\S]*href="#asAt-day">Enter a real date, for example 22 7 2014/)
    assert.match(bad.html!, /name="asAt-day" type="text" value="30"/, 'the boxes keep what was typed')
  })

  it('shows the forms to a national user only, with the letters and people to choose from', async () => {
    const national = await runGet(interventionLaPage, { services, user: principal('national'), laCode: '330' })
    for (const action of ['events', 'commitments', 'decisions'] as const)
      assert.ok(national.html!.includes(`action="${urls.laInterventionPart('330', action)}`), action)
    assert.match(national.html!, /<option value="7">23 May 2014: Ofsted inspection<\/option>/)
    assert.match(national.html!, /<option value="3">Lord Norman Warner, Department for Education<\/option>/)
    const local = await runGet(interventionLaPage, { services, user: principal('local', ['330']), laCode: '330' })
    for (const action of ['events', 'commitments', 'decisions'] as const)
      assert.ok(!local.html!.includes(urls.laInterventionPart('330', action)), `no ${action} form for a local user`)
    assert.match(local.html!, /data-qa="intervention-in-force"/, 'the same page, read-only')
  })
})
