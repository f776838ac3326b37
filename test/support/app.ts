import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { Server } from 'node:http'
import type { Logger } from 'pino'
import { loadConfig, type Config } from '../../src/config.ts'
import type { Store } from '../../src/data/store.ts'
import type { Role } from '../../src/engine/access/permissions.ts'
import type { ApiChildStore } from '../../src/engine/returns/dfeApi/submission.ts'
import { createApp } from '../../src/server/app.ts'
import type { EndpointController } from '../../src/server/routes/endpoint.ts'
import type { PageController } from '../../src/server/routes/page.ts'
import { services as buildServices, type Services } from '../../src/services/index.ts'

export const TEST_PASSWORD = 'correct horse battery staple'

let scratch: string | undefined
/**
 * The data directory of apps started without one: one per test process, removed when it exits. (A directory shared
 * by every process let one file's staged imports show up in another's count when they ran at the same time.)
 */
function scratchDataDir() {
  if (!scratch) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-test-app-'))
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }))
    scratch = dir
  }
  return scratch
}

/** A running app over the given store, for HTTP-level tests. */
export async function startTestApp(
  store: Store,
  options: {
    pages?: PageController[]
    endpoints?: EndpointController[]
    config?: Partial<Config>
    apiChildStore?: ApiChildStore
    logger?: Logger
    /** The sign-in throttle's clock: a fixed one makes its waits independent of how fast the machine is. */
    signInClock?: () => Date
    /** The API rate limit's clock (milliseconds since the epoch). */
    rateLimitClock?: () => number
  } = {},
) {
  const config = loadConfig({ NODE_ENV: 'test' }, { dataDir: scratchDataDir(), logLevel: 'silent', ...options.config })
  const services = buildServices(
    { config, store, apiChildStore: options.apiChildStore },
    { signInClock: options.signInClock },
  )
  const server: Server = await new Promise((resolve) => {
    const s = createApp(services, options).listen(0, '127.0.0.1', () => resolve(s))
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { services, url, close: () => new Promise<void>((r) => server.close(() => r())) }
}

export async function addUser(
  services: Services,
  username: string,
  role: Role,
  laCodes: string[] = [],
  isAdmin = false,
) {
  return services.users.add({
    username,
    displayName: username,
    role,
    title: role,
    password: TEST_PASSWORD,
    laCodes,
    isAdmin,
  })
}

/** A cookie-keeping HTTP client that signs in like a browser and reads CSRF tokens from pages. */
export class Client {
  cookie = ''
  constructor(private base: string) {}

  async request(method: string, path: string, body?: Record<string, string>, headers: Record<string, string> = {}) {
    const res = await fetch(this.base + path, {
      method,
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      body: body ? new URLSearchParams(body).toString() : undefined,
    })
    const set = res.headers.getSetCookie()
    for (const c of set) {
      const pair = c.split(';')[0]
      if (pair.startsWith('sightline_session=')) this.cookie = /=$/.test(pair) ? '' : pair
    }
    return {
      status: res.status,
      location: res.headers.get('location') ?? '',
      text: await res.text(),
      headers: res.headers,
    }
  }

  async csrf(path = '/no-such-page-for-csrf'): Promise<string> {
    const page = await this.request('GET', path)
    const m = /name="_csrf" value="([^"]+)"/.exec(page.text)
    if (!m) throw new Error(`no CSRF token on ${path}`)
    return m[1]
  }

  /** Posts one file as a multipart form to a page (with the CSRF token from that page), as the browser does. */
  async upload(path: string, field: string, bytes: Uint8Array, fileName: string) {
    const token = await this.csrf(path)
    const form = new FormData()
    form.set('_csrf', token)
    form.set(field, new Blob([new Uint8Array(bytes)]), fileName)
    const res = await fetch(`${this.base}${path}?_csrf=${encodeURIComponent(token)}`, {
      method: 'POST',
      body: form,
      headers: { cookie: this.cookie, accept: 'text/html' },
      redirect: 'manual',
    })
    return { status: res.status, location: res.headers.get('location') ?? '', headers: res.headers }
  }

  async signIn(username: string, password = TEST_PASSWORD) {
    const token = await this.csrf('/sign-in')
    const res = await this.request('POST', '/sign-in', { _csrf: token, username, password })
    if (res.status !== 303 || res.location.includes('sign-in'))
      throw new Error(`sign-in failed for ${username}: ${res.status} ${res.location}`)
    return res
  }
}
