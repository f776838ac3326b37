#!/usr/bin/env node
// Runs the CLI's compiled JavaScript (built by `npm install`, and again whenever a source file has changed: see
// scripts/build/compiled.mjs), so `npx sightline` starts quickly and works straight after `npm install`.
import { importCompiled } from '../scripts/build/compiled.mjs'

// `sightline ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})
const { main } = await importCompiled('cli', 'src/cli/index.ts')
process.exitCode = await main(process.argv.slice(2))
