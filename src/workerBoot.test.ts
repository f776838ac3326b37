import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Worker } from 'node:worker_threads'
import { workerBoot } from './workerBoot.ts'

const ECHO = new URL('../test/fixtures/worker/echo.ts', import.meta.url)
const LOADER = Symbol.for('sightline.tsLoader')

test('a worker thread on a TypeScript module registers the loader the process runs under, not tsx', async () => {
  const lean = (globalThis as { [LOADER]?: string })[LOADER]
  assert.ok(lean?.endsWith('/test/support/ts/register.mjs'), 'the test runs leave their loader on globalThis')
  const boot = workerBoot(ECHO)
  assert.ok(boot.includes(JSON.stringify(lean)), boot)
  assert.ok(!boot.includes('tsx'), boot)
  const w = new Worker(boot, { eval: true, workerData: 21 })
  try {
    assert.equal(await new Promise((resolve, reject) => w.once('message', resolve).once('error', reject)), 42)
  } finally {
    await w.terminate()
  }
})

test('without a loader left on globalThis, a worker thread registers tsx', () => {
  const g = globalThis as { [LOADER]?: string }
  const lean = g[LOADER]
  delete g[LOADER]
  try {
    const boot = workerBoot(ECHO)
    assert.ok(boot.includes('tsx'), boot)
    assert.ok(boot.includes(JSON.stringify(ECHO.href)), boot)
  } finally {
    g[LOADER] = lean
  }
})
