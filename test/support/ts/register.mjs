// A lean TypeScript loader for the test runs (node --import ./test/support/ts/register.mjs): only the project's own
// .ts files are transformed (esbuild, cached on disk by content); everything else is left to Node's own loader.
// tsx, which the app itself runs under, also inspects every CommonJS module that is loaded (playwright-core, exceljs,
// and their dependencies: megabytes per test process), which costs 2-4 CPU seconds in each of about 110 test processes.
import { register } from 'node:module'

process.setSourceMapsEnabled(true)
register('./hooks.mjs', import.meta.url)
