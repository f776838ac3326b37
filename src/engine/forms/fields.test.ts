import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { z } from 'zod'
import {
  dateInput,
  numberField,
  oneOf,
  optionalDateInput,
  optionalText,
  plainErrorMap,
  realDate,
  requiredText,
} from './fields.ts'

const messages = (schema: z.ZodTypeAny, value: unknown) => {
  const r = schema.safeParse(value, { errorMap: plainErrorMap })
  return r.success ? [] : r.error.issues.map((i) => i.message)
}

describe('form field builders', () => {
  it('realDate knows the calendar: 30 February and 31 April do not exist, 29 February 2016 does', () => {
    assert.equal(realDate({ day: '30', month: '2', year: '2015' }), undefined)
    assert.equal(realDate({ day: '31', month: '4', year: '2015' }), undefined)
    assert.equal(realDate({ day: '29', month: '2', year: '2015' }), undefined)
    assert.equal(realDate({ day: '29', month: '02', year: '2016' }), '2016-02-29')
    assert.equal(realDate({ day: '7', month: 'jul', year: '2014' }), '2014-07-07')
    assert.equal(realDate({ day: '7', month: '13', year: '2014' }), undefined)
    assert.equal(realDate({ day: '7', month: '7', year: '14' }), undefined)
  })

  it('dateInput words every failure as GOV.UK does and returns one ISO date', () => {
    const due = dateInput({ label: 'the due date', notInFuture: true, today: () => '2020-06-01' })
    assert.equal(due.parse({ day: '22', month: '7', year: '2014' }), '2014-07-22')
    assert.equal(due.parse('2014-07-22'), '2014-07-22')
    assert.deepEqual(messages(due, { day: '', month: '', year: '' }), ['Enter the due date'])
    assert.deepEqual(messages(due, undefined), ['Enter the due date'])
    assert.deepEqual(messages(due, { day: '1', month: '', year: '' }), ['The due date must include a month and year'])
    assert.deepEqual(messages(due, { day: '30', month: '2', year: '2015' }), [
      'Enter a real date, for example 22 7 2014',
    ])
    assert.deepEqual(messages(due, { day: '2', month: '6', year: '2020' }), [
      'The due date must be today or in the past',
    ])
    assert.deepEqual(messages(due, 'not a date'), ['Enter a real date, for example 22 7 2014'])
    const from = dateInput({ label: 'the start date', min: '2014-04-01' })
    assert.deepEqual(messages(from, { day: '31', month: '3', year: '2014' }), [
      'The start date must be the same as or after 1 April 2014',
    ])
    assert.equal(optionalDateInput({ label: 'the date' }).parse({ day: '', month: '', year: '' }), null)
  })

  it('text, choices and numbers: plain-English messages, never zod’s own', () => {
    const title = requiredText({ label: 'the title', missing: 'Enter a title', max: 5 })
    assert.deepEqual(messages(title, '   '), ['Enter a title'])
    assert.deepEqual(messages(title, undefined), ['Enter a title'])
    assert.deepEqual(messages(title, 'abcdef'), ['The title must be 5 characters or less'])
    assert.equal(title.parse(' abc '), 'abc')
    assert.equal(optionalText({ label: 'the note', max: 5 }).parse(''), null)
    assert.deepEqual(messages(oneOf(['a', 'b'], 'Select a or b'), 'c'), ['Select a or b'])
    const n = numberField({ label: 'the number', missing: 'Enter a number', min: 1, max: 9 })
    assert.deepEqual(messages(n, 'x'), ['The number must be a whole number'])
    assert.deepEqual(messages(n, '1.5'), ['The number must be a whole number'])
    assert.deepEqual(messages(n, '10'), ['The number must be between 1 and 9'])
    assert.equal(n.parse('3'), 3)
  })

  it('the fallback error map words what a schema did not: stray fields, over-long strings, wrong types', () => {
    const loose = z.object({ a: z.string().max(3), b: z.number() }).strict()
    const all = messages(loose, { a: 'abcd', b: 'x', c: 1 })
    assert.deepEqual(all, [
      'This must be 3 characters or less',
      'Check what you entered: it is not in the form this page expects',
      'The form sent something this page does not expect. Reload the page and try again.',
    ])
    assert.deepEqual(messages(z.string({ required_error: 'Enter a name' }), undefined), ['Enter a name'])
  })
})
