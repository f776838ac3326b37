import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../data/store.ts'
import { storesUnderTest } from '../../test/support/stores.ts'
import { SYSTEM_ACTOR } from './auditService.ts'
import { seedBirmingham2014 } from './demo/seedBirmingham2014.ts'
import { InputError } from './commands/command.ts'
import { interventionRegisterService, type InterventionRegisterService } from './interventionRegisterService.ts'

/** The message an InputError carries for a field, or undefined. */
const errorOf = (e: unknown, field: string) =>
  e instanceof InputError ? e.errors.find((x) => x.field === field)?.message : undefined

for (const s of storesUnderTest()) {
  describe(`interventions register on ${s.name}`, () => {
    let store: Store
    let register: InterventionRegisterService
    before(async () => {
      store = await s.open()
      await store.query(
        `INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan District', true)`,
      )
      register = interventionRegisterService(store)
      assert.equal(await seedBirmingham2014(store), true)
    })
    after(async () => store?.close())

    it('seeds the 2014 story: both letters with addressees and copy lists, commitments, studies, status by date', async () => {
      const letters = await register.letters('330')
      assert.equal(letters.length, 2)
      const may = letters.find((l) => l.sentOn === '2014-05-23')!
      assert.deepEqual(
        may.to.map((r) => r.name),
        ['Councillor Sir Albert Bore'],
      )
      assert.deepEqual(may.cc.map((r) => r.name).sort(), [
        'Councillor Brigid Jones',
        'Jane Held',
        'Lord Norman Warner',
        'Mark Rogers',
        'Peter Hay',
      ])
      assert.ok(
        may.commitments.some(
          (c) => c.dueDate === '2014-07-22' && /underlying each of the Ofsted recommendations/.test(c.what),
        ),
      )
      const studies = await register.studies('330')
      assert.deepEqual(
        studies.map((x) => x.reportDue),
        ['2014-09-30', '2014-12-31'],
      )
      const in2014 = await register.standing('330', '2014-05-23')
      assert.equal(in2014.intervention.kind, 'statutory-direction')
      assert.equal(in2014.intervention.commissioner, 'Lord Norman Warner')
      assert.equal(in2014.delivery.kind, 'in-house')
      const in2019 = await register.standing('330', '2019-01-01')
      assert.deepEqual([in2019.intervention.kind, in2019.delivery.kind], ['statutory-direction', 'trust'])
      const now = await register.standing('330', '2026-12-03')
      assert.deepEqual([now.intervention.kind, now.delivery.kind, now.delivery.since], ['none', 'trust', '2018-04-01'])
      const all = await register.standings('2026-12-03')
      assert.deepEqual(all.get('330'), now, 'the watch list reads the same two facts')
      assert.equal(await seedBirmingham2014(store), false, 'seeding twice does nothing')
    })

    it('refuses bad input naming the field, and saves nothing', async () => {
      const before = (await register.events('330')).length
      const [letter] = await register.letters('330')
      await assert.rejects(
        register.addEvent(SYSTEM_ACTOR, { laCode: '330', kind: 'improvement-notice-lifted', date: '2008-01-01' }),
        (e: unknown) => /before the improvement notice started \(1 February 2009\)/.test(errorOf(e, 'date') ?? ''),
      )
      await assert.rejects(
        register.addEvent(SYSTEM_ACTOR, { laCode: '999', kind: 'adviser-appointed', date: '2014-01-01' }),
        (e: unknown) => Boolean(errorOf(e, 'laCode')),
      )
      await assert.rejects(
        register.addEvent(
          SYSTEM_ACTOR,
          { laCode: '330', kind: 'adviser-appointed', date: '2014-01-01' },
          { name: 'notes.pdf', bytes: Buffer.from('PK\u0003\u0004 not a pdf') },
        ),
        (e: unknown) => /not a PDF/.test(errorOf(e, 'document') ?? ''),
      )
      assert.equal((await register.events('330')).length, before)
      await assert.rejects(
        register.addCommitment(SYSTEM_ACTOR, {
          laCode: '330',
          letterId: letter.id,
          what: 'Something',
          ownerPersonId: null,
          dueDate: null,
        }),
        (e: unknown) => errorOf(e, 'ownerPersonId') !== undefined && errorOf(e, 'dueDate') === 'Enter the due date',
      )
      await assert.rejects(
        register.addCommitment(SYSTEM_ACTOR, {
          laCode: '330',
          letterId: letter.id,
          what: 'x',
          ownerPersonId: 99999,
          dueDate: '2014-02-30',
        }),
        (e: unknown) => /real date/.test(errorOf(e, 'dueDate') ?? ''),
      )
      await assert.rejects(
        register.addCommitment(SYSTEM_ACTOR, {
          laCode: '330',
          letterId: letter.id,
          what: 'x',
          ownerPersonId: 99999,
          dueDate: '2014-07-22',
        }),
        (e: unknown) => errorOf(e, 'ownerPersonId') === 'Choose an owner who is in the directory',
      )
    })

    it("refuses a commitment whose letter belongs to another LA, and saves nothing (issue 12's loose end)", async () => {
      await store.query(
        `INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES ('331', 'E08000026', 'Coventry', 'West Midlands', 'Metropolitan District', true)`,
      )
      const [person] = await register.people()
      const coventryLetter = await register.addLetter(SYSTEM_ACTOR, {
        laCode: '331',
        direction: 'out',
        sentOn: '2014-04-01',
        fromPersonId: person.id,
        to: [person.id],
        cc: [],
        subject: 'Coventry letter',
      })
      const before = (await register.commitments({ laCode: '330' })).length
      const commitment = { what: 'Something for Birmingham', ownerPersonId: person.id, dueDate: '2014-08-01' }
      await assert.rejects(
        register.addCommitment(SYSTEM_ACTOR, { laCode: '330', letterId: coventryLetter, ...commitment }),
        (e: unknown) =>
          errorOf(e, 'letterId') === 'Choose a letter to this local authority: that letter is about another one',
      )
      await assert.rejects(
        register.addCommitment(SYSTEM_ACTOR, { laCode: '330', letterId: 987654, ...commitment }),
        (e: unknown) => Boolean(errorOf(e, 'letterId')),
        'a letter that does not exist is refused too',
      )
      assert.equal((await register.commitments({ laCode: '330' })).length, before, 'nothing saved')
      assert.equal((await register.commitments({ laCode: '331' })).length, 0)
      const own = await register.addCommitment(SYSTEM_ACTOR, { laCode: '331', letterId: coventryLetter, ...commitment })
      assert.ok(own > 0, "the same commitment against Coventry's own letter is accepted")
      assert.equal((await register.commitments({ laCode: '331' })).length, 1)
    })

    it('completes a commitment once; a stale second save is refused with the other change named', async () => {
      const [c] = await register.commitments({ laCode: '330', openOnly: true })
      const done = { laCode: '330', id: c.id, version: c.version, doneOn: '2014-07-21' }
      await register.completeCommitment(SYSTEM_ACTOR, done)
      await assert.rejects(register.completeCommitment(SYSTEM_ACTOR, { ...done, doneOn: '2014-07-22' }), (e: unknown) =>
        /Someone else changed this commitment \(now done/.test(errorOf(e, 'version') ?? ''),
      )
      const calendar = await register.calendar(['330'])
      assert.ok(calendar.some((i) => i.kind === 'Study report due' && i.date === '2014-09-30'))
      assert.ok(
        calendar.filter((i) => i.kind === 'Commitment').some((i) => i.overdue),
        'open 2014 commitments are overdue today',
      )
    })

    it('a decision changes the intervention in force: "No intervention" lifts it, a step-down lifts then starts', async () => {
      const before = await register.events('330')
      await register.recordDecision(
        SYSTEM_ACTOR,
        { laCode: '330', decidedOn: '2014-06-01', rung: 'statutory-direction', reasons: 'Confirms the direction' },
        {},
      )
      assert.equal((await register.events('330')).length, before.length, 'confirming what is in force adds nothing')
      await register.recordDecision(
        SYSTEM_ACTOR,
        { laCode: '330', decidedOn: '2019-06-01', rung: 'support', reasons: 'Step down to adviser support' },
        {},
      )
      assert.equal((await register.standing('330', '2019-06-01')).intervention.kind, 'support')
      assert.equal((await register.standing('330', '2024-01-10')).intervention.kind, 'support', 'until lifted')
      await register.recordDecision(
        SYSTEM_ACTOR,
        { laCode: '330', decidedOn: '2024-06-01', rung: 'none', reasons: 'Good in every judgement' },
        {},
      )
      const after = await register.standing('330', '2024-06-01')
      assert.equal(after.intervention.kind, 'none')
      assert.equal(after.intervention.since, '2024-06-01')
      assert.equal(after.delivery.kind, 'trust', 'the trust still delivers services')
      const [{ n }] = await store.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM intervention_event WHERE la_code = '330' AND decision_id IS NOT NULL`,
      )
      assert.equal(n, 3, 'the step-down (lift, then adviser) and the lifting each carry their decision')
      await assert.rejects(
        register.recordDecision(
          SYSTEM_ACTOR,
          { laCode: '330', decidedOn: '2024-06-01', rung: 'maybe', reasons: '' },
          {},
        ),
        (e: unknown) => Boolean(errorOf(e, 'rung')) && Boolean(errorOf(e, 'reasons')),
      )
    })
  })
}
