import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { addPlanActor } from '../../../test/support/actors.ts'
import { storesUnderTest } from '../../../test/support/stores.ts'
import type { Store } from '../../data/store.ts'
import { planService, type PlanActor } from '../plans/index.ts'
import { registerInspectionFor } from './importReport.ts'
import { reportImportService } from './reportImportService.ts'

const COVENTRY_PDF = fs.readFileSync(path.resolve('test/fixtures/ofsted-reports/coventry_2014-03-21_inspection.pdf'))

for (const s of storesUnderTest()) {
  describe(`linking an imported report to the register on ${s.name}`, () => {
    let store: Store
    let dataDir: string
    let actor: PlanActor
    const ids: Record<string, number> = {}

    before(async () => {
      store = await s.open()
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-match-'))
      await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
        ('331', 'E08000026', 'Coventry', 'West Midlands', 'Metropolitan district', true),
        ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan district', true)`)
      // As in Ofsted's outcome files: publication dates only, no visit dates.
      for (const [key, framework, published] of [
        ['slac-2011', 'SLAC', '2011-05-12'],
        ['sif-2014', 'SIF', '2014-03-21'],
        ['sif-2017', 'SIF re-inspection', '2017-06-13'],
        ['ilacs-2022', 'ILACS standard', '2022-08-12'],
      ]) {
        const [row] = await store.query<{ id: number }>(
          `INSERT INTO inspection (la_code, framework, published, source, source_key) VALUES ('331', $1, $2, 'test', $3) RETURNING id`,
          [framework, published, key],
        )
        ids[key] = row.id
      }
      actor = await addPlanActor(store, 'coventry.lead', 'local', ['331', '330'])
    })
    after(async () => {
      await store.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    })

    const visit = { laCode: '331', inspectionStart: '2014-01-28', inspectionEnd: '2014-02-05', published: null }

    it('finds the same framework published within 150 days after the visit, and nothing else', async () => {
      assert.equal((await registerInspectionFor(store.db, { ...visit, framework: 'SIF' }))?.id, ids['sif-2014'])
      assert.equal(
        await registerInspectionFor(store.db, { ...visit, framework: 'ILACS' }),
        null,
        'another framework is not a match',
      )
      const later = { ...visit, framework: 'SIF' as const, inspectionStart: '2016-01-04', inspectionEnd: '2016-01-22' }
      assert.equal(
        await registerInspectionFor(store.db, later),
        null,
        'a listing 17 months after the visit is another inspection',
      )
      const reinspection = { ...later, inspectionStart: '2017-04-24', inspectionEnd: '2017-05-05' }
      assert.equal((await registerInspectionFor(store.db, reinspection))?.id, ids['sif-2017'])
      const printed = { ...visit, framework: 'other' as const, published: '2011-05-12' }
      assert.equal(
        (await registerInspectionFor(store.db, printed))?.id,
        ids['slac-2011'],
        'a printed publication date matches exactly',
      )
    })

    it('proposes the register’s publication date on the review step, flagged to check, and links on confirm', async () => {
      const plans = planService(store, { uploadLimitBytes: 1 << 20, reportLimitBytes: 50 << 20 })
      const imports = reportImportService(plans, { dataDir, reportLimitBytes: 50 << 20 })
      const pending = await imports.stage({ bytes: COVENTRY_PDF, fileName: 'coventry.pdf', laCode: '331' }, actor)
      assert.equal(pending.extraction.published, '2014-03-21')
      const flag = (pending.extraction.flags ?? []).find((f) => (f as { field: string }).field === 'published') as {
        message: string
      }
      assert.match(flag.message, /taken from Ofsted’s list of inspections \(SIF, published 2014-03-21\)\. Check it/)
      assert.ok(!(pending.extraction.flags ?? []).some((f) => (f as { field: string }).field === 'la'))
      const e = pending.extraction
      const saved = await imports.confirm(
        pending.token,
        '331',
        {
          framework: 'SIF',
          inspectionStart: e.inspectionStart,
          inspectionEnd: e.inspectionEnd,
          published: e.published,
          lscbJudgement: 'Inadequate',
          judgements: e.judgements.map((j) => ({ area: j.area, grade: j.grade as 'Inadequate' })),
          recommendations: e.recommendations,
        },
        actor,
      )
      assert.equal(saved.inspectionId, ids['sif-2014'])
      assert.equal(saved.recommendations, 27)
      assert.deepEqual(fs.readdirSync(path.join(dataDir, 'imports')), [], 'the staged files are removed once saved')
    })

    it('flags a report about another council than the one it is imported for', async () => {
      const plans = planService(store, { uploadLimitBytes: 1 << 20, reportLimitBytes: 50 << 20 })
      const imports = reportImportService(plans, { dataDir, reportLimitBytes: 50 << 20 })
      const e = await imports.readFor(COVENTRY_PDF, '330')
      const flag = (e.flags ?? []).find((f) => (f as { field: string }).field === 'la') as { message: string }
      assert.equal(
        flag.message,
        'The report names Coventry, but you are importing it for Birmingham: check you chose the right file',
      )
      assert.equal(e.published, null, 'no Birmingham inspection in the register matches, so no date is proposed')
    })
  })
}
