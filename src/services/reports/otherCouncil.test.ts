import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { addPlanActor } from '../../../test/support/actors.ts'
import { storesUnderTest } from '../../../test/support/stores.ts'
import type { Store } from '../../data/store.ts'
import { InputError } from '../commands/command.ts'
import { planService, type PlanActor } from '../plans/index.ts'
import { reportImportService, type PendingImport } from './reportImportService.ts'

const COVENTRY_PDF = fs.readFileSync(path.resolve('test/fixtures/ofsted-reports/coventry_2014-03-21_inspection.pdf'))

/** What the review page sends for an extraction left as read. */
const asRead = (e: PendingImport['extraction']) => ({
  framework: 'SIF' as const,
  inspectionStart: e.inspectionStart,
  inspectionEnd: e.inspectionEnd,
  published: e.published,
  lscbJudgement: 'Inadequate' as const,
  judgements: e.judgements.map((j) => ({ area: j.area, grade: j.grade as 'Inadequate' })),
  recommendations: e.recommendations,
})

for (const s of storesUnderTest()) {
  describe(`a report about another council on ${s.name}`, () => {
    let store: Store
    let dataDir: string
    const actors: Record<string, PlanActor> = {}
    const reportsOf = async (la: string) =>
      (await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM imported_report WHERE la_code = $1`, [la]))[0].n

    before(async () => {
      store = await s.open()
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-other-council-'))
      await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
        ('331', 'E08000026', 'Coventry', 'West Midlands', 'Metropolitan district', true),
        ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan district', true)`)
      actors.lead = await addPlanActor(store, 'brum.lead', 'local', ['330'])
      actors.adviser = await addPlanActor(store, 'dfe.adviser', 'national')
      actors.admin = { ...(await addPlanActor(store, 'admin', 'national')), isAdmin: true }
    })
    after(async () => {
      await store.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    })

    const importer = () => {
      const plans = planService(store, { uploadLimitBytes: 1 << 20, reportLimitBytes: 50 << 20 })
      return reportImportService(plans, { dataDir, reportLimitBytes: 50 << 20 })
    }

    it('refuses Coventry’s report saved into Birmingham’s records for an LA user and a national non-administrator', async () => {
      for (const actor of [actors.lead, actors.adviser]) {
        const imports = importer()
        const pending = await imports.stage({ bytes: COVENTRY_PDF, fileName: 'c.pdf', laCode: '330' }, actor)
        await assert.rejects(
          imports.confirm(pending.token, '330', { ...asRead(pending.extraction), laOverrideReason: 'Because' }, actor),
          (e: unknown) =>
            e instanceof InputError &&
            e.errors[0].message ===
              'This report is about Coventry, not Birmingham, so it cannot be saved into Birmingham’s records: upload Birmingham’s own report. Only a national administrator can override this, with a reason',
        )
      }
      assert.equal(await reportsOf('330'), 0, 'nothing was saved')
    })

    it('lets a national administrator override it only with a reason, and audits the override', async () => {
      const imports = importer()
      const pending = await imports.stage({ bytes: COVENTRY_PDF, fileName: 'c.pdf', laCode: '330' }, actors.admin)
      await assert.rejects(
        imports.confirm(pending.token, '330', asRead(pending.extraction), actors.admin),
        (e: unknown) =>
          e instanceof InputError &&
          e.errors[0].field === 'laOverrideReason' &&
          e.errors[0].message === 'Enter why this report about Coventry belongs in Birmingham’s records',
      )
      assert.equal(await reportsOf('330'), 0)
      const reason = 'Joint inspection of the shared trust: the DfE asked for it on both councils’ records'
      const saved = await imports.confirm(
        pending.token,
        '330',
        { ...asRead(pending.extraction), laOverrideReason: reason },
        actors.admin,
      )
      assert.equal(await reportsOf('330'), 1)
      const events = await store.query<{ actor_name: string; la_code: string; after: unknown }>(
        `SELECT actor_name, la_code, after FROM audit_event WHERE action = 'report.other-council-override' AND subject_id = $1`,
        [String(saved.reportId)],
      )
      assert.equal(events.length, 1)
      const after = typeof events[0].after === 'string' ? JSON.parse(events[0].after) : events[0].after
      assert.deepEqual(
        [events[0].actor_name, events[0].la_code, after],
        ['admin', '330', { reportNames: 'Coventry', reason }],
      )
    })

    it('saves a report about the council it is imported for without asking anything', async () => {
      const imports = importer()
      const pending = await imports.stage({ bytes: COVENTRY_PDF, fileName: 'c.pdf', laCode: '331' }, actors.adviser)
      await imports.confirm(pending.token, '331', asRead(pending.extraction), actors.adviser)
      assert.equal(await reportsOf('331'), 1)
    })
  })
}
