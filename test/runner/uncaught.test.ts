import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { test } from 'node:test'
import { pathToFileURL } from 'node:url'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const LOADER = pathToFileURL(path.join(ROOT, 'test', 'support', 'ts', 'register.mjs')).href
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'runner', 'uncaught.fixture.mjs')

/**
 * The test loader leaves out Node's test-runner async hook (test/support/ts/register.mjs). An error that escapes a test
 * (a throw in a timer, an unhandled rejection) must still fail the run and be named: only which test it came from is
 * lost, and SIGHTLINE_TEST_ASYNC_HOOK=on gives that back.
 */
for (const hook of ['left out', 'on'] as const) {
  test(`an uncaught error or unhandled rejection in a test fails the file, with its message (runner's hook ${hook})`, () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SIGHTLINE_TEST_ASYNC_HOOK: hook === 'on' ? 'on' : '' }
    delete env.NODE_TEST_CONTEXT
    const r = spawnSync(process.execPath, ['--import', LOADER, '--test', '--test-reporter=spec', FIXTURE], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    })
    assert.equal(r.status, 1, r.stdout + r.stderr)
    assert.match(r.stdout, /boom from a timer/)
    assert.match(r.stdout, /rejected and not handled/)
    assert.match(r.stdout, /ℹ fail [1-9]/)
    if (hook === 'on') assert.match(r.stdout, /✖ throws from a timer/, 'the runner names the test')
  })
}
