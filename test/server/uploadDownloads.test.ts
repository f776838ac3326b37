// Issue 12's upload findings at the HTTP edge: an evidence file is downloaded as an attachment with the type its
// content has (not the type the browser claimed), nosniff and no-store, its UTF-8 name kept; and an upload one byte over
// the documented 50 MB is refused with a plain sentence, storing nothing.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { UPLOAD_LIMIT_BYTES } from '../../src/engine/uploads/limits.ts'
import { demoPlanApp } from '../support/demoPlanApp.ts'

/** A 1x1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001' +
    '0d0a2db40000000049454e44ae426082',
  'hex',
)

describe('evidence files: downloads and the upload limit', () => {
  const demo = demoPlanApp()

  const upload = async (lead: Awaited<ReturnType<typeof demo.client>>, itemUrl: string, blob: Blob, name: string) => {
    const token = await lead.csrf(itemUrl)
    const form = new FormData()
    form.set('_csrf', token)
    form.set('kind', 'file')
    form.set('title', 'Chart for the board')
    form.set('evidenceDate', '2014-07-01')
    form.set('file', blob, name)
    return fetch(`${demo.app.url}${itemUrl}/evidence?_csrf=${encodeURIComponent(token)}`, {
      method: 'POST',
      body: form,
      headers: { cookie: lead.cookie, accept: 'text/html' },
      redirect: 'manual',
    })
  }
  const storedFiles = async () =>
    Number((await demo.store.query<{ n: number }>('SELECT count(*)::int AS n FROM stored_file'))[0].n)

  it('serves a file as an attachment with its sniffed type, nosniff and no-store, whatever type it was sent as', async () => {
    const lead = await demo.client('improvement.lead')
    const itemUrl = `/la/331/plans/${demo.planId}/items/1`
    const name = 'Café chart \u202egnp.exe.png'
    const res = await upload(lead, itemUrl, new Blob([new Uint8Array(PNG)], { type: 'text/html' }), name)
    assert.equal(res.status, 303)
    const page = await lead.request('GET', itemUrl)
    const href = new RegExp(`(/la/331/plans/${demo.planId}/evidence/\\d+)"[^>]*>[^<]*Café chart`).exec(page.text)
    assert.ok(href, 'the item page links the uploaded file')
    const file = await fetch(`${demo.app.url}${href[1]}`, { headers: { cookie: lead.cookie } })
    assert.equal(file.status, 200)
    assert.equal(file.headers.get('content-type'), 'image/png')
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff')
    assert.match(file.headers.get('cache-control') ?? '', /no-store/)
    const disposition = file.headers.get('content-disposition') ?? ''
    assert.match(disposition, /^attachment;/)
    // The UTF-8 name is kept (RFC 5987 form); the right-to-left override that disguised ".exe" is not.
    assert.match(disposition, /filename\*=UTF-8''Caf%C3%A9%20chart%20gnp\.exe\.png/)
    assert.doesNotMatch(decodeURIComponent(disposition), /\u202e/)
    assert.deepEqual(Buffer.from(await file.arrayBuffer()), PNG)
  })

  it('refuses an upload one byte over the documented 50 MB with a plain sentence, storing nothing', async () => {
    assert.equal(UPLOAD_LIMIT_BYTES, 50 * 1024 * 1024)
    const lead = await demo.client('improvement.lead')
    const itemUrl = `/la/331/plans/${demo.planId}/items/2`
    const before = await storedFiles()
    const big = Buffer.alloc(UPLOAD_LIMIT_BYTES + 1, 0x20)
    PNG.copy(big)
    const res = await upload(lead, itemUrl, new Blob([new Uint8Array(big)], { type: 'image/png' }), 'big.png')
    const text = res.status === 303 ? (await lead.request('GET', res.headers.get('location')!)).text : await res.text()
    assert.match(text, /50 ?MB/, `the refusal names the limit (status ${res.status})`)
    assert.doesNotMatch(text, /\bat \S+:\d+|node_modules|MulterError|LIMIT_FILE_SIZE/)
    assert.equal(await storedFiles(), before, 'nothing stored')
  })
})
