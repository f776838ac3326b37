import assert from 'node:assert/strict'
import type { Client } from './app.ts'

/** One error the page must show: beside `field` (its `<id>-error` message) and in the summary, linking to `href`. */
export interface ExpectedError {
  field: string
  message: string
  /** The summary link; default `#<field>` (a date input's is `#<name>-day`). */
  href?: string
}

export interface FormErrorCase {
  /** The page holding the form (GET): its CSRF token is used, and the errors must show there. */
  page: string
  /** Where the form posts; default `page`. */
  action?: string
  /** The bad input, as the browser would post it (date inputs as `<name>-day`, `<name>-month`, `<name>-year`). */
  input: Record<string, string>
  /** The errors, in the order the fields appear on the page. */
  errors: ExpectedError[]
  /** Counts what the form would save (rows, versions); it must not change. */
  saved?: () => Promise<unknown>
  /** Inputs that must be shown again as typed (default: every text input posted, except passwords). */
  kept?: string[]
}

const decode = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()

/** The GOV.UK error summary's links, in order: [{ href, text }]. */
export function errorSummary(html: string): { href: string; text: string }[] {
  const list = /<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)
  if (!list) return []
  return [...list[1].matchAll(/<a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({
    href: m[1],
    text: decode(m[2]),
  }))
}

/** The message shown beside a field (`<p id="<field>-error" class="govuk-error-message">`), or undefined. */
export function fieldError(html: string, field: string): string | undefined {
  const id = field.replace(/\./g, '-')
  const m = new RegExp(`<p id="${id}-error" class="govuk-error-message">([\\s\\S]*?)</p>`).exec(html)
  return m ? decode(m[1]).replace(/^Error: /, '') : undefined
}

/**
 * Posts bad input to a page's form as a signed-in browser would, then checks the page it comes back to: every
 * expected error beside its field and in the summary, the summary in field order with nothing else in it, the
 * typed values shown again, the title starting "Error:", and (with `saved`) nothing saved. Returns the page's HTML.
 *
 * @example
 *   await assertFormErrors(client, {
 *     page: urls.planItem('331', plan, item),
 *     action: urls.planItemAction('331', plan, item, 'actions'),
 *     input: { title: '', 'due-day': '30', 'due-month': '2', 'due-year': '2015' },
 *     errors: [
 *       { field: 'title', message: 'Enter what will be done' },
 *       { field: 'due', message: 'Enter a real date, for example 22 7 2014', href: '#due-day' },
 *     ],
 *     saved: () => countActions(),
 *   })
 */
export async function assertFormErrors(client: Client, c: FormErrorCase): Promise<string> {
  const before = await c.saved?.()
  const csrf = await client.csrf(c.page)
  const posted = await client.request('POST', c.action ?? c.page, { _csrf: csrf, ...c.input })
  assert.equal(
    posted.status,
    303,
    `bad input to ${c.action ?? c.page} should go back to the form (got ${posted.status})`,
  )
  const back = await client.request('GET', posted.location)
  assert.equal(back.status, 200, `the form at ${posted.location} should show again`)
  const html = back.text
  assert.match(html, /<title[^>]*>\s*Error: /, 'the page title starts with "Error:"')
  assert.deepEqual(
    errorSummary(html),
    c.errors.map((e) => ({ href: e.href ?? `#${e.field.replace(/\./g, '-')}`, text: e.message })),
    'the error summary lists each error, in field order, linking to its field',
  )
  for (const e of c.errors) {
    assert.equal(fieldError(html, e.field), e.message, `the message beside ${e.field}`)
    const target = (e.href ?? `#${e.field}`).slice(1)
    assert.match(html, new RegExp(`id="${target}"`), `the summary link #${target} leads to a field on the page`)
  }
  for (const name of c.kept ?? Object.keys(c.input).filter((k) => !/password/i.test(k))) {
    const value = c.input[name].replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
    if (!value) continue
    assert.ok(html.includes(`value="${value}"`) || html.includes(`>${value}</textarea>`), `${name} is shown again`)
  }
  if (c.saved) assert.deepEqual(await c.saved(), before, 'nothing was saved')
  return html
}
