import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
/** Beside the build's other outputs (scripts/build): made on demand, safe to delete. */
export const TEMPLATE_CACHE = path.join(root, 'node_modules', '.cache', 'sightline', 'templates')

interface Source {
  src: string | { type: string; obj: unknown }
  path: string
  noCache: boolean
}
interface SourceLoader {
  getSource(name: string): Source | null
}
interface EnvInternals {
  loaders: SourceLoader[]
  opts: object
  asyncFilters: string[]
  extensionsList: { __name?: string }[]
}
type Compile = (src: string, asyncFilters: string[], extensions: unknown[], name: string, opts: object) => string
const compile = (nunjucks as unknown as { compiler: { compile: Compile } }).compiler.compile

/**
 * Templates compiled once per version of their text, for every process: Nunjucks turns each template into JavaScript
 * source (lexing, parsing and code generation: about 95% of the cost of a first render, 0.5-1 CPU s for the pages a
 * process renders) and then evaluates it. This keeps the generated source in `dir`, named by a hash of the template's
 * text, its path and the environment's compiler settings, so another process (a restart, each test file, the CLI's
 * PDF export) only evaluates it. A changed template has another hash and is compiled afresh; nothing goes stale.
 * When `dir` cannot be written the templates are compiled in memory, as before.
 */
export function useCompiledTemplateCache(env: nunjucks.Environment, dir = TEMPLATE_CACHE) {
  const e = env as unknown as EnvInternals
  for (const loader of e.loaders) {
    const read = loader.getSource.bind(loader)
    loader.getSource = (name: string) => {
      const source = read(name)
      if (!source || typeof source.src !== 'string') return source
      const code = compiledSource(e, source.src, source.path, dir)
      // Evaluated as Nunjucks' own Template does with the source it compiles; { type: 'code' } is its precompiled form.
      return { ...source, src: { type: 'code', obj: new Function(code)() as unknown } }
    }
  }
}

function compiledSource(e: EnvInternals, text: string, name: string, dir: string): string {
  const o = e.opts as Record<string, unknown>
  const compilerOpts = ['autoescape', 'throwOnUndefined', 'trimBlocks', 'lstripBlocks', 'tags', 'dev'].map((k) => o[k])
  const settings = JSON.stringify([compilerOpts, e.asyncFilters, e.extensionsList.map((x) => x.__name ?? '?')])
  const key = crypto.createHash('sha256').update(`${settings}\0${name}\0${text}`).digest('hex').slice(0, 32)
  const file = path.join(dir, `${key}.js`)
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    const code = compile(text, e.asyncFilters, e.extensionsList, name, e.opts)
    try {
      fs.mkdirSync(dir, { recursive: true })
      // Written whole under a temporary name, then renamed: another process never reads half a file.
      const tmp = `${file}.${process.pid}.tmp`
      fs.writeFileSync(tmp, code)
      fs.renameSync(tmp, file)
    } catch {
      // A read-only install: compiled in memory each time, as without the cache.
    }
    return code
  }
}
