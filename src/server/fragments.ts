import type { Application } from 'express'
import { gauge } from '../services/memoryGauges.ts'

/**
 * Heavy shared fragments of a page (the national overview's table, the risk ranking's tables), rendered once per data
 * version and reused by every request that would render the same HTML.
 *
 * A fragment is kept under its name, the version of the data it shows (a new version drops every fragment of that
 * name) and a key naming everything else its HTML depends on (filters, sort order, the LAs the user may open). Only
 * fragments the same for everyone with that key belong here: never one holding a user's name, a CSRF token or
 * anything else of one session. Each Express app keeps its own (tests run several apps in one process).
 */
export class FragmentCache<T = string> {
  private version: string | undefined
  private readonly held = new Map<string, T>()

  constructor(private readonly max = 64) {
    gauge('fragments', this, (c) => c.size)
  }

  /** The fragment for (version, key): rendered by `render` the first time, then reused until the version changes. */
  async get(version: string, key: string, render: () => Promise<T>): Promise<T> {
    if (version !== this.version) {
      this.version = version
      this.held.clear()
    }
    const html = this.held.get(key)
    if (html !== undefined) {
      // Most recently used last: the oldest is the first to go when the cache is full.
      this.held.delete(key)
      this.held.set(key, html)
      return html
    }
    const rendered = await render()
    // The version may have moved on while this rendered: keep it only if it is still current.
    if (version === this.version) {
      if (this.held.size >= this.max) this.held.delete(this.held.keys().next().value!)
      this.held.set(key, rendered)
    }
    return rendered
  }

  /** How many fragments are held (tests). */
  get size() {
    return this.held.size
  }
}

const byApp = new WeakMap<Application, Map<string, FragmentCache<unknown>>>()

/** The app's cache of one kind of fragment (a name holds one kind of value: HTML, or what pageCache.ts keeps). */
export function fragmentCache<T = string>(app: Application, name: string): FragmentCache<T> {
  let caches = byApp.get(app)
  if (!caches) byApp.set(app, (caches = new Map()))
  let cache = caches.get(name)
  if (!cache) caches.set(name, (cache = new FragmentCache<unknown>()))
  return cache as FragmentCache<T>
}

/** Renders a view (a fragment template) to a string with the app's template engine. */
export function renderToString(app: Application, view: string, locals: object): Promise<string> {
  return new Promise((resolve, reject) =>
    app.render(view, locals, (err: Error | null, html?: string) => (err ? reject(err) : resolve(html ?? ''))),
  )
}

/** A fragment of the app's: from the cache when one for (version, key) is held, else rendered from `view` and kept. */
export function cachedFragment(
  app: Application,
  name: string,
  at: { version: string; key: string },
  view: string,
  locals: () => object | Promise<object>,
): Promise<string> {
  return fragmentCache(app, name).get(at.version, at.key, async () => renderToString(app, view, await locals()))
}
