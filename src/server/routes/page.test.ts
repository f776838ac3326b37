import assert from 'node:assert/strict'
import express from 'express'
import { after, before, describe, it } from 'node:test'
import { z } from 'zod'
import type { Store } from '../../data/store.ts'
import { dateInput, numberField, oneOf, requiredText } from '../../engine/forms/fields.ts'
import { InputError, defineCommand } from '../../services/commands/command.ts'
import { nunjucksSetup } from '../nunjucksSetup.ts'
import { pages } from './index.ts'
import { definePage } from './page.ts'
import { addUser, Client, startTestApp } from '../../../test/support/app.ts'
import { assertFormErrors, errorSummary } from '../../../test/support/formErrors.ts'
import { storesUnderTest } from '../../../test/support/stores.ts'

/** A form like the real ones: text, a choice, a GOV.UK date input and a number, over a command with a service rule. */
const saved: unknown[] = []
const MSG = { title: 'Enter a title', kind: 'Select the kind of note', count: 'Enter how many children' }
const noteCommand = defineCommand({
  name: 'test-note',
  permission: 'plan:review',
  schema: z
    .object({
      title: requiredText({ label: 'the title', missing: MSG.title, max: 20 }),
      kind: oneOf(['note', 'link'], MSG.kind),
      due: dateInput({ label: 'the due date', notInFuture: true, today: () => '2020-01-01' }),
      count: numberField({ label: 'the number of children', missing: MSG.count, min: 0, max: 500 }),
    })
    .strict(),
  async run(deps: { saved: unknown[] }, input) {
    if (input.due < '2014-01-01') throw InputError.field('due', 'The due date must be after the plan started')
    deps.saved.push(input)
  },
})
const view = nunjucksSetup(express(), { cache: false })
const TEMPLATE = `{% extends "layout.njk" %}
{% from "govuk/components/input/macro.njk" import govukInput %}
{% from "govuk/components/radios/macro.njk" import govukRadios %}
{% from "components/date-input/macro.njk" import sightlineDateInput %}
{% set pageTitle = "Test note" %}
{% block pageContent %}<form method="post" action="/test-note" novalidate>
<input type="hidden" name="_csrf" value="{{ csrfToken }}">
{{ govukInput({ label: { text: "Title" }, id: "title", name: "title", value: flash.values.title if flash.values, errorMessage: flash.errors | fieldError("title") }) }}
{{ govukRadios({ name: "kind", fieldset: { legend: { text: "Kind" } }, errorMessage: flash.errors | fieldError("kind"), items: [{ value: "note", text: "Note" }, { value: "link", text: "Link" }] }) }}
{{ sightlineDateInput({ name: "due", legend: "Due date", flash: flash }) }}
{{ govukInput({ label: { text: "Children" }, id: "count", name: "count", value: flash.values.count if flash.values, errorMessage: flash.errors | fieldError("count") }) }}
</form>{% endblock %}`
const testPage = definePage({
  PAGE_NAME: 'test-note',
  PATH: '/test-note',
  REQUIRED_PERMISSION: 'signed-in',
  COMMAND: noteCommand,
  async GET(_req, res) {
    res.send(view.renderString(TEMPLATE, res.locals))
  },
  async POST(_req, res, ctx) {
    await noteCommand.run({ saved }, ctx.body, ctx.user)
    res.redirect(303, '/test-note?done=1')
  },
})
/** A page showing one record: its path has a parameter. */
const recordPage = definePage({
  PAGE_NAME: 'test-note-record',
  PATH: '/test-note/:id',
  REQUIRED_PERMISSION: 'signed-in',
  async GET(req, res) {
    res.send(`note ${String(req.params.id)}`)
  },
})

describe('definePage with a COMMAND: form errors beside their fields, in field order, nothing saved', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  let client: Client
  before(async () => {
    store = await storesUnderTest()[0].open()
    app = await startTestApp(store, { pages: [...pages, testPage, recordPage] })
    await addUser(app.services, 'nadia', 'national')
    await addUser(app.services, 'rory', 'readonly')
    client = new Client(app.url)
    await client.signIn('nadia')
  })
  after(async () => {
    await app?.close()
    await store?.close()
  })
  const count = async () => saved.length

  it('an empty form: every required field, in the order of the page, the date linking to its day box', async () => {
    await assertFormErrors(client, {
      page: '/test-note',
      input: { title: '', 'due-day': '', 'due-month': '', 'due-year': '', count: '' },
      errors: [
        { field: 'title', message: MSG.title },
        { field: 'kind', message: MSG.kind },
        { field: 'due', message: 'Enter the due date', href: '#due-day' },
        { field: 'count', message: MSG.count },
      ],
      saved: count,
    })
  })

  it('30 February, an over-long title, a wrong choice and a number out of range: plain English, never a 500', async () => {
    const html = await assertFormErrors(client, {
      page: '/test-note',
      input: {
        count: '501',
        'due-year': '2015',
        'due-month': '2',
        'due-day': '30',
        kind: 'banana',
        title: 'x'.repeat(21),
      },
      errors: [
        { field: 'title', message: 'The title must be 20 characters or less' },
        { field: 'kind', message: MSG.kind },
        { field: 'due', message: 'Enter a real date, for example 22 7 2014', href: '#due-day' },
        { field: 'count', message: 'The number of children must be between 0 and 500' },
      ],
      kept: ['title', 'due-day', 'due-month', 'due-year', 'count'],
      saved: count,
    })
    assert.doesNotMatch(html, /String must contain|Invalid input|Expected|Required/)
  })

  it('a date without its month links to the month box; a date in the future says so', async () => {
    await assertFormErrors(client, {
      page: '/test-note',
      input: { title: 'A', kind: 'note', 'due-day': '3', 'due-month': '', 'due-year': '2015', count: '2' },
      errors: [{ field: 'due', message: 'The due date must include a month', href: '#due-month' }],
      saved: count,
    })
    await assertFormErrors(client, {
      page: '/test-note',
      input: { title: 'A', kind: 'note', 'due-day': '3', 'due-month': '4', 'due-year': '2031', count: '2' },
      errors: [{ field: 'due', message: 'The due date must be today or in the past', href: '#due-day' }],
      saved: count,
    })
  })

  it('a rule the command checks while running (InputError) goes back to the form the same way', async () => {
    await assertFormErrors(client, {
      page: '/test-note',
      input: { title: 'A', kind: 'link', 'due-day': '1', 'due-month': '6', 'due-year': '2013', count: '2' },
      errors: [{ field: 'due', message: 'The due date must be after the plan started', href: '#due-day' }],
      saved: count,
    })
    assert.deepEqual(await app.services.audit.list({ action: 'page.submit' }), [], 'a refused form changed nothing')
  })

  it('a field the form does not have is refused in plain English', async () => {
    const csrf = await client.csrf('/test-note')
    const res = await client.request('POST', '/test-note', { _csrf: csrf, title: 'A', kind: 'note', sneaky: '1' })
    const page = await client.request('GET', res.location)
    assert.equal(
      errorSummary(page.text)[0].text,
      'The form sent something this page does not expect. Reload the page and try again.',
    )
  })

  it('good input runs the command once, with one ISO date; the POST needs the command’s permission', async () => {
    const csrf = await client.csrf('/test-note')
    const input = {
      title: ' Visit ',
      kind: 'note',
      'due-day': '7',
      'due-month': 'July',
      'due-year': '2014',
      count: '1,2',
    }
    const res = await client.request('POST', '/test-note', { _csrf: csrf, ...input })
    assert.equal(res.location, '/test-note?done=1')
    assert.deepEqual(saved, [{ title: 'Visit', kind: 'note', due: '2014-07-07', count: 12 }])
    const [submitted] = await app.services.audit.list({ action: 'page.submit' })
    assert.equal(submitted.subjectId, 'test-note', 'PAGE_NAME is in the audit trail')
    assert.equal(submitted.actorName, 'nadia')
    assert.equal((await app.services.audit.list({ action: 'page.submit' })).length, 1)
    const reader = new Client(app.url)
    await reader.signIn('rory')
    const denied = await reader.request('POST', '/test-note', { _csrf: await reader.csrf('/test-note'), ...input })
    assert.equal(denied.status, 403)
    assert.equal(saved.length, 1)
  })

  it('a view of a record (a path with parameters) writes its PAGE_NAME; a list page does not', async () => {
    await client.request('GET', '/test-note')
    assert.deepEqual(await app.services.audit.list({ action: 'page.view' }), [])
    const res = await client.request('GET', '/test-note/17')
    assert.equal(res.status, 200)
    const [viewed] = await app.services.audit.list({ action: 'page.view' })
    assert.equal(viewed.subjectId, 'test-note-record')
    assert.deepEqual(viewed.after, { params: { id: '17' } })
    assert.equal(viewed.actorName, 'nadia')
  })
})

describe('one page dialect: every form runs a command', () => {
  it('every page that takes a POST declares the COMMAND whose schema checks it', () => {
    const withPost = pages.filter((p) => p.POST)
    assert.ok(withPost.length > 30, `${withPost.length} pages take a POST`)
    const without = withPost.filter((p) => !p.COMMAND).map((p) => p.PAGE_NAME)
    assert.deepEqual(without, [])
  })

  it('refuses, at start-up, a page whose POST has no COMMAND', () => {
    assert.throws(
      () =>
        definePage({
          PAGE_NAME: 'no-command',
          PATH: '/no-command',
          REQUIRED_PERMISSION: 'signed-in',
          async GET() {},
          async POST() {},
        }),
      /no-command has a POST handler but no COMMAND/,
    )
  })
})
