import { after, before } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { launch, newPage, signIn } from './browser.ts'

/**
 * One browser and one signed-in page for a describe block: call inside describe(); read `.page` in tests.
 * @example const s = signedInSession('dfe.adviser'); it('...', async () => s.page.goto(...))
 */
export function signedInSession(username: string) {
  const session = { browser: undefined as Browser | undefined, page: undefined as unknown as Page }
  before(async () => {
    session.browser = await launch()
    session.page = await newPage(session.browser)
    await signIn(session.page, username)
  })
  after(async () => session.browser?.close())
  return session
}

/**
 * One browser with a signed-in page per person (each in its own context), for a story that passes between people.
 * @example const s = signedInSessions({ lead: 'norfolk.lead', reviewer: 'dfe.adviser' }); s.pages.lead.goto(...)
 */
export function signedInSessions<K extends string>(people: Record<K, string>) {
  const session = { browser: undefined as Browser | undefined, pages: {} as Record<K, Page> }
  before(async () => {
    session.browser = await launch()
    for (const [who, username] of Object.entries(people) as Array<[K, string]>) {
      session.pages[who] = await newPage(session.browser)
      await signIn(session.pages[who], username)
    }
  })
  after(async () => session.browser?.close())
  return session
}
