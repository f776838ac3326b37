import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import express from 'express'
import pino from 'pino'
import { errorHandler } from './errorHandler.ts'
import { nunjucksSetup } from './nunjucksSetup.ts'

async function render(production: boolean, err: Error & { status?: number }) {
  const app = express()
  nunjucksSetup(app, { cache: false })
  app.get('/boom', (_req, res, next) => {
    res.locals.requestId = 'req-123'
    next(err)
  })
  app.use(errorHandler(production, pino({ level: 'silent' })))
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

describe('error pages', () => {
  it('shows the GOV.UK 500 page with a reference and no stack in production', async () => {
    const res = await render(true, new Error('database password is hunter2'))
    assert.equal(res.status, 500)
    assert.match(res.text, /Sorry, there is a problem with the service/)
    assert.match(res.text, /req-123/)
    assert.doesNotMatch(res.text, /hunter2/)
    assert.doesNotMatch(res.text, /at render|errorHandler\.test/)
  })
  it('shows the stack in development to help whoever is fixing it', async () => {
    const res = await render(false, new Error('boom in dev'))
    assert.match(res.text, /boom in dev/)
  })
  it('uses the 404 page for not-found errors', async () => {
    const err = Object.assign(new Error('nope'), { status: 404 })
    const res = await render(true, err)
    assert.equal(res.status, 404)
    assert.match(res.text, /Page not found/)
  })
})
