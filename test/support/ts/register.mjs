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
