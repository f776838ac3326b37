import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { addPlanActor } from '../../../test/support/actors.ts'
import { storesUnderTest } from '../../../test/support/stores.ts'
import type { Store } from '../../data/store.ts'
import { planReadService } from '../planReadService.ts'
import { planService, type PlanActor } from '../plans/index.ts'
import { extractionAsReport, reportImportService } from './reportImportService.ts'

const ROTHERHAM = fs.readFileSync(path.resolve('test/fixtures/ofsted-reports/rotherham_2014-11-19_inspection.pdf'))

for (const s of storesUnderTest()) {
  describe(`recommendation themes from a report to the plan on ${s.name}`, () => {
    let store: Store
    let actor: PlanActor
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-themes-'))

    before(async () => {
      store = await s.open()
      await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
        ('372', 'E08000018', 'Rotherham', 'Yorkshire and the Humber', 'Metropolitan district', true)`)
      actor = await addPlanActor(store, 'rotherham.lead', 'local', ['372'])
    })
    after(async () => {
      await store.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    })

    it('keeps the theme sub-headings the reader found and copies them to the plan items', async () => {
      const plans = planService(store, { uploadLimitBytes: 1 << 20, reportLimitBytes: 50 << 20 })
      const extraction = await reportImportService(plans, { dataDir, reportLimitBytes: 50 << 20 }).readFor(
        ROTHERHAM,
        '372',
      )
      const { reportId } = await plans.importReport(
        { ...extractionAsReport(extraction, '372'), file: { bytes: ROTHERHAM, fileName: 'rotherham.pdf' } },
        actor,
      )
      const { planId } = await plans.createPlan(
        { laCode: '372', title: 'Improvement plan', reportIds: [reportId] },
        actor,
      )
      const model = await planReadService(store).planModel(planId, actor)
      const themeOf = (ref: string) => model.items.find((i) => i.reference === ref)?.theme
      assert.equal(model.items.length, 35)
      assert.equal(themeOf('1'), 'Leadership, management and governance')
      assert.equal(themeOf('6'), 'Management oversight of social work practice')
      assert.equal(themeOf('14'), 'Thresholds')
      assert.equal(themeOf('158'), 'Performance, challenge and improvement')
    })
  })
}
