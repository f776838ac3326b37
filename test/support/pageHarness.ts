import express from 'express'
import type { Request, Response } from 'express'
import type { Principal, Role } from '../../src/engine/access/permissions.ts'
import { homeFor, navFor } from '../../src/server/routes/navigation.ts'
import { nunjucksSetup } from '../../src/server/nunjucksSetup.ts'
import type { PageController } from '../../src/server/routes/page.ts'
import type { Services } from '../../src/services/index.ts'

/**
 * Runs a page's GET handler against mocked services (a `Partial<Services>` holding only what the page uses): page
 * logic without a store or a server. The guard (auth, permission, LA scope) is not run here; the HTTP tests cover it.
 * What the page renders is rendered with the real views, so a test can read the HTML.
 */
export interface PageResult {
  view?: string
  locals?: Record<string, unknown>
  html?: string
  redirect?: { status: number; to: string }
  sent?: unknown
}

const app = express()
const env = nunjucksSetup(app, { cache: true })

export function principal(role: Role, laScope: string[] | null = null, over: Partial<Principal> = {}): Principal {
  return {
    id: 1,
    username: `${role}-user`,
    displayName: `A ${role} user`,
    role,
    title: '',
    isAdmin: false,
    laScope,
    ...over,
  }
}

export async function runGet(
  page: PageController,
  options: {
    services: Partial<Services>
    user: Principal
    laCode?: string
    query?: Record<string, string>
    path?: string
    params?: Record<string, string>
  },
): Promise<PageResult> {
  const result: PageResult = {}
  const path = options.path ?? page.PATH
  const req = {
    app,
    query: options.query ?? {},
    params: options.params ?? {},
    path,
    originalUrl: path,
  } as unknown as Request
  const locals: Record<string, unknown> = {
    user: options.user,
    flash: {},
    csrfToken: 'test-token',
    currentPath: path,
    navHome: homeFor(options.user),
    navExtra: navFor(options.user, path),
  }
  let sentType: string | undefined
  const res = {
    locals,
    render(view: string, data: Record<string, unknown>, done?: (err: Error | null, html?: string) => void) {
      result.view = view
      result.locals = data
      result.html = env.render(view, { ...locals, ...data })
      done?.(null, result.html)
    },
    redirect(status: number, to: string) {
      result.redirect = { status, to }
    },
    type(type: string) {
      sentType = type
      return res
    },
    attachment() {
      return res
    },
    set() {
      return res
    },
    send(body: unknown) {
      result.sent = body
      // A page sent whole (src/server/pageCache.ts, as bytes) is read as a rendered one.
      const text = Buffer.isBuffer(body) ? body.toString('utf8') : body
      if (sentType === 'html' && typeof text === 'string') result.html = text
    },
  } as unknown as Response
  await page.GET!(req, res, {
    services: options.services as Services,
    user: options.user,
    laCode: options.laCode,
    body: undefined,
    requestId: 'test-request',
    flash: async () => {},
    formErrors: async () => {},
  })
  return result
}
