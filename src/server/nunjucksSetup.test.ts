import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import express from 'express'
import { loadConfig } from '../config.ts'
import { nunjucksSetup } from './nunjucksSetup.ts'

describe('template compilation', () => {
  it('keeps templates compiled in every mode unless a developer opts in to watching', () => {
    for (const NODE_ENV of ['development', 'production', 'test', undefined])
      assert.equal(loadConfig({ NODE_ENV }).watchTemplates, false, `NODE_ENV=${NODE_ENV}`)
    assert.equal(loadConfig({ SIGHTLINE_WATCH_TEMPLATES: '1' }).watchTemplates, true)
    assert.throws(() => loadConfig({ SIGHTLINE_WATCH_TEMPLATES: 'yes' }), /watchTemplates/)
  })

  it('compiles a template once when caching, and again on each use when watching', () => {
    const cached = express()
    const env = nunjucksSetup(cached, { cache: true })
    assert.equal(env.getTemplate('pages/overview/index.njk'), env.getTemplate('pages/overview/index.njk'))
    assert.equal(cached.enabled('view cache'), true)
    const watched = express()
    const dev = nunjucksSetup(watched, { cache: false })
    assert.notEqual(dev.getTemplate('pages/overview/index.njk'), dev.getTemplate('pages/overview/index.njk'))
    assert.equal(watched.enabled('view cache'), false)
  })
})
