// A lean TypeScript loader for the test runs (node --import ./test/support/ts/register.mjs): only the project's own
// .ts files are transformed (esbuild, cached on disk by content); everything else is left to Node's own loader.
// tsx, which the app itself runs under, also inspects every CommonJS module that is loaded (playwright-core, exceljs,
// and their dependencies: megabytes per test process), which costs 2-4 CPU seconds in each of about 110 test processes.
// A worker thread does not inherit the loader on Node 20: src/workerBoot.ts registers this file in it (its URL is left
// on globalThis), instead of tsx.
import { register } from 'node:module'

process.setSourceMapsEnabled(true)
register('./hooks.mjs', import.meta.url)
globalThis[Symbol.for('sightline.tsLoader')] = import.meta.url

// Node 20's test runner enables an async hook (init and destroy on every promise) only to tell which test an uncaught
// error or unhandled rejection came from; it costs 10-15% of a promise-heavy test file's CPU (corpusTruth, run beside
// itself: 25.1 -> 21.7 CPU s). Test processes leave it out: such an error still fails its file, with its message, as the
// file's failure ("asynchronous activity after the test ended") rather than one test's. SIGHTLINE_TEST_ASYNC_HOOK=on keeps
// the runner's hook, to find the test. Only the runner's own hook is left out (AsyncLocalStorage and the app's hooks are
// untouched): it is recognised by its caller, node:internal/test_runner/harness.
if (process.env.SIGHTLINE_TEST_ASYNC_HOOK !== 'on') {
  const asyncHooks = await import('node:async_hooks')
  const createHook = asyncHooks.default.createHook
  asyncHooks.default.createHook = function (callbacks) {
    if (/internal\/test_runner\/harness/.test(new Error().stack ?? '')) return { enable: () => {}, disable: () => {} }
    return createHook.call(this, callbacks)
  }
}
