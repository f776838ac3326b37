import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import express from 'express'
import nunjucks from 'nunjucks'
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
  const stock = new nunjucks.Environment()

  it('gives what Nunjucks’ own trim gives, escaped or kept safe as the input was', () => {
    const inputs = ['', '   ', '  a  ', '\n\t <p>x</p>\n  \n', 'a \u00a0\u2028b\ufeff ', '<b>&</b>  ', 'no space']
    for (const v of inputs)
      for (const tpl of ['{{ v | trim }}', '{{ v | safe | trim }}', '[{{ v | trim | length }}]']) {
        assert.equal(env.renderString(tpl, { v }), stock.renderString(tpl, { v }), `${tpl} on ${JSON.stringify(v)}`)
      }
    const block = `${'  '.repeat(40)}\n<div>\n${'      <span>x</span>\n'.repeat(500)}${' '.repeat(30)}\n`
    assert.equal(env.renderString('{{ v | safe | trim }}', { v: block }), block.replace(/^\s*|\s*$/g, ''))
  })

  it('trims a caller block as the GOV.UK template does to decide whether a header has content', () => {
    const tpl = '{% macro m() %}{% if caller() | trim | length > 0 %}[{{ caller() | trim }}]{% endif %}{% endmacro %}'
    assert.equal(env.renderString(`${tpl}{% call m() %}   \n  {% endcall %}`, {}), '')
    assert.equal(env.renderString(`${tpl}{% call m() %}  <b>x</b>\n {% endcall %}`, {}), '[<b>x</b>]')
  })
})
