import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Services } from '../../../../../services/index.ts'
import { principal, runGet } from '../../../../../../test/support/pageHarness.ts'
import { planTimelinePage } from './planTimelineController.ts'

const admin = principal('national', null, { isAdmin: true })

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
