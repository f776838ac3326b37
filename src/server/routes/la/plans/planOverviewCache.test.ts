import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { Client, startTestApp } from '../../../../../test/support/app.ts'
import { addBirminghamAndCoventry, storesUnderTest } from '../../../../../test/support/stores.ts'
import type { Store } from '../../../../data/store.ts'
import { ensureDemoAccounts } from '../../../../services/demoService.ts'

const SYSTEM = { id: null, name: 't', role: null }

/**
 * Runs `check` again when the day (UTC) changed while it ran, whether it passed or failed: the overview shows the plan
 * as at today, so two views either side of midnight differ by their date, as they should (a run at 00:00 failed on
 * it). A check that fails within one day fails.
 */
async function onOneDay<T>(check: () => Promise<T>): Promise<T> {
  for (;;) {
    const day = new Date().toISOString().slice(0, 10)
    const outcome = await check().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    )
    if (new Date().toISOString().slice(0, 10) !== day) continue
    if ('error' in outcome) throw outcome.error
    return outcome.value
  }
}

/**
 * The plan's read model and the overview's content are kept per plan version (src/services/plans/planModelCache.ts):
 * never stale. Two apps share one store, as two server processes (or the server and the CLI) would: every change is
 * made through one and read through the other, whose cache has no other way to know than the store.
 */
for (const s of storesUnderTest()) {
  describe(`the plan pages' caches on ${s.name}`, () => {
    let store: Store
    let reader: Awaited<ReturnType<typeof startTestApp>>
    let writer: Awaited<ReturnType<typeof startTestApp>>
    let planId = 0
    const passwords: Record<string, string> = {}
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-plan-cache-'))

    before(async () => {
      store = await s.open()
      await addBirminghamAndCoventry(store)
      reader = await startTestApp(store)
      writer = await startTestApp(store)
      for (const a of await ensureDemoAccounts(writer.services, dataDir)) passwords[a.username] = a.password!
      planId = await writer.services.demo.seedPlan()
    })
    after(async () => {
      await reader?.close()
      await writer?.close()
      await store?.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    })

    /** A client signed in on the writer and the same session on the reader (sessions live in the store). */
    async function signedIn(username: string) {
      const w = new Client(writer.url)
      await w.signIn(username, passwords[username])
      const r = new Client(reader.url)
      r.cookie = w.cookie
      return { w, r }
    }

    it('shows every change to the plan on the very next request: an action, evidence, a KPI value, sign-off', async () => {
      const planUrl = `/la/331/plans/${planId}`
      const lead = await signedIn('improvement.lead')
      const analyst = await signedIn('analyst')
      const commissioner = await signedIn('commissioner')
      const page = async (url: string) => {
        const res = await commissioner.r.request('GET', url)
        assert.equal(res.status, 200, `${url}: ${res.status}`)
        return res.text
      }
      const model = await reader.services.planViews.planModel(planId, SYSTEM)
      // Built once per version and shared, so frozen: a page cannot change what the next request sees.
      assert.equal(await reader.services.planViews.planModel(planId, SYSTEM), model)
      assert.ok(Object.isFrozen(model.items[4].actions[0]))
      const police = model.items[4]
      const itemUrl = `${planUrl}/items/${police.id}`
      const post = async (c: Client, url: string, body: Record<string, string>) => {
        const res = await c.request('POST', url, { _csrf: await c.csrf(itemUrl), ...body })
        assert.equal(res.status, 303, `${url}: ${res.status}`)
        assert.doesNotMatch((await c.request('GET', res.location)).text, /govuk-error-summary/, url)
      }
      // Both caches are filled before each change: the overview twice, the item and KPI pages once.
      const warm = async () => {
        await page(planUrl)
        await page(planUrl)
        await page(itemUrl)
        await page(`${planUrl}/kpis`)
      }

      // An action: its owner joins the overview's owner filter.
      const owner = await writer.services.users.add({
        username: 'fresh.owner',
        displayName: 'Fresh Owner',
        role: 'local',
        title: 'Owner',
        password: 'correct horse battery staple',
        laCodes: ['331'],
      })
      await warm()
      assert.doesNotMatch(await page(planUrl), /Fresh Owner/)
      await post(lead.w, `${itemUrl}/actions`, {
        title: 'Weekly police liaison meeting',
        ownerId: String(owner.id),
        dueDate: '2030-01-31',
        status: 'on track',
      })
      assert.match(await page(planUrl), new RegExp(`<option value="${owner.id}">Fresh Owner</option>`))
      assert.match(await page(itemUrl), /Weekly police liaison meeting/)
      assert.notEqual(await reader.services.planViews.planModel(planId, SYSTEM), model)

      // Evidence, shown on the recommendation's page.
      await warm()
      await post(lead.w, `${itemUrl}/evidence`, {
        kind: 'note',
        title: 'Liaison meeting minutes',
        evidenceDate: '2014-07-01',
        note: 'Minutes',
      })
      assert.match(await page(itemUrl), /Liaison meeting minutes/)

      // A KPI value, shown on the KPIs page.
      const kpi = model.kpis.find((k) => k.name === 'Average social worker caseload')!
      await warm()
      assert.doesNotMatch(await page(`${planUrl}/kpis`), /17\.25/)
      const kpisUrl = `${planUrl}/kpis`
      const sent = { _csrf: await analyst.w.csrf(kpisUrl), kpiId: String(kpi.id), month: '2014-08', value: '17.25' }
      assert.equal((await analyst.w.request('POST', `${kpisUrl}/values`, sent)).status, 303)
      assert.match(await page(kpisUrl), /17\.25/)

      // Sign-off: the last analysis agreed, then an update submitted and returned.
      await warm()
      assert.match(await page(planUrl), /26 of 27 recommendations explained/)
      const draft = police.analyses.find((a) => a.status === 'draft')!
      await post(commissioner.w, `${itemUrl}/analyses/agree`, {
        analysisId: String(draft.id),
        version: String(draft.version),
      })
      assert.match(await page(planUrl), /27 of 27 recommendations explained/)
      assert.match(await page(planUrl), /data-qa="plan-status">Accepted/)
      await post(lead.w, `${planUrl}/review/submit`, { kind: 'update', summary: 'July update' })
      assert.match(await page(planUrl), /data-qa="plan-status">Submitted/)
      const pending = (await writer.services.planViews.planModel(planId, SYSTEM)).submissions[0]
      await post(commissioner.w, `${planUrl}/review/decide`, {
        submissionId: String(pending.id),
        version: String(pending.version),
        decision: 'returned',
        reason: 'Not yet',
      })
      assert.match(await page(planUrl), /data-qa="plan-status">Returned/)
    })

    it('keeps the page whole while nothing changes, and shows a change made straight in the store on the next request', async () => {
      // The whole check on one day: the page shows the plan as at today (the rename is undone before any retry).
      await onOneDay(async () => {
        const planUrl = `/la/331/plans/${planId}`
        const { r } = await signedIn('commissioner')
        const page = async () => {
          const res = await r.request('GET', planUrl)
          assert.equal(res.status, 200)
          return res.text
        }
        const main = async () => /<main[^]*<\/main>/.exec(await page())![0]
        const first = await main()
        assert.equal(await main(), first, 'kept: the same page')
        assert.match(first, /<span class="govuk-caption-l">Coventry<\/span>/)
        // As another process (or a person at the database) would: nothing in this app hears of it but the store.
        await store.query(`UPDATE local_authority SET name = 'Coventry (renamed)' WHERE la_code = '331'`)
        try {
          const renamed = await page()
          assert.match(renamed, /<span class="govuk-caption-l">Coventry \(renamed\)<\/span>/)
          assert.match(renamed, /<title>[^<]*Coventry \(renamed\)/)
        } finally {
          await store.query(`UPDATE local_authority SET name = 'Coventry' WHERE la_code = '331'`)
        }
        assert.equal(await main(), first, 'and back')
      })
    })

    it("gives each viewer their own CSRF token and what their role may do, whoever's view filled the cache", async () => {
      const planUrl = `/la/331/plans/${planId}`
      const panel = await signedIn('panel.member')
      const commissioner = await signedIn('commissioner')
      const lead = await signedIn('improvement.lead')
      const tokens = (html: string) => [...html.matchAll(/name="_csrf" value="([^"]*)"/g)].map((m) => m[1])
      const [first, second] = await onOneDay(async () => [
        (await panel.r.request('GET', planUrl)).text,
        (await commissioner.r.request('GET', planUrl)).text,
      ])
      const own = await commissioner.r.csrf('/no-such-page-for-csrf')
      assert.ok(tokens(second).length >= 2, 'the reviewer is offered the commitment form beside sign-out')
      assert.deepEqual(new Set(tokens(second)), new Set([own]))
      assert.notDeepEqual(new Set(tokens(first)), new Set([own]))
      // No marker of the kept page (src/server/pageCache.ts) is left in place of the token, name or title.
      assert.doesNotMatch(second, /\u0000|sl:(csrf|displayName|title)/)
      // The same content but the token: the cache served the second viewer what a fresh render would have.
      const main = (html: string, token: string) => /<main[^]*<\/main>/.exec(html)![0].replaceAll(token, 'T')
      assert.equal(main(second, own), main(first, tokens(first)[0]))
      const local = (await lead.r.request('GET', planUrl)).text
      assert.doesNotMatch(local, /data-qa="add-commitment"/)
      assert.match(local, /data-qa="add-report"/)
      assert.match(second, /data-qa="add-commitment"/)
      assert.doesNotMatch(second, /data-qa="add-report"/)
      // A form from the cached content works: its token is the viewer's.
      const res = await commissioner.r.request('POST', `${planUrl}/commitments`, {
        _csrf: tokens(second)[0],
        title: 'Every action has a milestone',
        measure: 'milestones',
        dueDate: '2031-09-30',
      })
      assert.equal(res.status, 303)
      assert.match((await panel.r.request('GET', planUrl)).text, /Every action has a milestone/)
    })
  })
}
