import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../../../../data/store.ts'
import { addUser, Client, startTestApp } from '../../../../../test/support/app.ts'
import { assertFormErrors } from '../../../../../test/support/formErrors.ts'
import { storesUnderTest } from '../../../../../test/support/stores.ts'
import { urls } from '../../../urls.ts'

const REAL_DATE = 'Enter a real date, for example 22 7 2014'
const impossible = (name: string) => ({ [`${name}-day`]: '30', [`${name}-month`]: '2', [`${name}-year`]: '2015' })

/**
 * Every form of the LA's intervention page, given bad input (an impossible date, an over-long text, a wrong choice, a
 * missing field, a letter of another LA, a stale version): each message beside its field and in the summary in field
 * order, the input kept, nothing saved, never a 500.
 */
describe('intervention forms: field errors beside their fields, in field order, nothing saved', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  let national: Client
  const page = urls.laIntervention('330')
  const count = async (table: string) =>
    (await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n
  const saved = async () => [
    await count('intervention_event'),
    await count('intervention_commitment'),
    await count('intervention_decision'),
    (
      await store.query<{ s: string }>(
        `SELECT string_agg(status || version, ',' ORDER BY id) AS s FROM intervention_commitment`,
      )
    )[0].s,
  ]

  before(async () => {
    store = await storesUnderTest()[0].open()
    await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
      ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan district', true),
      ('331', 'E08000026', 'Coventry', 'West Midlands', 'Metropolitan district', true)`)
    app = await startTestApp(store)
    assert.equal(await app.services.demo.seedBirmingham2014(), true)
    await addUser(app.services, 'dfe.adviser', 'national')
    national = new Client(app.url)
    await national.signIn('dfe.adviser')
  })
  after(async () => {
    await app?.close()
    await store?.close()
  })

  it('add to the register: what happened, date, title and details', async () => {
    await assertFormErrors(national, {
      page,
      action: urls.laInterventionPart('330', 'events'),
      input: { kind: 'rumour', ...impossible('date'), title: 'x'.repeat(301), details: 'y'.repeat(5001) },
      errors: [
        { field: 'kind', message: 'Choose what happened' },
        { field: 'date', message: REAL_DATE, href: '#date-day' },
        { field: 'title', message: 'The title must be 300 characters or less' },
        { field: 'details', message: 'The details must be 5,000 characters or less' },
      ],
      saved,
      kept: ['date-day', 'date-month', 'date-year'],
    })
    // A rule the schema cannot see (the register's own history): an ending before what it ends, beside the date.
    await assertFormErrors(national, {
      page,
      action: urls.laInterventionPart('330', 'events'),
      input: {
        kind: 'direction-revoked',
        'date-day': '1',
        'date-month': '1',
        'date-year': '2013',
        title: '',
        details: '',
      },
      errors: [
        {
          field: 'date',
          message:
            'Statutory direction revoked on 1 January 2013 is before the statutory direction with a commissioner started (27 March 2014)',
          href: '#date-day',
        },
      ],
      saved,
    })
  })

  it('record a commitment: letter, what, owner and due date; a letter of another LA is refused', async () => {
    await assertFormErrors(national, {
      page,
      action: urls.laInterventionPart('330', 'commitments'),
      input: { letterId: '', what: '', ownerPersonId: '', ...impossible('dueDate') },
      errors: [
        { field: 'letterId', message: 'Choose the letter the commitment comes from' },
        { field: 'what', message: 'Enter what has been committed to' },
        { field: 'ownerPersonId', message: 'Choose who owns this commitment' },
        { field: 'dueDate', message: REAL_DATE, href: '#dueDate-day' },
      ],
      saved,
      kept: ['dueDate-day', 'dueDate-month', 'dueDate-year'],
    })
    const [person] = await app.services.interventionRegister.people()
    const coventry = await app.services.interventionRegister.addLetter(
      { id: null, name: 'test', role: null },
      {
        laCode: '331',
        direction: 'out',
        sentOn: '2014-04-01',
        fromPersonId: person.id,
        to: [person.id],
        cc: [],
        subject: 'To Coventry',
      },
    )
    await assertFormErrors(national, {
      page,
      action: urls.laInterventionPart('330', 'commitments'),
      input: {
        letterId: String(coventry),
        what: 'A plan for Birmingham',
        ownerPersonId: String(person.id),
        'dueDate-day': '22',
        'dueDate-month': '7',
        'dueDate-year': '2014',
      },
      errors: [
        { field: 'letterId', message: 'Choose a letter to this local authority: that letter is about another one' },
      ],
      saved,
      kept: ['what', 'dueDate-day', 'dueDate-month', 'dueDate-year'],
    })
  })

  it('record a decision: the decision and its reasons', async () => {
    await assertFormErrors(national, {
      page,
      action: urls.laInterventionPart('330', 'decisions'),
      input: { rung: 'maybe', reasons: ' ' },
      errors: [
        { field: 'rung', message: 'Choose the decision' },
        { field: 'reasons', message: 'Give the reasons for the decision' },
      ],
      saved,
      kept: [],
    })
  })

  it('mark a commitment done: a stale version is refused and named, nothing changed', async () => {
    const [c] = await app.services.interventionRegister.commitments({ laCode: '330', openOnly: true })
    await assertFormErrors(national, {
      page,
      action: urls.laInterventionCommitmentDone('330', c.id),
      input: { version: String(c.version + 1) },
      errors: [
        {
          field: 'version',
          message: `Someone else changed this commitment (now open, version ${c.version}); reload to see their change`,
        },
      ],
      saved,
      kept: [],
    })
    await assertFormErrors(national, {
      page,
      action: urls.laInterventionCommitmentDone('330', c.id),
      input: { version: 'two' },
      errors: [{ field: 'version', message: 'Reload the page and try again' }],
      saved,
      kept: [],
    })
  })

  it('a good decision of "No intervention" changes what the LA page and the watch list say', async () => {
    // Birmingham today: the direction was revoked in 2023, the trust still delivers. Put a direction back, then lift it.
    const decide = async (rung: string, reasons: string) => {
      const csrf = await national.csrf(page)
      const r = await national.request('POST', urls.laInterventionPart('330', 'decisions'), {
        _csrf: csrf,
        rung,
        reasons,
      })
      assert.equal(r.status, 303)
    }
    const inForce = async () => {
      const html = (await national.request('GET', page)).text
      const la = /data-qa="intervention-in-force">([^<]*)</.exec(html)![1]
      const watch = (await national.request('GET', urls.interventions())).text
      return { la, watch }
    }
    await decide('statutory-direction', 'Serious concerns again')
    const during = await inForce()
    assert.match(during.la, /^Statutory direction with a commissioner/)
    await decide('none', 'Sustained improvement: good in every judgement')
    const lifted = await inForce()
    assert.match(lifted.la, /^No intervention in force \(since .*: Decision recorded: no intervention/)
    assert.ok(lifted.watch.includes(lifted.la.replace(/&/g, '&amp;')), 'the dashboard says the same as the LA page')
  })
})
