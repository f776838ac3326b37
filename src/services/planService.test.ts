import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { addPlanActor } from '../../test/support/actors.ts'
import { storesUnderTest } from '../../test/support/stores.ts'
import type { Store } from '../data/store.ts'
import { auditService } from './auditService.ts'
import { PlanConflictError, PlanForbiddenError } from './planErrors.ts'
import { InputError } from './commands/command.ts'
import { planReadService } from './planReadService.ts'
import { planService, type PlanActor } from './plans/index.ts'
import { editActionCommand } from './plans/actions.ts'
import { runPlanCommand } from './plans/deps.ts'
import type { ConfirmedReport } from './reports/importReport.ts'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

/** A synthetic SIF report shaped like Birmingham's of 23 May 2014: 10 priority actions (paras 24-33), 6 areas for improvement (34-39). */
function report(overrides: Partial<ConfirmedReport> = {}): ConfirmedReport {
  return {
    laCode: '330',
    framework: 'SIF',
    inspectionStart: '2014-03-18',
    inspectionEnd: '2014-04-09',
    published: '2014-05-23',
    judgements: [
      { area: 'Overall effectiveness', grade: 'Inadequate' },
      { area: 'Children who need help and protection', grade: 'Inadequate' },
    ],
    lscbJudgement: 'Inadequate',
    recommendations: Array.from({ length: 16 }, (_, i) => ({
      number: String(24 + i),
      category: i < 10 ? 'Priority and immediate action' : 'Areas for improvement',
      addressee: 'the local authority',
      text: `Synthetic recommendation ${i + 1}: ensure that every child has a timely assessment.`,
    })),
    file: { bytes: PDF, fileName: 'birmingham.pdf' },
    ...overrides,
  }
}

for (const s of storesUnderTest()) {
  describe(`plans on ${s.name}`, () => {
    let store: Store
    let clock = new Date('2014-05-27T09:00:00Z')
    let plans: ReturnType<typeof planService>
    let views: ReturnType<typeof planReadService>
    const actors: Record<string, PlanActor> = {}
    const setDay = (day: string) => (clock = new Date(`${day}T10:00:00Z`))

    before(async () => {
      store = await s.open()
      await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
        ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan district', true),
        ('331', 'E08000026', 'Coventry', 'West Midlands', 'Metropolitan district', true)`)
      await store.query(`INSERT INTO inspection (la_code, framework, start_date, end_date, published, overall_grade, source, source_key)
        VALUES ('330', 'SIF', '2014-03-18', '2014-04-09', '2014-05-23', 'Inadequate', 'test', 'test-330-2014')`)
      const add = async (username: string, role: 'local' | 'oversight', laCodes: string[]) => {
        actors[username] = await addPlanActor(store, username, role, laCodes)
      }
      await add('improvement.lead', 'local', ['330'])
      await add('action.owner', 'local', ['330'])
      await add('dcs', 'local', ['330'])
      await add('readonly', 'readonly' as 'local', [])
      await add('commissioner', 'oversight', ['330'])
      await add('coventry.lead', 'local', ['331'])
      plans = planService(store, { uploadLimitBytes: 1024 * 1024, reportLimitBytes: 1024 * 1024, now: () => clock })
      views = planReadService(store, { today: () => clock.toISOString().slice(0, 10) })
    })
    after(() => store.close())

    let reportId: number
    let planId: number
    let itemIds: number[]

    it('imports a confirmed report, links the register inspection and keeps the file with its sha256', async () => {
      const r = await plans.importReport(report(), actors['improvement.lead'])
      reportId = r.reportId
      const [insp] = await store.query<{ id: number }>(`SELECT id FROM inspection WHERE source_key = 'test-330-2014'`)
      assert.equal(r.inspectionId, insp.id)
      assert.equal(r.recommendations, 16)
      assert.equal(r.fileSha256, crypto.createHash('sha256').update(PDF).digest('hex'))
      const recs = await store.query<{ paragraph: string; category: string; addressee: string }>(
        `SELECT paragraph, category, addressee FROM recommendation WHERE report_id = $1 ORDER BY ordinal`,
        [reportId],
      )
      assert.deepEqual(
        [recs[0], recs[9].category, recs[10].paragraph, recs[15].paragraph],
        [
          { paragraph: '24', category: 'Priority and immediate action', addressee: 'local authority' },
          'Priority and immediate action',
          '34',
          '39',
        ],
      )
      const [file] = await store.query<{ sha256: string; media_type: string; size_bytes: number }>(
        `SELECT sha256, media_type, size_bytes FROM stored_file`,
      )
      assert.equal(file.media_type, 'application/pdf')
      assert.equal(file.size_bytes, PDF.length)
      assert.equal(file.sha256, r.fileSha256)
    })

    it('refuses a duplicate, an unknown LA, a non-PDF file and another LA, saving nothing', async () => {
      const count = async () => (await store.query<{ n: number }>('SELECT count(*) AS n FROM imported_report'))[0].n
      await assert.rejects(plans.importReport(report(), actors['improvement.lead']), /already been imported/)
      await assert.rejects(
        plans.importReport(report({ laCode: '999', inspectionStart: '2015-01-01', inspectionEnd: null }), {
          id: null,
          name: 'system',
          role: null,
        }),
        /no local authority with code 999/,
      )
      await assert.rejects(
        plans.importReport(
          report({ inspectionStart: '2016-01-01', inspectionEnd: null, file: { bytes: PNG, fileName: 'report.pdf' } }),
          actors['improvement.lead'],
        ),
        (e: InputError) => e.errors[0].field === 'file' && /must be a PDF/.test(e.errors[0].message),
      )
      await assert.rejects(
        plans.importReport(
          report({ laCode: '331', inspectionStart: '2016-01-01', inspectionEnd: null }),
          actors['improvement.lead'],
        ),
        PlanForbiddenError,
      )
      assert.equal(await count(), 1)
      assert.equal((await store.query<{ n: number }>('SELECT count(*) AS n FROM stored_file'))[0].n, 1)
    })

    it('creates a plan with one item per recommendation', async () => {
      const r = await plans.createPlan(
        { laCode: '330', title: 'Birmingham improvement plan', reportIds: [reportId] },
        actors['improvement.lead'],
      )
      planId = r.planId
      const model = await views.planModel(planId, actors['commissioner'])
      itemIds = model.items.map((i) => i.id)
      assert.equal(model.items.length, 16)
      assert.deepEqual([model.items[0].reference, model.items[15].reference], ['24', '39'])
      assert.equal(model.laName, 'Birmingham')
      assert.deepEqual(
        model.summary.categories.map((c) => [c.category, c.total]),
        [
          ['Priority and immediate action', 10],
          ['Areas for improvement', 6],
        ],
      )
    })

    it('counts completeness against a commitment: explained only once an analysis is agreed', async () => {
      await plans.addCommitment(
        planId,
        {
          title: 'Explanation of the underlying issues for every recommendation',
          measure: 'explained',
          dueDate: '2014-07-22',
        },
        actors['commissioner'],
      )
      await plans.addCommitment(
        planId,
        { title: 'Every recommendation has an owned, dated action', measure: 'owned-action', dueDate: '2014-07-22' },
        actors['commissioner'],
      )
      setDay('2014-06-10')
      for (const [n, itemId] of itemIds.entries()) {
        if (n >= 13) break
        const a = await plans.addAnalysis(
          itemId,
          { text: `Underlying issue for item ${n + 1}: managers lack oversight of caseloads.` },
          actors['improvement.lead'],
        )
        if (n === 0)
          await assert.rejects(
            plans.agreeAnalysis(a.id, a.version, actors['improvement.lead']),
            (e: unknown) =>
              e instanceof InputError && /You wrote this analysis, so someone else must agree it/.test(e.message),
            'the author cannot agree their own analysis',
          )
        if (n < 12) await plans.agreeAnalysis(a.id, a.version, actors['dcs'])
      }
      for (const [n, itemId] of itemIds.entries()) {
        if (n >= 9) break
        await plans.addAction(
          itemId,
          {
            title: `Action ${n + 1}`,
            ownerId: actors['action.owner'].id,
            startDate: '2014-06-10',
            dueDate: '2014-09-30',
            status: 'on track',
          },
          actors['improvement.lead'],
        )
      }
      await plans.addAction(itemIds[9], { title: 'Unowned action', dueDate: '2014-09-30' }, actors['improvement.lead'])
      const model = await views.planModel(planId, actors['commissioner'], '2014-07-23')
      assert.deepEqual(
        model.commitments.map((c) => [c.summary, c.status]),
        [
          ['12 of 16 recommendations explained (underlying issues agreed)', 'overdue'],
          ['9 of 16 recommendations have an action with an owner and a due date', 'overdue'],
        ],
      )
      assert.equal(model.items[12].explained, false, 'a draft analysis does not explain an item')
    })

    it('rebuilds the plan as at an earlier date from the version history', async () => {
      const early = await views.planModel(planId, actors['commissioner'], '2014-06-01')
      assert.equal(early.summary.explained, 0)
      assert.equal(early.summary.actions, 0)
      assert.equal(early.commitments.length, 2)
      await assert.rejects(views.planModel(planId, actors['commissioner'], '2014-05-01'), /No plan on 2014-05-01/)
    })

    it('refuses a stale save, showing who changed what; nothing is lost', async () => {
      setDay('2014-06-20')
      const model = await views.planModel(planId, actors['improvement.lead'])
      const action = model.items[0].actions[0]
      await plans.updateAction(action.id, action.version, { dueDate: '2014-10-31' }, actors['action.owner'])
      await assert.rejects(
        plans.updateAction(action.id, action.version, { title: 'A different title' }, actors['improvement.lead']),
        (e: PlanConflictError) => {
          assert.ok(e instanceof PlanConflictError)
          assert.deepEqual(e.changedBy, ['action owner'], 'the person is named, not their username (issue 10)')
          assert.deepEqual(
            e.changes.map((c) => c.text),
            ['Due date: 30 September 2014 → 31 October 2014'],
          )
          assert.equal(e.currentVersion, action.version + 1)
          return true
        },
      )
      const [row] = await store.query<{ title: string; due_date: string; version: number }>(
        'SELECT title, due_date, version FROM plan_action WHERE id = $1',
        [action.id],
      )
      assert.deepEqual(row, { title: 'Action 1', due_date: '2014-10-31', version: 2 })
      const history = await plans.history('action', action.id, actors['commissioner'])
      assert.deepEqual(
        history.map((h) => [h.version, h.action, h.actorName]),
        [
          [1, 'create', 'improvement lead'],
          [2, 'update', 'action owner'],
        ],
      )
      assert.deepEqual(
        history[1].changes.map((c) => c.text),
        ['Due date: 30 September 2014 → 31 October 2014'],
      )
    })

    it('rates delivery by the rules and shows an override with its reason', async () => {
      const model = await views.planModel(planId, actors['commissioner'], '2014-07-01')
      const a = model.items[1].actions[0]
      assert.deepEqual([a.rag.rag, a.rag.rule], ['amber', 'incomplete-row'], 'no milestone yet')
      const m = await plans.addMilestone(
        a.id,
        { title: 'Audit 50 cases', dueDate: '2014-07-15' },
        actors['action.owner'],
      )
      assert.equal(m.version, 1)
      const after = await views.planModel(planId, actors['commissioner'], '2014-08-20')
      assert.deepEqual(
        [after.items[1].actions[0].rag.rag, after.items[1].actions[0].rag.rule],
        ['red', 'milestone-missed-long'],
      )
      await assert.rejects(
        plans.overrideRag(a.id, a.version, 'green', ' ', actors['improvement.lead']),
        (e: InputError) => e.errors[0].field === 'ragOverrideReason',
      )
      await plans.overrideRag(
        a.id,
        a.version,
        'amber',
        'Audit rescheduled by the board on 1 August',
        actors['improvement.lead'],
      )
      const over = (await views.planModel(planId, actors['commissioner'], '2014-08-20')).items[1].actions[0].rag
      assert.equal(over.rag, 'amber')
      assert.deepEqual(over.override, {
        computed: 'red',
        computedRule: 'milestone-missed-long',
        reason: 'Audit rescheduled by the board on 1 August',
      })
    })

    it('refuses a read-only user as an action owner, saving nothing', async () => {
      const before = (await views.planModel(planId, actors['commissioner'])).items[10].actions.length
      await assert.rejects(
        plans.addAction(
          itemIds[10],
          { title: 'Read-only owner', ownerId: actors['readonly'].id, dueDate: '2014-09-30', status: 'on track' },
          actors['improvement.lead'],
        ),
        (e: unknown) =>
          e instanceof InputError &&
          e.errors[0].field === 'ownerId' &&
          e.errors[0].message === 'Select an owner who can work on the plan: a read-only user cannot own an action',
      )
      assert.equal((await views.planModel(planId, actors['commissioner'])).items[10].actions.length, before)
    })

    it('keeps nothing of an action edit that fails part-way: the edit and its RAG override are one transaction', async () => {
      const action = (await views.planModel(planId, actors['commissioner'])).items[0].actions[0]
      const records = plans.deps.records
      const historyBefore = (await records.history('action', action.id, actors['commissioner'])).length
      let updates = 0
      // The second write of the edit (the RAG override, after the fields were saved) fails, as a crash would.
      const failing = new Proxy(records, {
        get(target, prop) {
          if (prop === 'update')
            return (...args: Parameters<typeof records.update>) => {
              if (++updates === 2) throw new Error('the disk filled up')
              return target.update(...args)
            }
          const value = Reflect.get(target, prop, target)
          return typeof value === 'function' ? value.bind(target) : value
        },
      })
      const input = {
        version: String(action.version),
        title: 'Renamed in a save that fails',
        dueDate: action.dueDate,
        status: action.status,
        ragOverride: 'red',
        ragOverrideReason: 'Police protocol not signed',
      }
      await assert.rejects(
        runPlanCommand(
          editActionCommand,
          { ...plans.deps, records: failing, on: { actionId: action.id } },
          input,
          actors['improvement.lead'],
        ),
        /the disk filled up/,
      )
      assert.equal(updates, 2, 'the fields were written before the failure')
      const after = (await records.find(records.db, 'action', action.id))!
      assert.deepEqual(
        [after.title, after.version, after.ragOverride ?? null],
        [action.title, action.version, action.ragOverride ?? null],
        'nothing of the edit was kept',
      )
      assert.equal((await records.history('action', action.id, actors['commissioner'])).length, historyBefore)
    })

    it('accepts evidence files by content only and rejects others, leaving nothing behind', async () => {
      const files = async () => (await store.query<{ n: number }>('SELECT count(*) AS n FROM stored_file'))[0].n
      const before = await files()
      const e = await plans.addEvidence(
        itemIds[0],
        { kind: 'file', title: 'Audit chart', evidenceDate: '2014-06-20', file: { bytes: PNG, fileName: 'chart.png' } },
        actors['action.owner'],
      )
      const f = await plans.evidenceFile(e.id, actors['commissioner'])
      assert.equal(f.mediaType, 'image/png')
      assert.ok(Buffer.from(f.bytes).equals(PNG))
      await assert.rejects(
        plans.addEvidence(
          itemIds[0],
          {
            kind: 'file',
            title: 'Bad',
            evidenceDate: '2014-06-20',
            file: { bytes: Buffer.from('MZ\x90\x00 not a pdf'), fileName: 'minutes.pdf' },
          },
          actors['action.owner'],
        ),
        /must be a PDF, DOCX, XLSX, CSV, PNG or JPEG/,
      )
      await assert.rejects(
        plans.addEvidence(
          itemIds[0],
          { kind: 'link', title: 'Bad link', evidenceDate: '2014-06-20', url: 'javascript:alert(1)' },
          actors['action.owner'],
        ),
        /https/,
      )
      assert.equal(await files(), before + 1)
      await assert.rejects(plans.evidenceFile(e.id, actors['coventry.lead']), PlanForbiddenError)
    })

    it('tracks KPIs against their trajectory', async () => {
      const k = await plans.addKpi(
        planId,
        {
          name: 'Assessments within 45 working days',
          definition: 'Completed in the month',
          polarity: 'higher',
          targetValue: 80,
          itemIds: [itemIds[0]],
          trajectory: [{ month: '2014-07', value: 60 }],
        },
        actors['improvement.lead'],
      )
      setDay('2014-06-30')
      await assert.rejects(
        plans.setKpiValue(k.id, { month: '2014-07', value: 57 }, actors['improvement.lead']),
        (e: unknown) =>
          e instanceof InputError &&
          e.errors[0].field === 'month' &&
          /^July 2014 has not started yet: enter values only for this month or earlier months/.test(
            e.errors[0].message,
          ),
        'a value for a month that has not started is refused',
      )
      setDay('2014-07-21')
      await plans.setKpiValue(k.id, { month: '2014-07', value: 57 }, actors['improvement.lead'])
      const second = await plans.setKpiValue(k.id, { month: '2014-07', value: 58 }, actors['improvement.lead'])
      assert.equal(second.version, 2, 'a second value for the month updates the first')
      const model = await views.planModel(planId, actors['commissioner'], '2014-07-31')
      assert.deepEqual(
        [model.kpis[0].rag.rag, model.kpis[0].rag.reason],
        ['amber', '58 misses trajectory 60 for 2014-07 by 2, within 5'],
      )
      assert.equal(model.items[0].impact.rag, 'amber')
    })

    it('archives instead of deleting, with who and why', async () => {
      const model = await views.planModel(planId, actors['improvement.lead'])
      const a = model.items[9].actions[0]
      await assert.rejects(
        plans.archive('action', a.id, a.version, '', actors['improvement.lead']),
        (e: InputError) => e.errors[0].field === 'reason',
      )
      await plans.archive('action', a.id, a.version, 'Duplicate of action 3', actors['improvement.lead'])
      const [row] = await store.query<{ archive_reason: string; archived_by: number }>(
        'SELECT archive_reason, archived_by FROM plan_action WHERE id = $1',
        [a.id],
      )
      assert.deepEqual(row, { archive_reason: 'Duplicate of action 3', archived_by: actors['improvement.lead'].id })
      assert.equal((await views.planModel(planId, actors['improvement.lead'])).items[9].actions.length, 0)
    })

    it('refuses to submit an incomplete plan, naming each unexplained recommendation', async () => {
      setDay('2014-07-21')
      await assert.rejects(
        plans.submit(planId, { kind: 'plan', summary: 'Revised plan' }, actors['improvement.lead']),
        (e: unknown) =>
          e instanceof InputError &&
          /The plan cannot be submitted yet: 4 recommendations have no agreed analysis of the underlying issues \(36, 37, 38, 39\)/.test(
            e.message,
          ),
      )
      const model = await views.planModel(planId, actors['commissioner'])
      assert.equal(model.plan.status, 'draft', 'nothing was submitted')
      assert.equal(model.submissions.length, 0)
    })

    it('runs the oversight loop: submit, challenge, accept refused until answered and complete, answer, accept', async () => {
      setDay('2014-07-21')
      const draft = (await views.planModel(planId, actors['commissioner'])).items[12].analyses[0]
      await plans.agreeAnalysis(draft.id, draft.version, actors['commissioner'])
      for (const itemId of itemIds.slice(13)) {
        const a = await plans.addAnalysis(itemId, { text: 'Audits are not followed up.' }, actors['improvement.lead'])
        await plans.agreeAnalysis(a.id, a.version, actors['dcs'])
      }
      await assert.rejects(
        plans.submit(planId, { kind: 'plan', summary: 'Revised plan' }, actors['commissioner']),
        PlanForbiddenError,
      )
      const sub = await plans.submit(
        planId,
        { kind: 'plan', summary: 'Revised plan with underlying issues' },
        actors['improvement.lead'],
      )
      await assert.rejects(
        plans.submit(planId, { kind: 'update', summary: 'Again' }, actors['improvement.lead']),
        /already waiting/,
      )
      await assert.rejects(
        plans.comment(planId, { kind: 'challenge', text: 'x' }, actors['action.owner']),
        PlanForbiddenError,
      )
      const ch = await plans.comment(
        planId,
        { kind: 'challenge', itemId: itemIds[3], text: 'How will you know caseloads have fallen?' },
        actors['commissioner'],
      )
      await assert.rejects(
        plans.decide(sub.id, sub.version, 'accepted', 'Good plan', actors['commissioner']),
        /1 challenge has not been answered/,
      )
      await plans.answer(ch.id, ch.version, 'Monthly caseload KPI, reported to the board.', actors['improvement.lead'])
      setDay('2014-07-22')
      // Between submission and decision an agreed analysis is withdrawn: accepting now would accept an unexplained item.
      const withdrawn = (await views.planModel(planId, actors['commissioner'])).items[15].analyses[0]
      await plans.archive('analysis', withdrawn.id, withdrawn.version, 'Wrong item', actors['improvement.lead'])
      await assert.rejects(
        plans.decide(sub.id, sub.version, 'accepted', 'Good plan', actors['commissioner']),
        /This submission cannot be accepted yet: 1 recommendation has no agreed analysis of the underlying issues \(39\)/,
      )
      await assert.rejects(
        plans.decide(sub.id, sub.version, 'accepted', 'Good plan', actors['dcs']),
        PlanForbiddenError,
        'a local user cannot accept',
      )
      const again = await plans.addAnalysis(itemIds[15], { text: 'Audits go unread.' }, actors['improvement.lead'])
      await plans.agreeAnalysis(again.id, again.version, actors['dcs'])
      await plans.decide(
        sub.id,
        sub.version,
        'accepted',
        'Underlying issues explained for most recommendations',
        actors['commissioner'],
      )
      const model = await views.planModel(planId, actors['commissioner'])
      assert.equal(model.plan.status, 'accepted')
      assert.deepEqual([model.submissions[0].status, model.submissions[0].decidedByName], ['accepted', 'commissioner'])
      const [row] = await store.query<{ plan_revision: number; accepted_revision: number; changes: number }>(
        `SELECT plan_revision, accepted_revision,
                (SELECT count(*)::int FROM plan_history WHERE plan_id = $1 AND at <= s.decided_at) AS changes
           FROM submission s WHERE id = $2`,
        [planId, sub.id],
      )
      assert.ok(row.plan_revision > 0, 'the revision submitted is recorded')
      assert.ok(
        row.accepted_revision > row.plan_revision,
        'the plan changed after submission: the later one is accepted',
      )
      assert.equal(
        row.changes,
        row.accepted_revision + 2,
        'accepted revision = changes before the accept wrote its two',
      )
      const challenge = model.items[3].comments[0]
      assert.deepEqual(
        [challenge.status, challenge.answers.length, challenge.answers[0].authorName],
        ['answered', 1, 'improvement lead'],
      )
      const timeline = await views.timeline(planId, actors['commissioner'])
      assert.ok(timeline.some((e) => e.title === 'Submission accepted: Revised plan with underlying issues'))
      assert.ok(timeline.some((e) => e.title === 'Challenge raised: How will you know caseloads have fallen?'))
      const verify = await auditService(store).verify()
      assert.equal(verify.break, undefined)
      assert.ok(verify.checked > 40)
    })

    it('lists my actions with their RAG', async () => {
      const mine = await views.myActions(actors['action.owner'].id!, actors['action.owner'], '2014-07-25')
      assert.equal(mine.length, 9)
      assert.equal(mine[0].planTitle, 'Birmingham improvement plan')
      assert.equal((await views.myActions(actors['action.owner'].id!, actors['coventry.lead'])).length, 0)
    })
  })
}
