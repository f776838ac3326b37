// Runs the given test files through node:test's run(), in the order given (`node --test` sorts its files by name),
// CONCURRENCY at a time, each in its own process, with the spec reporter. scripts/run-tests.mjs orders the files
// longest first so that the two cores stay busy to the end. The test processes inherit this process's --import
// (the TypeScript loader). Usage: node --import ./test/support/ts/register.mjs test/support/runFiles.mjs N file...
import path from 'node:path'
import { run } from 'node:test'
import { spec } from 'node:test/reporters'

const [concurrency, ...files] = process.argv.slice(2)
let failed = false
const stream = run({ files: files.map((f) => path.resolve(f)), concurrency: Number(concurrency) })
stream.on('test:fail', () => (failed = true))
stream.compose(spec).pipe(process.stdout)
process.on('exit', () => {
  if (failed) process.exitCode = 1
})
