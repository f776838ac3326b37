#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so `npx sightline` works straight after `npm install`, with no build step.
import { register } from 'tsx/esm/api'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

register()
// `sightline ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})
const here = path.dirname(fileURLToPath(import.meta.url))
const { main } = await import(path.join(here, '..', 'src', 'cli', 'index.ts'))
process.exitCode = await main(process.argv.slice(2))
