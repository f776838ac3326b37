import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'

/**
 * The improvement-plan loop as browser steps, shared by the plan e2e tests (the seeded Coventry plan, plans.spec.ts,
 * and the plan started from an imported report, import.spec.ts). Each step acts on the page as a person would and
 * checks that the page says it happened; callers run checkPage (axe and a screenshot) where they want one.
 */

/** Clicks something that submits a form or follows a link, and waits for the next page. */
export const submit = (page: Page, selector: string) => Promise.all([page.waitForNavigation(), page.click(selector)])

/** On a recommendation's page: writes the underlying issues, agrees them, and checks the item now counts as explained. */
export async function writeAndAgreeAnalysis(page: Page, text: string) {
  assert.equal(await page.textContent('[data-qa="item-explained"]'), 'No')
  await page.fill('#text', text)
  await submit(page, '[data-qa="save-analysis"]')
  await submit(page, '[data-qa="agree-analysis"]')
  assert.equal(await page.textContent('[data-qa="item-explained"]'), 'Yes')
}

/** On a recommendation's page: the author writes an analysis; it stays a draft, and they are not offered "agree". */
export async function writeAnalysis(author: Page, text: string) {
  await author.fill('#text', text)
  await submit(author, '[data-qa="save-analysis"]')
  const card = author.locator('[data-qa="analysis"]', { hasText: text })
  assert.equal(await card.locator('[data-qa="agree-analysis"]').count(), 0, 'the author is not offered agree')
  assert.match((await card.textContent()) ?? '', /You wrote this analysis, so someone else must agree it/)
}

/** Someone other than the author (a director, a commissioner) agrees the draft analysis on a recommendation's page. */
export async function agreeAnalysis(agreer: Page, itemUrl: string) {
  await agreer.goto(itemUrl)
  await submit(agreer, '[data-qa="agree-analysis"]')
  assert.equal(await agreer.textContent('[data-qa="item-explained"]'), 'Yes')
}

/** Types an ISO date into a GOV.UK date input's three boxes (`<name>-day`, `-month`, `-year`). */
export async function fillDate(page: Page, name: string, iso: string) {
  const [year, month, day] = iso.split('-')
  await page.fill(`#${name}-day`, String(Number(day)))
  await page.fill(`#${name}-month`, String(Number(month)))
  await page.fill(`#${name}-year`, year)
}

/** The ISO date shown in a GOV.UK date input's three boxes, or '' when they are empty. */
export async function dateValue(page: Page, name: string): Promise<string> {
  const [day, month, year] = await Promise.all(['day', 'month', 'year'].map((p) => page.inputValue(`#${name}-${p}`)))
  if (!day && !month && !year) return ''
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
}

/** On a recommendation's page: adds an action with an owner (the label shown in the Owner list) and a due date. */
export async function addAction(
  page: Page,
  action: { title: string; owner: string; dueDate: string; milestone?: { title: string; dueDate: string } },
) {
  await page.click('summary:has-text("Add an action")')
  await page.fill('#title', action.title)
  await page.selectOption('#ownerId', { label: action.owner })
  await fillDate(page, 'dueDate', action.dueDate)
  if (action.milestone) {
    await page.fill('#milestoneTitle', action.milestone.title)
    await fillDate(page, 'milestoneDate', action.milestone.dueDate)
  }
  await submit(page, '[data-qa="add-action"]')
  assert.ok(((await page.textContent('[data-qa="actions"]')) ?? '').includes(action.title), 'the action is listed')
}

/** On a recommendation's page: uploads a file as evidence. The caller checks the outcome (listed, or refused). */
export async function uploadEvidence(
  page: Page,
  evidence: { title: string; date: string; file: { name: string; mimeType: string; buffer: Buffer } },
) {
  await page.click('summary:has-text("Add evidence")')
  await page.fill('#evidence-title', evidence.title)
  await fillDate(page, 'evidenceDate', evidence.date)
  await page.setInputFiles('#file', evidence.file)
  await submit(page, '[data-qa="add-evidence"]')
}

/** A reviewer raises a challenge on a recommendation; it shows as open until the local authority answers it. */
export async function raiseChallenge(page: Page, itemUrl: string, text: string) {
  await page.goto(itemUrl)
  await page.check('#comment-kind-2')
  await page.fill('#comment-text', text)
  await submit(page, '[data-qa="add-comment"]')
  assert.equal(await page.textContent('[data-qa="challenge-status"]'), 'Open')
}

/** The local authority answers every open challenge on the plan's review page. Returns how many it answered. */
export async function answerOpenChallenges(page: Page, planUrl: string, text: string) {
  await page.goto(`${planUrl}/review`)
  let answered = 0
  while ((await page.locator('textarea[id^="answer-"]').count()) > 0) {
    await page.locator('textarea[id^="answer-"]').first().fill(text)
    await submit(page, 'form:has(textarea[id^="answer-"]) button')
    answered++
  }
  return answered
}

/** The local authority submits the plan (or a progress update) for review from the plan's review page. */
export async function submitForReview(page: Page, planUrl: string, what: 'plan' | 'update', summary: string) {
  if (!page.url().endsWith(`${planUrl}/review`)) await page.goto(`${planUrl}/review`)
  await page.check(what === 'plan' ? '#kind' : '#kind-2')
  await page.fill('#summary', summary)
  await submit(page, '[data-qa="submit-plan"]')
  assert.equal(await page.textContent('[data-qa="plan-status"]'), 'Submitted')
}

/** A reviewer accepts the waiting submission, with reasons. */
export async function acceptSubmission(page: Page, planUrl: string, reason: string) {
  await page.goto(`${planUrl}/review`)
  await page.check('#decision')
  await page.fill('#reason', reason)
  await submit(page, '[data-qa="decide"]')
  assert.equal(await page.textContent('[data-qa="plan-status"]'), 'Accepted')
}
