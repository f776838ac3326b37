import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { pdfLines } from './pdfText.ts'
import { keepingBuiltIns } from './pdfjs.ts'

// Captured before anything in this process has loaded pdf.js.
const NATIVE = {
  stringify: JSON.stringify,
  parse: JSON.parse,
  push: Array.prototype.push,
  toString: Function.prototype.toString,
}

describe('pdf.js keeps the built-ins of the process that reads a report', () => {
  it('JSON, Array.prototype.push and Function.prototype.toString are the native ones after a report is read', async () => {
    const pdf = fs.readFileSync(path.resolve('test/fixtures/ofsted-reports/coventry_2014-03-21_inspection.pdf'))
    const lines = await pdfLines(new Uint8Array(pdf))
    assert.ok(
      lines.some((l) => /Coventry/i.test(l)),
      'the report is still read',
    )
    assert.equal(JSON.stringify, NATIVE.stringify)
    assert.equal(JSON.parse, NATIVE.parse)
    assert.equal(Array.prototype.push, NATIVE.push)
    assert.equal(Function.prototype.toString, NATIVE.toString)
    // What pdf.js only added is kept (it uses them).
    assert.equal(typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers, 'function')
  })

  it('puts back a replaced built-in and keeps an added one, even when the load fails', async () => {
    const target = Array.prototype as unknown as Record<string, unknown>
    await assert.rejects(
      keepingBuiltIns(async () => {
        Array.prototype.push = function push() {
          return 0
        }
        target.sightlineAdded = 1
        throw new Error('load failed')
      }),
      /load failed/,
    )
    assert.equal(Array.prototype.push, NATIVE.push)
    assert.equal(target.sightlineAdded, 1)
    delete target.sightlineAdded
  })
})
