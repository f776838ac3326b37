/**
 * CLI start-up: `sightline --help` (which loads no command) and `sightline users --help` (one command's module), each
 * run 7 times in a fresh process; prints the median and its ratio to a bare `node --import tsx` start in the same run.
 * Usage: npm run bench:cli
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..', '..')
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
function time(args: string[]) {
  const runs: number[] = []
  for (let i = 0; i < 7; i++) {
    const t = performance.now()
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' })
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`)
    runs.push(performance.now() - t)
  }
  return median(runs)
}
const bare = time(['--import', 'tsx', '-e', ''])
console.log(`node + tsx, nothing loaded: ${bare.toFixed(0)} ms (reference)`)
for (const args of [['--help'], ['users', '--help'], ['casework', '--help']]) {
  const ms = time(['bin/sightline.js', ...args])
  console.log(`sightline ${args.join(' ')}: ${ms.toFixed(0)} ms (${(ms / bare).toFixed(2)}x the reference)`)
}
