import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import express, { type Request, type Response } from 'express'
import type { Principal } from '../engine/access/permissions.ts'
import { nunjucksSetup } from './nunjucksSetup.ts'
import { sendCachedPage } from './pageCache.ts'
import { homeFor, navFor } from './routes/navigation.ts'

/**
 * A page sent by sendCachedPage over a real Express app and the real layout: the page's own content comes from
 * `locals()` (counted), the user, CSRF token and flash from headers, as the session middleware would set them.
 */
const VIEW = 'pages/errors/error.njk'

const USERS: Record<string, Principal> = {
  nadia: {
    id: 1,
    username: 'nadia',
    displayName: 'Nadia',
    role: 'national',
    title: 'Analyst',
    isAdmin: false,
    laScope: null,
  },
  omar: {
    id: 2,
    username: 'omar',
    displayName: `Omar O'Brien & <Co> \\`,
    role: 'national',
    title: 'Lead "one"',
    isAdmin: false,
    laScope: null,
  },
  lena: {
    id: 3,
    username: 'lena',
    displayName: 'Lena',
    role: 'local',
    title: 'Officer',
    isAdmin: false,
    laScope: ['330'],
  },
  lara: {
    id: 4,
    username: 'lara',
    displayName: 'Lara',
    role: 'local',
    title: 'Officer',
    isAdmin: false,
    laScope: ['331'],
  },
}

describe('sendCachedPage: whole pages per data version, the user, token and flash per request', () => {
  let url = ''
  let server: ReturnType<express.Express['listen']>
  let version = 'v1'
  let data = 'first'
  const made: string[] = []
  const locals = (res: Response) => {
    const user = res.locals.user as Principal
    made.push(user.username)
    // What a page shows from the data and the user's LA scope (as the ranking's links to the LAs they may open).
    return { title: `Data ${data}`, message: `Scope ${JSON.stringify(user.laScope)}`, status: 200 }
  }
  const setUp = (req: Request, res: Response) => {
    const user = USERS[String(req.get('x-user'))]
    Object.assign(res.locals, {
      user,
      csrfToken: `token-of-${req.get('x-session')}`,
      flash: req.get('x-flash') ? { message: req.get('x-flash') } : {},
      currentPath: req.path,
      todayIso: '2026-12-07',
      // One navigation for everyone here, so that only the cache's own key tells the LA scopes apart.
      navHome: homeFor(USERS.nadia),
      navExtra: navFor(USERS.nadia, req.path),
    })
  }

  before(async () => {
    const app = express()
    nunjucksSetup(app, { cache: true })
    app.get('/page', async (req, res) => {
      setUp(req, res)
      await sendCachedPage(req, res, VIEW, { version, key: req.query }, () => locals(res))
    })
    // The same page rendered as every page was before: what the cached one must equal byte for byte.
    app.get('/plain', (req, res) => {
      setUp(req, res)
      res.render(VIEW, locals(res))
    })
    server = app.listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  after(() => server.close())

  const get = async (path: string, user: string, session = user, flash?: string) => {
    const res = await fetch(url + path, {
      headers: { 'x-user': user, 'x-session': session, ...(flash ? { 'x-flash': flash } : {}) },
    })
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/)
    return res.text()
  }

  it('renders once and sends the same HTML as before, with each request its own user and CSRF token', async () => {
    made.length = 0
    const first = await get('/page?a=1', 'nadia')
    const again = await get('/page?a=1', 'nadia', 'second-session')
    const other = await get('/page?a=1', 'omar')
    assert.deepEqual(made, ['nadia'], 'rendered once for users of the same role and scope')
    assert.equal(first, await get('/plain?a=1', 'nadia'))
    assert.equal(again, await get('/plain?a=1', 'nadia', 'second-session'))
    assert.equal(
      other,
      await get('/plain?a=1', 'omar'),
      'a name and title escaped exactly as the template escapes them',
    )
    assert.match(again, /value="token-of-second-session"/)
    assert.doesNotMatch(again, /token-of-nadia/)
    assert.match(other, /Omar O&#39;Brien &amp; &lt;Co&gt; &#92;/)
    assert.doesNotMatch(other, /Nadia|\u0000/)
  })

  it('never sends one LA scope the page made for another', async () => {
    made.length = 0
    const national = await get('/page?b=1', 'nadia')
    const birmingham = await get('/page?b=1', 'lena')
    const coventry = await get('/page?b=1', 'lara')
    assert.deepEqual(made, ['nadia', 'lena', 'lara'], 'each scope has its own page')
    assert.match(national, /Scope null/)
    assert.match(birmingham, /Scope \[&quot;330&quot;\]/)
    assert.match(coventry, /Scope \[&quot;331&quot;\]/)
    assert.equal(await get('/page?b=1', 'lena'), birmingham)
    assert.deepEqual(made, ['nadia', 'lena', 'lara'])
  })

  it('shows a change of data on the very next request, and a flash message without keeping it', async () => {
    made.length = 0
    assert.match(await get('/page?c=1', 'nadia'), /Data first/)
    data = 'second'
    assert.match(await get('/page?c=1', 'nadia'), /Data first/, 'same version: the page kept')
    version = 'v2'
    assert.match(await get('/page?c=1', 'nadia'), /Data second/, 'a new version: made again at once')
    const flashed = await get('/page?c=1', 'nadia', 'nadia', 'Plan saved')
    assert.match(flashed, /Plan saved/)
    assert.doesNotMatch(await get('/page?c=1', 'nadia'), /Plan saved/, 'a flash is never kept')
    assert.deepEqual(made, ['nadia', 'nadia', 'nadia'])
  })
})
