import assert from 'node:assert/strict'
import fs from 'node:fs'
import { describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { zip } from '../../../test/support/zipWriter.ts'
import { sniffUpload, UPLOAD_MESSAGES } from './sniff.ts'

const MB = 1024 * 1024

const WORD_TYPES = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

describe('upload sniffing', () => {
  it('recognises a real Ofsted PDF by its content', () => {
    const pdf = fs.readFileSync(
      new URL('../../../test/fixtures/ofsted-reports/derby_2022-05-11_inspection.pdf', import.meta.url),
    )
    assert.deepEqual(sniffUpload(pdf, 20 * MB), { ok: true, kind: 'pdf', mediaType: 'application/pdf' })
  })

  it('recognises an XLSX written by exceljs and a DOCX package', async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('KPIs').addRow(['month', 'value'])
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer())
    assert.equal(sniffUpload(xlsx, MB).ok && (sniffUpload(xlsx, MB) as { kind: string }).kind, 'xlsx')
    const docx = zip([
      { name: '[Content_Types].xml', data: WORD_TYPES },
      { name: 'word/document.xml', data: '<w:document/>' },
    ])
    assert.deepEqual(sniffUpload(docx, MB), {
      ok: true,
      kind: 'docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    })
  })

  it('recognises PNG, JPEG and CSV', () => {
    assert.equal(
      (sniffUpload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), MB) as { kind: string }).kind,
      'png',
    )
    assert.equal((sniffUpload(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), MB) as { kind: string }).kind, 'jpeg')
    assert.equal((sniffUpload(Buffer.from('\uFEFFmonth,value\n2014-06,58\n'), MB) as { kind: string }).kind, 'csv')
  })

  it('refuses other types whatever they are called, and empty or oversized files', () => {
    const refuse = (b: Buffer, max = MB) => sniffUpload(b, max)
    assert.deepEqual(refuse(Buffer.from('MZ\x90\x00\x03\x00\x00\x00')), { ok: false, message: UPLOAD_MESSAGES.type }) // a Windows executable
    assert.deepEqual(refuse(Buffer.from('<html><script>alert(1)</script></html>')), {
      ok: false,
      message: UPLOAD_MESSAGES.type,
    })
    assert.deepEqual(refuse(Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00])), {
      ok: false,
      message: UPLOAD_MESSAGES.type,
    })
    assert.deepEqual(refuse(Buffer.alloc(0)), { ok: false, message: UPLOAD_MESSAGES.empty })
    assert.deepEqual(refuse(Buffer.from('%PDF-1.4 xxxxxxxx'), 10), {
      ok: false,
      message: 'The selected file must be smaller than 0MB',
    })
    assert.equal(UPLOAD_MESSAGES.tooBig(20 * MB), 'The selected file must be smaller than 20MB')
  })

  it('refuses a plain zip, a zip bomb, path traversal and a DTD in the content types', () => {
    assert.equal(sniffUpload(zip([{ name: 'notes.txt', data: 'hello' }]), MB).ok, false)
    const bomb = zip([
      { name: '[Content_Types].xml', data: WORD_TYPES },
      { name: 'word/document.xml', data: 'x', declaredSize: 1_000_000_000 },
    ])
    assert.deepEqual(sniffUpload(bomb, MB), { ok: false, message: UPLOAD_MESSAGES.badZip })
    const traversal = zip([
      { name: '[Content_Types].xml', data: WORD_TYPES },
      { name: 'word/document.xml', data: 'x' },
      { name: '../../etc/passwd', data: 'x' },
    ])
    assert.deepEqual(sniffUpload(traversal, MB), { ok: false, message: UPLOAD_MESSAGES.badZip })
    const dtd = zip([
      { name: '[Content_Types].xml', data: `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${WORD_TYPES}` },
      { name: 'word/document.xml', data: 'x' },
    ])
    assert.deepEqual(sniffUpload(dtd, MB), { ok: false, message: UPLOAD_MESSAGES.badZip })
  })
})
