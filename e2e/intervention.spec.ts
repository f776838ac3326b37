import assert from 'node:assert/strict'
import { beforeEach, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { baseUrl, checkPage, e2eUnavailable } from './support/browser.ts'
import { signedInSession } from './support/session.ts'

describe('intervention oversight: the Birmingham 2014 story in Chromium', { skip: e2eUnavailable() }, () => {
  const session = signedInSession('dfe.adviser')
  let page: Page
  beforeEach(() => {
    page = session.page
  })

  it('dashboard: Birmingham on the watch list with overdue 2014 commitments', async () => {
    await page.goto(`${baseUrl}/interventions`)
    const watch = (await page.textContent('[data-qa="watch-list"]')) ?? ''
    assert.match(watch, /Birmingham/)
    const row = page.locator('[data-qa="watch-list"] tr', { hasText: 'Birmingham' })
    assert.match(
      (await row.locator('[data-qa="intervention-in-force"]').textContent()) ?? '',
      /^No intervention in force/,
    )
    assert.match(
      (await row.locator('[data-qa="delivery"]').textContent()) ?? '',
      /Services delivered by a trust since 1 April 2018/,
    )
    await checkPage(page, 'intervention-dashboard')
  })

  it('Birmingham today: no intervention in force; services delivered by a trust since 1 April 2018', async () => {
    await page.goto(`${baseUrl}/la/330/intervention`)
    assert.match(
      (await page.textContent('[data-qa="intervention-in-force"]')) ?? '',
      /^No intervention in force \(since 26 May 2023/,
    )
    assert.match(
      (await page.textContent('[data-qa="delivery"]')) ?? '',
      /^Services delivered by a trust since 1 April 2018/,
    )
  })

  it('Birmingham as at 23 May 2014: status, recommendation with rationale, register, letters with copy lists, commitments, studies', async () => {
    await page.goto(`${baseUrl}/la/330/intervention?asAt=2014-05-23`)
    assert.match(
      (await page.textContent('[data-qa="intervention-in-force"]')) ?? '',
      /Statutory direction with a commissioner \(commissioner: Lord Norman Warner\) since 27 March 2014/,
    )
    assert.match((await page.textContent('[data-qa="delivery"]')) ?? '', /Services delivered by the council/)
    assert.match(
      (await page.textContent('[data-qa="recommendation"]')) ?? '',
      /Alternative delivery|Statutory direction/,
    )
    assert.match(
      (await page.textContent('[data-qa="rationale"]')) ?? '',
      /3 consecutive inadequate inspections since 16 July 2010/,
    )
    assert.match((await page.textContent('[data-qa="register"]')) ?? '', /Lord Warner appointed Commissioner/)
    const letters = await page.locator('[data-qa="letter"]').allTextContents()
    assert.equal(letters.length, 2)
    assert.match(letters[1], /Councillor Brigid Jones.*Mark Rogers.*Peter Hay|Lord Norman Warner/s)
    assert.match(letters[1], /Jane Held/)
    const commitments = (await page.textContent('[data-qa="commitments"]')) ?? ''
    assert.match(commitments, /22 July 2014/)
    assert.match(commitments, /issues underlying each of the Ofsted recommendations/)
    const studies = (await page.textContent('[data-qa="studies"]')) ?? ''
    assert.match(studies, /30 September 2014/)
    assert.match(studies, /31 December 2014/)
    await checkPage(page, 'intervention-birmingham-2014')
  })

  it('a commitment without an owner or due date is refused with GOV.UK errors, then recorded properly', async () => {
    await page.goto(`${baseUrl}/la/330/intervention`)
    await page.click('text=Record a commitment from a letter')
    await page.fill('#what', 'Quarterly report on the unidentified risk analysis')
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="add-commitment"]')])
    const summary = (await page.textContent('.govuk-error-summary')) ?? ''
    assert.match(summary, /Choose who owns this commitment/)
    assert.match(summary, /Enter the due date/)
    await checkPage(page, 'intervention-commitment-errors')
    await page.click('text=Record a commitment from a letter')
    await page.fill('#what', 'Quarterly report on the unidentified risk analysis')
    await page.selectOption('#ownerPersonId', { label: 'Lord Norman Warner, Department for Education' })
    await page.fill('#dueDate-day', '30')
    await page.fill('#dueDate-month', '9')
    await page.fill('#dueDate-year', '2014')
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="add-commitment"]')])
    assert.match(
      (await page.textContent('[data-qa="commitments"]')) ?? '',
      /Quarterly report on the unidentified risk analysis/,
    )
  })

  it('deadlines: one calendar with overdue items and an .ics feed', async () => {
    await page.goto(`${baseUrl}/calendar`)
    assert.match((await page.textContent('[data-qa="calendar"]')) ?? '', /Study report due/)
    await checkPage(page, 'calendar')
    const ics = await page.request.get(`${baseUrl}/calendar.ics`)
    assert.equal(ics.status(), 200)
    const text = await ics.text()
    assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'))
    assert.match(text, /DTSTART;VALUE=DATE:20140722/)
    await page.goto(`${baseUrl}/notifications`)
    await checkPage(page, 'notifications')
  })
})
