import assert from 'node:assert/strict'
import fs from 'node:fs'
import zlib from 'node:zlib'
import { describe, it } from 'node:test'
import { zip } from '../../../test/support/zipWriter.ts'
import { sniffUpload, UPLOAD_MESSAGES } from './sniff.ts'

const MB = 1024 * 1024
const WORD_TYPES = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

/** A small well-formed PDF whose catalog carries `catalogExtra`, with `body` objects before the trailer. */
function pdf(catalogExtra = '', body = ''): Buffer {
  const head = `%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n${body}`
  return Buffer.from(`${head}xref\n0 3\ntrailer\n<< /Root 1 0 R >>\nstartxref\n${head.length}\n%%EOF\n`, 'latin1')
}
const refused = (b: Buffer) => {
  const r = sniffUpload(b, 20 * MB)
  return r.ok ? `accepted as ${r.kind}` : r.message
}
const docx = (extra: Array<{ name: string; data: string | Buffer; declaredSize?: number; stored?: boolean }>) =>
  zip([
    { name: '[Content_Types].xml', data: WORD_TYPES },
    { name: 'word/document.xml', data: '<w:document/>' },
    ...extra,
  ])

describe('hostile uploads: content is checked, not trusted', () => {
  it('accepts a plain PDF, and every real Ofsted report in the fixtures', () => {
    assert.equal(refused(pdf()), 'accepted as pdf')
    const dir = new URL('../../../test/fixtures/ofsted-reports/', import.meta.url)
    const real = fs.readdirSync(dir).filter((f) => f.endsWith('.pdf'))
    assert.ok(real.length >= 10)
    for (const f of real) assert.equal(refused(fs.readFileSync(new URL(f, dir))), 'accepted as pdf', f)
  })

  it('refuses a text file or a shell script renamed, and an SVG that claims to be a PNG', () => {
    assert.equal(refused(Buffer.from('#!/bin/sh\nrm -rf /\n')), UPLOAD_MESSAGES.type)
    assert.equal(
      refused(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')),
      UPLOAD_MESSAGES.type,
    )
    assert.equal(refused(Buffer.from('%PDF-1.4 just some text, no PDF structure')), UPLOAD_MESSAGES.pdf.damaged)
    const truncated = pdf().subarray(0, 120)
    assert.equal(refused(truncated), UPLOAD_MESSAGES.pdf.damaged)
  })

  it('refuses PDF+HTML and PDF+ZIP polyglots', () => {
    const html = pdf(
      '',
      '3 0 obj\n<< /Length 40 >>\nstream\n<html><script>alert(1)</script></html>\nendstream\nendobj\n',
    )
    assert.equal(refused(html), UPLOAD_MESSAGES.pdf.polyglot)
    const withZip = Buffer.concat([pdf(), zip([{ name: 'payload.exe', data: 'MZ' }])])
    // The zip's end record must be within the last 64 KB; %%EOF is then not at the end, so mend the tail like a crafted file.
    const crafted = Buffer.concat([withZip, Buffer.from('\n%%EOF\n')])
    assert.equal(refused(crafted), UPLOAD_MESSAGES.pdf.polyglot)
  })

  it('refuses a PDF with JavaScript, however the name is written or wherever the object is kept', () => {
    assert.equal(refused(pdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>')), UPLOAD_MESSAGES.pdf.active)
    assert.equal(refused(pdf('/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>')), UPLOAD_MESSAGES.pdf.active)
    assert.equal(refused(pdf('/OpenAction << /S /Launch /F (cmd.exe) >>')), UPLOAD_MESSAGES.pdf.active)
    assert.equal(refused(pdf('/Names << /EmbeddedFiles 5 0 R >>')), UPLOAD_MESSAGES.pdf.active)
    const hidden = zlib.deflateSync(Buffer.from('4 0 << /S /JavaScript /JS (app.alert(1)) >>'))
    const objStm = Buffer.concat([
      Buffer.from(`3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${hidden.length} >>\nstream\n`),
      hidden,
      Buffer.from('\nendstream\nendobj\n'),
    ])
    const withObjStm = pdf('', objStm.toString('latin1'))
    assert.equal(refused(withObjStm), UPLOAD_MESSAGES.pdf.active)
    // The same bytes as image data (not an object stream) are not read as names: no false alarm on binary content.
    const image = Buffer.from('3 0 obj\n<< /Type /XObject /Length 10 >>\nstream\n/JS /Launch\nendstream\nendobj\n')
    assert.equal(refused(pdf('', image.toString('latin1'))), 'accepted as pdf')
  })

  it('refuses a DOCX whose parts inflate past their declared size (1 MB declared, 30 MB inside)', () => {
    const big = Buffer.alloc(30 * MB, 0x41)
    assert.equal(
      refused(docx([{ name: 'word/media/image1.bin', data: big, declaredSize: MB }])),
      UPLOAD_MESSAGES.badZip,
    )
    assert.equal(refused(docx([{ name: 'word/media/image1.bin', data: 'honest' }])), 'accepted as docx')
  })

  it('refuses a package nested in the package, and macros or ActiveX', () => {
    const inner = zip([{ name: 'a.txt', data: 'x' }])
    assert.equal(
      refused(docx([{ name: 'word/embeddings/inner.bin', data: inner, stored: true }])),
      UPLOAD_MESSAGES.badZip,
    )
    assert.equal(refused(docx([{ name: 'word/vbaProject.bin', data: 'macro' }])), UPLOAD_MESSAGES.badZip)
    assert.equal(refused(docx([{ name: 'word/activeX/activeX1.xml', data: '<ax/>' }])), UPLOAD_MESSAGES.badZip)
  })
})
