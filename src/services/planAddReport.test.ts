import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { addPlanActor } from '../../test/support/actors.ts'
import { storesUnderTest } from '../../test/support/stores.ts'
import type { Store } from '../data/store.ts'
import { auditService } from './auditService.ts'
import { PlanForbiddenError } from './planErrors.ts'
import { InputError } from './commands/command.ts'
import { planReadService } from './planReadService.ts'
import { planService, type PlanActor } from './plans/index.ts'
import type { ConfirmedReport } from './reports/importReport.ts'

/** A confirmed report with `n` recommendations; the defaults are a 2014 SIF inspection of Birmingham (330). */
function report(n: number, overrides: Partial<ConfirmedReport> = {}): ConfirmedReport {
  return {
    laCode: '330',
    framework: 'SIF',
    inspectionStart: '2014-03-18',
    inspectionEnd: '2014-04-09',
    published: '2014-05-23',
    judgements: [{ area: 'Overall effectiveness', grade: 'Inadequate' }],
    lscbJudgement: null,
    recommendations: Array.from({ length: n }, (_, i) => ({
      number: String(i + 1),
      category: 'Priority and immediate action',
      addressee: 'local authority',
      text: `Recommendation ${i + 1} of the ${overrides.framework ?? 'SIF'} report.`,
    })),
    ...overrides,
  }
}

const MONITORING_VISIT: Partial<ConfirmedReport> = {
  framework: 'monitoring visit',
  inspectionStart: '2016-02-09',
  inspectionEnd: '2016-02-10',
  published: '2016-03-08',
  judgements: [],
}

/**
 * A later report (a monitoring visit letter, a re-inspection) joins an existing plan as new items: one transaction,
 * with its audit event and plan history; refused with a clear message, and nothing saved, when it does not fit.
 */
for (const s of storesUnderTest()) {
  describe(`adding a later report to a plan on ${s.name}`, () => {
    let store: Store
    let clock = new Date('2014-05-27T09:00:00Z')
    let plans: ReturnType<typeof planService>
    let views: ReturnType<typeof planReadService>
    const actors: Record<string, PlanActor> = {}
    const setDay = (day: string) => (clock = new Date(`${day}T10:00:00Z`))
    let planId: number
    let firstItem: { id: number; version: number }
    const itemVersions = async () =>
      await store.query<{ id: number; version: number }>('SELECT id, version FROM plan_item ORDER BY id')
    let visitId: number

    /** Rows in every table an add could write to: a refusal must leave them all as they were. */
    const counts = async () =>
      (
        await store.query<Record<string, number>>(`SELECT
          (SELECT count(*) FROM plan_report) AS links, (SELECT count(*) FROM plan_item) AS items,
          (SELECT count(*) FROM plan_history) AS history, (SELECT count(*) FROM audit_event) AS audit,
          (SELECT sum(version) FROM imported_report) AS report_versions`)
      )[0]

    /** Runs `run` after counting (a thunk, so nothing starts before the count) and checks the refusal. */
    const refused = async (run: () => Promise<unknown>, check: (e: Error) => boolean) => {
      const before = await counts()
      await assert.rejects(run, (e: Error) => {
        assert.ok(check(e), `unexpected refusal: ${e.constructor.name}: ${e.message}`)
        return true
      })
      assert.deepEqual(await counts(), before, 'nothing saved')
    }

    before(async () => {
      store = await s.open()
      await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
        ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan district', true),
        ('331', 'E08000026', 'Coventry', 'West Midlands', 'Metropolitan district', true)`)
      const add = async (username: string, role: 'local' | 'oversight', laCodes: string[]) => {
        actors[username] = await addPlanActor(store, username, role, laCodes)
      }
      await add('improvement.lead', 'local', ['330'])
      await add('commissioner', 'oversight', ['330'])
      await add('coventry.lead', 'local', ['331'])
      plans = planService(store, { uploadLimitBytes: 1024 * 1024, reportLimitBytes: 1024 * 1024, now: () => clock })
      views = planReadService(store, { today: () => clock.toISOString().slice(0, 10) })

      const lead = actors['improvement.lead']
      const { reportId } = await plans.importReport(report(16), lead)
      planId = (
        await plans.createPlan({ laCode: '330', title: 'Birmingham improvement plan', reportIds: [reportId] }, lead)
      ).planId
      const model = await views.planModel(planId, lead)
      // A plan is submitted only when every recommendation is explained: agreed by someone other than its author.
      for (const item of model.items) {
        const analysis = await plans.addAnalysis(item.id, { text: 'Caseloads too high.' }, lead)
        await plans.agreeAnalysis(analysis.id, analysis.version, actors['commissioner'])
      }
      const sub = await plans.submit(planId, { kind: 'plan', summary: 'The plan' }, lead)
      setDay('2014-07-25')
      await plans.decide(sub.id, sub.version, 'accepted', 'A sound plan', actors['commissioner'])
      firstItem = (await itemVersions())[0]

      setDay('2016-03-10')
      visitId = (await plans.importReport(report(4, MONITORING_VISIT), lead)).reportId
    })
    after(() => store.close())

    it('refuses a report about another local authority, naming both', async () => {
      const coventry = await plans.importReport(
        report(3, {
          laCode: '331',
          inspectionStart: '2014-01-13',
          inspectionEnd: '2014-02-04',
          published: '2014-03-21',
        }),
        actors['coventry.lead'],
      )
      await refused(
        () => plans.addReportToPlan(planId, coventry.reportId, actors['improvement.lead']),
        (e) =>
          e instanceof InputError &&
          e.errors[0].field === 'reportId' &&
          e.errors[0].message ===
            'The SIF report (inspected 13 January 2014) is about Coventry, not Birmingham: a plan can only answer reports about its own local authority',
      )
    })

    it('refuses an archived report, an archived plan and a missing report', async () => {
      const lead = actors['improvement.lead']
      const old = await plans.importReport(report(2, { ...MONITORING_VISIT, inspectionStart: '2015-11-03' }), lead)
      await plans.archive('report', old.reportId, 1, 'Imported twice by mistake', lead)
      await refused(
        () => plans.addReportToPlan(planId, old.reportId, lead),
        (e) =>
          e instanceof InputError &&
          e.errors[0].message ===
            'The monitoring visit report (inspected 3 November 2015) has been archived, so it cannot be added to a plan',
      )
      const spare = await plans.createPlan(
        { laCode: '330', title: 'Draft plan started by mistake', reportIds: [] },
        lead,
      )
      await plans.archive('plan', spare.planId, 1, 'Started by mistake', lead)
      await refused(
        () => plans.addReportToPlan(spare.planId, visitId, lead),
        (e) =>
          e instanceof InputError &&
          e.errors[0].field === 'planId' &&
          e.errors[0].message === 'The plan “Draft plan started by mistake” has been archived: choose an open plan',
      )
      await refused(
        () => plans.addReportToPlan(planId, 999_999, lead),
        (e) => /There is no Ofsted report 999999/.test(e.message),
      )
    })

    it('refuses a user who cannot edit plans, or who works on another local authority', async () => {
      await refused(
        () => plans.addReportToPlan(planId, visitId, actors['commissioner']),
        (e) => e instanceof PlanForbiddenError,
      )
      await refused(
        () => plans.addReportToPlan(planId, visitId, actors['coventry.lead']),
        (e) => e instanceof PlanForbiddenError,
      )
    })

    it('adds the monitoring visit to the accepted plan as new items, leaving the existing ones as they were', async () => {
      const before = await counts()
      const versionsBefore = await itemVersions()
      const r = await plans.addReportToPlan(planId, visitId, actors['improvement.lead'])
      assert.deepEqual([r.recommendations, r.itemIds.length, r.planStatus], [4, 4, 'accepted'])
      assert.equal(r.reportName, 'monitoring visit report (inspected 9 February 2016)')
      const after = await counts()
      assert.deepEqual(
        [after.links - before.links, after.items - before.items, after.report_versions - before.report_versions],
        [1, 4, 1],
      )
      // One history row and one audit event for the link, then one of each per new item.
      assert.deepEqual([after.history - before.history, after.audit - before.audit], [5, 5])

      const model = await views.planModel(planId, actors['commissioner'])
      assert.equal(model.items.length, 20)
      assert.equal(model.plan.status, 'accepted', 'adding items does not change where the plan is in review')
      assert.deepEqual(
        model.reports.map((x) => x.framework),
        ['SIF', 'monitoring visit'],
      )
      assert.deepEqual(
        (await itemVersions()).slice(0, versionsBefore.length),
        versionsBefore,
        'existing items untouched',
      )
      assert.equal(model.items.find((i) => i.id === firstItem.id)!.explained, true)
      const added = model.items.filter((i) => r.itemIds.includes(i.id))
      assert.deepEqual(
        added.map((i) => i.text),
        [1, 2, 3, 4].map((n) => `Recommendation ${n} of the monitoring visit report.`),
      )

      const [audit] = await store.query<{ actor_name: string; la_code: string; after: Record<string, unknown> }>(
        `SELECT actor_name, la_code, after FROM audit_event WHERE action = 'plan.report.add-to-plan' AND subject_id = $1`,
        [String(visitId)],
      )
      assert.deepEqual(
        [audit.actor_name, audit.la_code, audit.after.planId, audit.after.recommendations],
        ['improvement.lead', '330', planId, 4],
      )
      const timeline = await views.timeline(planId, actors['commissioner'])
      assert.ok(
        timeline.some(
          (e) => e.title === 'Ofsted report added to the plan: monitoring visit report (inspected 9 February 2016)',
        ),
        timeline.map((e) => e.title).join('\n'),
      )
      assert.ok(timeline.some((e) => e.title === 'Plan item added (4)' && e.at.startsWith('2016-03-10')))
      const verify = await auditService(store).verify()
      assert.equal(verify.break, undefined)
    })

    it('shows the plan as at a day before the link without the report or its items', async () => {
      const then = await views.planModel(planId, actors['commissioner'], '2016-03-09')
      assert.equal(then.items.length, 16)
      assert.deepEqual(
        then.reports.map((x) => x.framework),
        ['SIF'],
      )
      const now = await views.planModel(planId, actors['commissioner'], '2016-03-10')
      assert.equal(now.items.length, 20)
      assert.equal(now.reports.length, 2)
    })

    it('refuses a report already in this plan or in another plan, naming the plan', async () => {
      const lead = actors['improvement.lead']
      await refused(
        () => plans.addReportToPlan(planId, visitId, lead),
        (e) =>
          e instanceof InputError &&
          e.errors[0].message === 'The plan already answers the monitoring visit report (inspected 9 February 2016)',
      )
      const other = await plans.createPlan({ laCode: '330', title: 'Early help plan', reportIds: [] }, lead)
      await refused(
        () => plans.addReportToPlan(other.planId, visitId, lead),
        (e) =>
          e instanceof InputError &&
          e.errors[0].message ===
            'The monitoring visit report (inspected 9 February 2016) is already in another plan, “Birmingham improvement plan”: its recommendations are answered there',
      )
    })
  })
}
