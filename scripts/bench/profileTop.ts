/**
 * Where a `.cpuprofile`'s time went: the functions with the most self time, and the most total time (self plus
 * callees, each function counted once per sample), in milliseconds and share of the samples.
 * Usage: node --import tsx scripts/bench/profileTop.ts FILE.cpuprofile [--top 40] [--match regex]
 */
import fs from 'node:fs'

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: Node[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

const file = process.argv[2]
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const TOP = Number(arg('top', '40'))
const MATCH = arg('match', '')
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)

const short = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\//, '~/')
    .replace(/.*\/src\//, 'src/')
const label = (n: Node) =>
  `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`

/** A sample's module: the package under node_modules, the source file, or node's own (`node:...`, native). */
const moduleOf = (n: Node) => {
  const url = n.callFrame.url
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]
  if (url.includes('/src/')) return short(url)
  return url.startsWith('node:')
    ? url.split('/')[0].replace(/:.*$/, ':') + url.slice(5).split('/')[0]
    : url || n.callFrame.functionName
}
const byModule = new Map<string, number>()
const self = new Map<string, number>()
const total = new Map<string, number>()
let all = 0
let idle = 0
for (let i = 0; i < profile.samples.length; i++) {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000
  const node = byId.get(profile.samples[i])!
  all += dt
  if (node.callFrame.functionName === '(idle)') idle += dt
  const l = label(node)
  self.set(l, (self.get(l) ?? 0) + dt)
  const m = moduleOf(node)
  byModule.set(m, (byModule.get(m) ?? 0) + dt)
  const seen = new Set<string>()
  for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
    const k = label(byId.get(id)!)
    if (seen.has(k)) continue
    seen.add(k)
    total.set(k, (total.get(k) ?? 0) + dt)
  }
}
const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`)
  const rows = [...m].filter(([k]) => !MATCH || new RegExp(MATCH).test(k)).sort((a, b) => b[1] - a[1])
  for (const [k, v] of rows.slice(0, TOP))
    process.stdout.write(`${v.toFixed(0).padStart(7)} ms ${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}\n`)
}
console.log(`${file}: ${all.toFixed(0)} ms sampled, ${idle.toFixed(0)} ms idle (${((100 * idle) / all).toFixed(0)}%)`)
print('self time by module', byModule)
print('self time', self)
print('total time', total)
