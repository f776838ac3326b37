import assert from 'node:assert/strict'
import fs from 'node:fs'
import { describe, it } from 'node:test'
import { UPLOAD_MESSAGES } from '../engine/uploads/sniff.ts'
import { letterFileProblem } from './interventionRegisterService.ts'

const realLetter = fs.readFileSync(
  new URL('../../test/fixtures/ofsted-reports-corpus/norfolk_2015-10-20_inspection.pdf', import.meta.url),
)
const minimalPdf = (extra: string) => {
  const head = `%PDF-1.7\n1 0 obj\n<< /Type /Catalog ${extra}>>\nendobj\n`
  return Buffer.from(`${head}trailer\n<< /Root 1 0 R >>\nstartxref\n${head.length}\n%%EOF\n`, 'latin1')
}

// Before: a letter was stored when its first five bytes were %PDF-, so each of these was kept and served inline.
describe('intervention letter files are checked like every other upload', () => {
  it('takes a real PDF', () => {
    assert.equal(letterFileProblem({ name: 'direction.pdf', bytes: realLetter }), undefined)
  })

  it('refuses a PDF with JavaScript, a PDF+HTML polyglot, a cut-off PDF and a CSV renamed .pdf', () => {
    const js = minimalPdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ')
    assert.equal(letterFileProblem({ name: 'a.pdf', bytes: js }), `a.pdf: ${UPLOAD_MESSAGES.pdf.active}`)
    const html = Buffer.concat([minimalPdf(''), Buffer.from('<html><script>alert(1)</script></html>')])
    assert.equal(letterFileProblem({ name: 'b.pdf', bytes: html }), `b.pdf: ${UPLOAD_MESSAGES.pdf.polyglot}`)
    const cut = realLetter.subarray(0, realLetter.length - 200)
    assert.equal(letterFileProblem({ name: 'c.pdf', bytes: cut }), `c.pdf: ${UPLOAD_MESSAGES.pdf.damaged}`)
    const csv = Buffer.from('name,date\nletter,2014-10-01\n')
    assert.equal(letterFileProblem({ name: 'd.pdf', bytes: csv }), 'd.pdf is not a PDF: choose a PDF file')
  })
})
