import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import nunjucks from 'nunjucks'
import { useCompiledTemplateCache } from './compiledTemplates.ts'

describe('compiled template cache', () => {
  let work: string
  let views: string
  let cache: string
  /** A new environment, as another process would make it. */
  const envOf = (dir?: string) => {
    const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(views, { noCache: true }), { autoescape: true })
    if (dir) useCompiledTemplateCache(env, dir)
    return env
  }
  const cached = () => fs.readdirSync(cache).filter((f) => f.endsWith('.js'))

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-templates-'))
    views = path.join(work, 'views')
    cache = path.join(work, 'cache')
    fs.mkdirSync(views)
    fs.writeFileSync(
      path.join(views, 'layout.njk'),
      '<h1>{% block title %}{% endblock %}</h1>{% from "macros.njk" import tag %}{{ tag(kind) }}',
    )
    fs.writeFileSync(path.join(views, 'macros.njk'), '{% macro tag(k) %}<b>{{ k }}</b>{% endmacro %}')
    fs.writeFileSync(
      path.join(views, 'page.njk'),
      '{% extends "layout.njk" %}{% block title %}{{ name }}{% for i in items %} {{ i | upper }}{% endfor %}{% endblock %}',
    )
  })
  after(() => fs.rmSync(work, { recursive: true, force: true }))

  const context = { name: 'Birmingham <LA>', items: ['a', 'b'], kind: 'Inadequate & more' }

  it('renders exactly what Nunjucks renders without it, escaping included, and keeps one file per template', () => {
    const plain = envOf().render('page.njk', context)
    assert.equal(plain, '<h1>Birmingham &lt;LA&gt; A B</h1><b>Inadequate &amp; more</b>')
    assert.equal(envOf(cache).render('page.njk', context), plain)
    assert.equal(cached().length, 3, 'page, layout and macros')
    // Another process finds them compiled: the same output, no new file.
    assert.equal(envOf(cache).render('page.njk', context), plain)
    assert.equal(cached().length, 3)
  })

  it('uses the compiled source it finds (another process need not compile again)', () => {
    // A cache holding only the macros file's entry, then another template's compiled source stood in for it: the next
    // environment must run what it finds.
    const only = path.join(work, 'cache-macros')
    envOf(only).getTemplate('macros.njk')
    const [macros] = fs.readdirSync(only)
    const other = new nunjucks.Environment(null, { autoescape: true })
    const code = (nunjucks as unknown as { compiler: { compile: (...a: unknown[]) => string } }).compiler.compile(
      '{% macro tag(k) %}<i>{{ k }}</i>{% endmacro %}',
      [],
      [],
      'macros.njk',
      (other as unknown as { opts: object }).opts,
    )
    fs.writeFileSync(path.join(only, macros), code)
    assert.match(envOf(only).render('page.njk', context), /<i>Inadequate &amp; more<\/i>/)
  })
  it('compiles a changed template afresh: an edit is never served from the old version', () => {
    const file = path.join(views, 'macros.njk')
    const before = fs.readFileSync(file, 'utf8')
    fs.writeFileSync(file, '{% macro tag(k) %}<em>{{ k }}</em>{% endmacro %}')
    try {
      const env = envOf(cache)
      assert.match(env.render('page.njk', context), /<em>Inadequate &amp; more<\/em>/)
      assert.equal(cached().length, 4)
    } finally {
      fs.writeFileSync(file, before)
    }
  })

  it('still renders when the cache cannot be written (a read-only install)', () => {
    const blocked = path.join(work, 'not-a-directory')
    fs.writeFileSync(blocked, '')
    assert.equal(envOf(blocked).render('page.njk', context), envOf().render('page.njk', context))
  })
})
