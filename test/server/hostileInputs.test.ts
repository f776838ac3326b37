import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../../src/data/store.ts'
import { cleanFileName, nulField } from '../../src/server/middleware/requestHygiene.ts'
import { storesUnderTest } from '../support/stores.ts'
import { addUser, Client, startTestApp } from '../support/app.ts'

/** The fast subset of the hostile-input corpus: requests no form sends get a 400 that says what and where. */
describe('hostile requests: NUL bytes and malformed uploads', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  let lead: Client
  const B = 'SightlineBoundary'

  before(async () => {
    store = await storesUnderTest()[0].open()
    await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
      ('372', 'E08000018', 'Rotherham', 'Yorkshire and The Humber', 'Metropolitan district', true)`)
    app = await startTestApp(store)
    await addUser(app.services, 'rotherham.lead', 'local', ['372'])
    lead = new Client(app.url)
    await lead.signIn('rotherham.lead')
  })
  after(async () => {
    await app?.close()
    await store?.close()
  })

  const count = async (table: string) =>
    Number((await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0].n)

  const assertRefused = (res: { status: number; text: string }, message: RegExp) => {
    assert.equal(res.status, 400, res.text.slice(0, 400))
    assert.match(res.text, message)
    assert.doesNotMatch(res.text, /\bat \S+:\d+|node_modules|SELECT|INSERT|MulterError|Unexpected end of form/)
  }

  const postMultipart = async (body: string) => {
    const token = await lead.csrf('/la/372/reports/import')
    const res = await fetch(`${app.url}/la/372/reports/import?_csrf=${encodeURIComponent(token)}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { accept: 'text/html', cookie: lead.cookie, 'content-type': `multipart/form-data; boundary=${B}` },
      body,
    })
    return { status: res.status, text: await res.text() }
  }
  const part = (name: string, fileName: string, content = '%PDF-1.4 x') =>
    `--${B}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\n` +
    `Content-Type: application/pdf\r\n\r\n${content}\r\n`

  it('answers a NUL byte in the address with 400 naming the address, not a 500', async () => {
    assertRefused(await lead.request('GET', '/la/372%00'), /The page address contains a character that is not allowed/)
    assertRefused(await lead.request('GET', '/la/372?tab=a%00b'), /The query in the page address contains a character/)
  })

  it('answers a NUL byte in a form field with 400 naming the field, and stores nothing', async () => {
    const before = await count('login_attempt')
    const c = new Client(app.url)
    const token = await c.csrf('/sign-in')
    const res = await c.request('POST', '/sign-in', { _csrf: token, username: 'rotherham\u0000.lead', password: 'x' })
    assertRefused(res, /The field “username” contains a character that is not allowed \(a NUL byte\)/)
    assert.equal(await count('login_attempt'), before, 'no sign-in attempt recorded')
  })

  it('answers malformed and unexpected multipart bodies with 400 and a plain sentence', async () => {
    const truncated = `--${B}\r\nContent-Disposition: form-data; name="report"; filename="x.pdf"\r\n\r\nxx\r\n--${B}`
    assertRefused(await postMultipart(truncated), /The upload was incomplete or malformed/)
    assertRefused(await postMultipart('not multipart at all'), /The upload was incomplete or malformed/)
    const twoFiles = part('report', 'a.pdf') + part('report', 'b.pdf') + `--${B}--\r\n`
    assertRefused(await postMultipart(twoFiles), /The form takes one file, in its “report” field/)
    const wrongField = part('other', 'a.pdf') + `--${B}--\r\n`
    assertRefused(await postMultipart(wrongField), /The form takes one file, in its “report” field/)
    assert.equal(await count('imported_report'), 0)
  })

  it('keeps a NUL byte in a file name out of the store: the name is cleaned, not a 500', async () => {
    const res = await postMultipart(part('report', 'a\u0000b.pdf') + `--${B}--\r\n`)
    assert.notEqual(res.status, 500, res.text.slice(0, 300))
    assert.equal(await count('imported_report'), 0)
  })
})

describe('request hygiene helpers', () => {
  it('finds the first field holding a NUL byte, at any depth', () => {
    assert.equal(nulField({ a: 'ok', b: ['fine', 'bad\u0000'] }), 'b')
    assert.equal(nulField({ a: { deep: 'x\u0000' } }), 'deep')
    assert.equal(nulField({ 'na\u0000me': 'x' }), 'a field name')
    assert.equal(nulField({ a: 'ok', b: ['fine'] }), undefined)
    assert.equal(nulField(undefined), undefined)
  })

  it('cleans file names: UTF-8 kept, control and bidi characters removed, never empty', () => {
    assert.equal(cleanFileName('Évaluation – réponse.pdf'), 'Évaluation – réponse.pdf')
    assert.equal(cleanFileName('invoice\u202Efdp.exe'), 'invoicefdp.exe')
    assert.equal(cleanFileName('a\u0000b\r\n.pdf'), 'ab.pdf')
    assert.equal(cleanFileName('\u200F\u0007'), 'file')
    assert.equal(cleanFileName('x'.repeat(300)).length, 200)
  })
})
