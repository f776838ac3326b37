import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { UnworkedChild, UnworkedList } from '../../../../engine/casework/unworked/index.ts'
import { filtered, keptContent, PAGE_SIZE, pageNumber, pageWindow, paginationItems } from './unworkedListView.ts'

const child = (i: number, o: Partial<UnworkedChild> = {}): UnworkedChild => ({
  childId: `C${i}`,
  ageYears: i % 18,
  stage: 'assessment',
  team: i % 2 ? 'North' : 'South',
  worker: i % 3 ? `W${i % 3}` : null,
  reasons: [
    {
      reason: i % 2 ? 'unallocated' : 'assessment_over_45_wd',
      ref: null,
      since: null,
      daysOverdue: i,
      unit: 'working days',
    },
  ],
  tier: 1,
  daysOverdue: i,
  priority: i,
  ...o,
})
const list = (n: number): UnworkedList => ({
  asAt: '2014-03-31',
  children: Array.from({ length: n }, (_, i) => child(i + 1)),
  counts: {},
  unavailable: [],
})
/** The page numbers shown, '...' for an ellipsis. */
const shown = (page: number, pages: number) =>
  paginationItems(page, pages, (n) => `/p${n}`).items.map((i) =>
    i.ellipsis ? '...' : i.current ? `[${i.number}]` : `${i.number}`,
  )

describe('children-waiting pages', () => {
  it('a page number is a whole number from 1; anything else is refused in words, absent or empty is page 1', () => {
    assert.deepEqual(pageNumber(undefined), { page: 1 })
    assert.deepEqual(pageNumber(''), { page: 1 })
    assert.deepEqual(pageNumber('7'), { page: 7 })
    assert.deepEqual(pageNumber(' 12 '), { page: 12 })
    assert.deepEqual(pageNumber('99999999999'), { page: 99999999999 }, 'a number, if past the end (the page says so)')
    for (const bad of ['0', '-1', '2.5', 'abc', '1e3', '00', ['1', '2']]) {
      const r = pageNumber(bad)
      assert.ok('error' in r, String(bad))
      assert.equal(r.status, 400)
      assert.match(r.error, /is not a page number: pages are numbered from 1/)
    }
    const r = pageNumber('<script>alert(1)</script>-and-much-more-text')
    assert.ok('error' in r && r.error.length < 80, 'the echo is cut short')
  })

  it('the window of each page: first, middle, last, past the end, and an empty list', () => {
    assert.deepEqual(pageWindow(412, 1), { page: 1, pages: 9, count: 412, from: 1, to: 50 })
    assert.deepEqual(pageWindow(412, 5), { page: 5, pages: 9, count: 412, from: 201, to: 250 })
    assert.deepEqual(pageWindow(412, 9), { page: 9, pages: 9, count: 412, from: 401, to: 412 })
    assert.equal(pageWindow(412, 10), undefined)
    assert.deepEqual(pageWindow(100, 2), { page: 2, pages: 2, count: 100, from: 51, to: 100 })
    assert.equal(pageWindow(100, 3), undefined)
    assert.deepEqual(pageWindow(0, 1), { page: 1, pages: 1, count: 0, from: 0, to: 0 })
    assert.equal(pageWindow(0, 2), undefined)
    assert.equal(PAGE_SIZE, 50)
  })

  it('GOV.UK pagination: first, last, current and neighbours, an ellipsis for each gap of more than one page', () => {
    assert.deepEqual(shown(1, 1), ['[1]'])
    assert.deepEqual(shown(1, 9), ['[1]', '2', '...', '9'])
    assert.deepEqual(shown(5, 9), ['1', '...', '4', '[5]', '6', '...', '9'])
    assert.deepEqual(shown(3, 9), ['1', '2', '[3]', '4', '...', '9'])
    assert.deepEqual(shown(9, 9), ['1', '...', '8', '[9]'])
    assert.deepEqual(shown(2, 3), ['1', '[2]', '3'])
    const p = paginationItems(5, 9, (n) => `/p${n}`)
    assert.deepEqual([p.previous, p.next], [{ href: '/p4' }, { href: '/p6' }])
    assert.equal(paginationItems(1, 9, String).previous, undefined)
    assert.equal(paginationItems(9, 9, String).next, undefined)
  })

  it('a filter keeps the priority order; the same filter twice is the same answer, worked out once', () => {
    const u = list(120)
    assert.equal(filtered(u, {}), u.children)
    const north = filtered(u, { team: 'North' })
    assert.deepEqual(
      north.map((c) => c.priority),
      u.children.filter((c) => c.team === 'North').map((c) => c.priority),
    )
    assert.equal(north.length, 60)
    assert.equal(filtered({ ...u }, { team: 'North' }), north, 'kept with the list, whatever object holds it')
    assert.equal(filtered(u, { team: 'North', worker: 'W1' }).length, 20)
    assert.equal(filtered(u, { reason: 'unallocated', age: 'Under 1' }).length, 0)
  })

  it('a page content is rendered once per list, filter and page; a failed render is not kept', async () => {
    const u = list(10)
    let renders = 0
    const render = async () => `content ${++renders}`
    assert.equal(await keptContent(u, {}, 1, render), 'content 1')
    assert.equal(await keptContent({ ...u }, {}, 1, render), 'content 1')
    assert.equal(await keptContent(u, {}, 2, render), 'content 2')
    assert.equal(await keptContent(u, { team: 'North' }, 1, render), 'content 3')
    assert.equal(await keptContent(list(10), {}, 1, render), 'content 4', 'another list is another snapshot')
    await assert.rejects(keptContent(u, { team: 'South' }, 1, () => Promise.reject(new Error('template broke'))))
    await new Promise((r) => setImmediate(r))
    assert.equal(await keptContent(u, { team: 'South' }, 1, render), 'content 5')
  })
})
