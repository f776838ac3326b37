// Module hooks for register.mjs: a .ts file (outside node_modules) is transformed to an ES module by esbuild, with an
// inline source map so stack traces name the TypeScript lines. Transforms are kept in a cache directory keyed by the
// file's content and the transform's settings, so a file is transformed once per machine, not once per test process.
import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// The project's compiler options (target ES2022: class fields are defined, as tsx, which reads the same file, does).
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const tsconfigRaw = {
  compilerOptions: JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')).compilerOptions,
}
const OPTIONS = { loader: 'ts', format: 'esm', target: 'node20', sourcemap: 'inline', tsconfigRaw }
const CACHE = path.join(os.tmpdir(), `sightline-ts-cache-${process.getuid?.() ?? 'user'}`)
const requireFromHere = createRequire(import.meta.url)
let esbuild
let salt

function transform(file, source) {
  salt ??= crypto
    .createHash('sha256')
    .update(fs.readFileSync(requireFromHere.resolve('esbuild/package.json')))
    .update(JSON.stringify(OPTIONS))
    .digest('hex')
  const key = crypto.createHash('sha256').update(salt).update(file).update(source).digest('hex')
  const cached = path.join(CACHE, `${key}.mjs`)
  try {
    return fs.readFileSync(cached, 'utf8')
  } catch {}
  // esbuild is tsx's own dependency, resolved from the project's node_modules; loaded only on a cache miss.
  esbuild ??= requireFromHere('esbuild')
  const { code } = esbuild.transformSync(source, { ...OPTIONS, sourcefile: file })
  fs.mkdirSync(CACHE, { recursive: true })
  const tmp = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`
  fs.writeFileSync(tmp, code)
  fs.renameSync(tmp, cached)
  return code
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && /\.[cm]?ts$/.test(url.split('?')[0]) && !url.includes('/node_modules/')) {
    const file = fileURLToPath(url)
    const source = fs.readFileSync(file, 'utf8')
    return { format: 'module', source: transform(file, source), shortCircuit: true }
  }
  return nextLoad(url, context)
}
