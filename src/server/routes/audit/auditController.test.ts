import assert from 'node:assert/strict'
import type { Request, Response } from 'express'
import { describe, it } from 'node:test'
import type { RecentCheck } from '../../../services/auditVerification.ts'
import type { Services } from '../../../services/index.ts'
import { principal, runGet } from '../../../../test/support/pageHarness.ts'
import { planTimelinePage } from '../la/plans/timeline/planTimelineController.ts'
import auditPage from './auditController.ts'

const admin = principal('national', null, { isAdmin: true })
const event = (id: number) => ({
  id,
  at: '2026-12-01T10:00:00.000Z',
  actorId: null,
  actorName: 'system',
  role: null,
  action: 'test.event',
  subjectType: null,
  subjectId: null,
  laCode: '330',
  before: null,
  after: null,
  requestId: null,
  prevHash: '0',
  hash: '1',
})
const intact: RecentCheck = {
  from: { kind: 'incremental', lastId: 7, eventCount: 7, verifiedAt: '2026-12-01T09:00:00.000Z', anchors: 0 },
  lastFull: { kind: 'full', lastId: 5, eventCount: 5, verifiedAt: '2026-11-30T11:00:00.000Z', anchors: 2 },
  checked: 3,
  throughId: 10,
  eventCount: 10,
  more: false,
  cap: 2000,
  anchor: { at: '2026-12-01T09:30:00.000Z', lastId: 9, count: 9, status: 'agrees' },
  work: { hashed: 3, rowsRead: 55 },
}

/** The audit page over mocked services: what it asks for, and what it says. */
function auditWith(check: RecentCheck, page = { rows: [event(10), event(9)], newerFrom: 10, olderFrom: 9 }) {
  const asked: unknown[] = []
  const services = {
    audit: {
      page: async (...args: unknown[]) => (asked.push(args), page),
      checkRecent: async () => check,
    },
  } as unknown as Partial<Services>
  return { services, asked }
}

describe('audit page', () => {
  it('asks for the page after the cursor with the filters, and keeps the filters in its links', async () => {
    const { services, asked } = auditWith(intact)
    const query = { la: '330', action: 'plan.', before: '11' }
    const { html } = await runGet(auditPage, { services, user: admin, query })
    assert.deepEqual(asked, [[{ laCode: '330', action: 'plan.' }, { before: 11, after: undefined }, 50]])
    assert.match(html!, /href="\/audit\?la=330&amp;action=plan.&amp;after=10"[^>]*rel="prev"/)
    assert.match(html!, /href="\/audit\?la=330&amp;action=plan.&amp;before=9"[^>]*rel="next"/)
    assert.match(html!, /href="\/audit\?la=330&amp;action=plan."[^>]*data-qa="audit-newest"/)
    const bad = auditWith(intact)
    await runGet(auditPage, { services: bad.services, user: admin, query: { before: 'x; drop', la: '33' } })
    assert.deepEqual(bad.asked, [
      [{ laCode: undefined, action: undefined }, { before: undefined, after: undefined }, 50],
    ])
  })

  it('says what this view checked, from which checkpoint, and when the whole trail was last checked', async () => {
    const { services } = auditWith(intact)
    const { html } = await runGet(auditPage, { services, user: admin })
    const text = html!.replace(/\s+/g, ' ')
    assert.match(text, /Chain intact<\/strong> The chain checks out up to event 10 \(10 events\)/)
    assert.match(
      text,
      /This view checked the 3 events written since the last check, which had verified the trail up to event 7 on 1 December 2026 at 9:00am/,
    )
    assert.match(
      text,
      /The newest anchor kept outside the store \(9 events, written 1 December 2026 at 9:30am\) agrees/,
    )
    assert.match(
      text,
      /The whole trail was last checked on 30 November 2026 at 11:00am: all 5 events from the first, and the 2 anchors/,
    )
    assert.match(text, /a change to an older event shows only in a check of the whole trail/)
    assert.match(text, /data-qa="audit-verify-all"/)
    assert.doesNotMatch(text, /data-qa="audit-more"|data-qa="audit-broken"|data-qa="audit-newest"/)
  })

  it('says when a backlog is left for later views, and when nothing has checked the whole trail', async () => {
    const { services } = auditWith({ ...intact, from: undefined, lastFull: undefined, more: true, checked: 2000 })
    const text = (await runGet(auditPage, { services, user: admin })).html!.replace(/\s+/g, ' ')
    assert.match(text, /This view checked all 2,000 events from the first/)
    assert.match(
      text,
      /data-qa="audit-more">Newer events than event 10 are not checked yet: each view checks up to 2,000 more/,
    )
    assert.match(text, /The whole trail has not been checked from its first event yet/)
  })

  it('warns of a break found by this view, and of one found by the last full check', async () => {
    const broken = { id: 8, reason: 'its content does not match its hash (changed after it was written)' }
    let { services } = auditWith({ ...intact, break: broken })
    let text = (await runGet(auditPage, { services, user: admin })).html!.replace(/\s+/g, ' ')
    assert.match(text, /data-qa="audit-broken".*event 8 fails the check because its content does not match its hash/)
    assert.doesNotMatch(text, /Chain intact/)
    ;({ services } = auditWith({ ...intact, lastFull: { ...intact.lastFull!, break: { id: 3, reason: 'x' } } }))
    text = (await runGet(auditPage, { services, user: admin })).html!.replace(/\s+/g, ' ')
    assert.match(text, /data-qa="audit-full-broken".*found it broken: event 3 fails because x/)
  })

  it('checks the whole trail on request, anchors a good result, and says what it found', async () => {
    for (const result of [
      { checked: 100_000, anchors: 3 },
      { checked: 4, anchors: 0, break: { id: 4, reason: 'r' } },
    ]) {
      const calls: string[] = []
      const flashes: string[] = []
      const services = {
        audit: {
          verify: async () => (calls.push('verify'), result),
          anchor: async () => (calls.push('anchor'), null),
        },
      } as unknown as Services
      let redirect: unknown
      const res = { redirect: (status: number, to: string) => (redirect = [status, to]) } as unknown as Response
      const ctx = {
        services,
        user: admin,
        body: {},
        requestId: 'r',
        flash: async (m: string) => void flashes.push(m),
        formErrors: async () => {},
      }
      await auditPage.POST!({} as Request, res, ctx)
      assert.deepEqual(redirect, [303, '/audit'])
      if (result.break) {
        assert.deepEqual(calls, ['verify'])
        assert.deepEqual(flashes, ['The whole trail was checked: it is broken at event 4.'])
      } else {
        assert.deepEqual(calls, ['verify', 'anchor'])
        assert.deepEqual(flashes, [
          'The whole trail was checked: all 100,000 events match their hashes and the 3 anchors kept outside the store.',
        ])
      }
    }
  })
})

describe('plan timeline page', () => {
  it('asks for the page after the cursor and links to the newer and older pages', async () => {
    const asked: unknown[] = []
    const services = {
      planViews: {
        timelinePage: async (...args: unknown[]) => (
          asked.push(args),
          {
            model: { plan: { id: 4, laCode: '331', title: 'A plan' }, laName: 'Coventry' },
            events: [{ id: 70, at: '2026-12-01T10:00:00.000Z', actorName: 'x', title: 'Action changed', changes: [] }],
            newerFrom: 70,
            olderFrom: 70,
          }
        ),
      },
    } as unknown as Partial<Services>
    const run = (query: Record<string, string>) =>
      runGet(planTimelinePage, { services, user: admin, laCode: '331', params: { la: '331', plan: '4' }, query })
    const { html } = await run({ before: '71' })
    assert.equal(asked.length, 1)
    assert.deepEqual((asked[0] as unknown[])[2], { before: 71 })
    assert.match(html!, /href="\/la\/331\/plans\/4\/timeline\?after=70"[^>]*rel="prev"/)
    assert.match(html!, /href="\/la\/331\/plans\/4\/timeline\?before=70"[^>]*rel="next"/)
    assert.match(html!, /data-qa="timeline-newest"/)
    await run({ after: '12' })
    assert.deepEqual((asked[1] as unknown[])[2], { after: 12 })
    await assert.rejects(
      runGet(planTimelinePage, { services, user: admin, laCode: '330', params: { la: '330', plan: '4' } }),
      { status: 404 },
      'a plan of another LA than the one in the URL',
    )
  })
})
