import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import express from 'express'
import pino from 'pino'
import { errorHandler } from './errorHandler.ts'
import { nunjucksSetup } from './nunjucksSetup.ts'
import { loadConfig } from '../config.ts'

async function render(showDetails: boolean, err: Error & { status?: number }) {
  const app = express()
  nunjucksSetup(app, { cache: false })
  app.get('/boom', (_req, res, next) => {
    res.locals.requestId = 'req-123'
    next(err)
  })
  app.use(errorHandler({ showDetails }, pino({ level: 'silent' })))
  const server = app.listen(0)
  await new Promise((r) => server.once('listening', r))
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/boom`, {
      headers: { accept: 'text/html' },
    })
    return { status: res.status, text: await res.text() }
  } finally {
    server.close()
  }
}

const LEAKS = /hunter2|SELECT|\/work\/|node_modules|at render|errorHandler\.test|position \d+|\?id=/

describe('error pages', () => {
  it('shows the GOV.UK 500 page with a reference and nothing of the error, unless a developer opts in', async () => {
    const res = await render(false, new Error('database password is hunter2 in /work/app/src/x.ts'))
    assert.equal(res.status, 500)
    assert.match(res.text, /Sorry, there is a problem with the service/)
    assert.match(res.text, /req-123/)
    assert.doesNotMatch(res.text, LEAKS)
  })
  it('npm start and every NODE_ENV are production-safe by default; SIGHTLINE_SHOW_ERROR_DETAILS=1 opts in', async () => {
    for (const NODE_ENV of [undefined, 'development', 'test', 'production'])
      assert.equal(loadConfig({ NODE_ENV }).showErrorDetails, false, `NODE_ENV=${NODE_ENV}`)
    assert.equal(loadConfig({ SIGHTLINE_SHOW_ERROR_DETAILS: '1' }).showErrorDetails, true)
    const res = await render(true, new Error('boom in dev'))
    assert.match(res.text, /boom in dev/)
  })
  it("never shows a library's message on a 4xx: parser positions, SQL, paths", async () => {
    const parse = Object.assign(new Error('Unexpected token } in JSON at position 12'), {
      status: 400,
      expose: true,
      type: 'entity.parse.failed',
    })
    assert.doesNotMatch((await render(false, parse)).text, LEAKS)
    const sql = Object.assign(new Error('invalid input syntax: SELECT * FROM plan WHERE id = 1'), {
      status: 400,
      expose: true,
    })
    assert.doesNotMatch((await render(false, sql)).text, LEAKS)
    const ours = Object.assign(new Error('Choose a table: measures, series'), { status: 400, expose: true })
    assert.match((await render(false, ours)).text, /Choose a table: measures, series/)
  })
  it('uses the 404 page for not-found errors', async () => {
    const err = Object.assign(new Error('no route /la/330/plans/99?id=4'), { status: 404 })
    const res = await render(false, err)
    assert.equal(res.status, 404)
    assert.match(res.text, /Page not found/)
    assert.doesNotMatch(res.text, LEAKS)
  })
})
