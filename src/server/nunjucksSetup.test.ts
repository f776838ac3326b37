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

describe('mojDate', () => {
  const env = nunjucksSetup(express(), { cache: true })
  const render = (v: string, type?: string) =>
    env.renderString(type ? `{{ v | mojDate('${type}') }}` : '{{ v | mojDate }}', { v })

  it('writes the hour after noon and after midnight as 12, not 0, in UK time', () => {
    // 11:30 UTC in July is 12:30 in London (BST); 00:05 UTC in January is 00:05 in London (GMT).
    assert.equal(render('2026-07-01T11:30:00Z', 'time'), '12:30pm')
    assert.equal(render('2026-01-01T00:05:00Z', 'time'), '12:05am')
    assert.equal(render('2026-01-01T15:45:00Z', 'time'), '3:45pm')
  })

  it('gives nothing for a value that is not a date', () => {
    assert.equal(render('not a date'), '')
  })
})

describe('trim', () => {
  const env = nunjucksSetup(express(), { cache: true })

  it('trims as Nunjucks did, every kind of whitespace at either end, and keeps markup marked safe', () => {
    const v = ' \t\n\u00a0\ufeff\u2028 <b>a  b</b> \u3000\r\n'
    assert.equal(env.renderString('[{{ v | trim }}]', { v }), '[&lt;b&gt;a  b&lt;/b&gt;]')
    assert.equal(env.renderString('[{{ v | safe | trim }}]', { v }), '[<b>a  b</b>]')
    assert.equal(v.replace(/^\s*|\s*$/g, ''), '<b>a  b</b>', 'the old filter gave the same text')
    assert.equal(env.renderString('{% set c %}  \n  {% endset %}{{ c | trim | length }}', {}), '0')
  })
})
