/**
 * Compiles Sightline's TypeScript once, so `sightline` and `npm start` run plain JavaScript instead of transpiling the
 * whole tree through tsx on every call. Run by `npm install` (the `prepare` script) and again, automatically, by
 * bin/sightline.js and scripts/start.mjs whenever a source file has changed since the build (see compiled.mjs).
 *
 * ESM bundles, one per entry point (the CLI, the server, worker threads) and code-split, with source maps, into
 * node_modules/.cache/sightline (ignored by git, eslint and prettier, and cleared by `npm ci`, which runs this again).
 * Packages stay external: they load from node_modules as before. Modules loaded with `import()` stay lazy (esbuild evaluates them on first import), so a command
 * still loads only what it uses.
 *
 * Source files that find their neighbours through `import.meta.url` (templates, migrations, data files, worker scripts)
 * are given their own source file's URL, so every such path means what it means when run from src/.
 *
 * Usage: node scripts/build/build.mjs [--quiet]
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'sightline')
export const MANIFEST = path.join(OUT_DIR, 'build.json')
/** Entry points: output name -> source. */
export const ENTRIES = {
  cli: 'src/cli/index.ts',
  main: 'src/main.ts',
  // Worker threads started through src/workerBoot.ts.
  'demo-casework-thread': 'src/demoCaseworkThread.ts',
  'cin-thread': 'src/engine/returns/cin/cinThread.ts',
  'report-parser-thread': 'src/server/workers/reportParserThread.ts',
  // Made by `npm install` (scripts/build/preparedStore.mjs).
  'prepared-store': 'src/services/register/preparedStore.ts',
}
/** Files that are not inputs of the bundle but change what it is: a change to any of them means a rebuild. */
const BUILD_FILES = ['scripts/build/build.mjs', 'package-lock.json', 'tsconfig.json']

/** `import.meta.url` (and .dirname/.filename) in a source file, as that source file's own location. */
export function importMetaPlugin(stats = {}) {
  return {
    name: 'source-import-meta',
    setup(build) {
      build.onLoad({ filter: /\.m?[jt]s$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined
        // Its time and size are taken before it is read: an edit made meanwhile makes the next start see a changed file and build again.
        stats[path.relative(ROOT, args.path)] = stamp(args.path)
        let text = await fs.promises.readFile(args.path, 'utf8')
        // `import(aVariable)` would be resolved from the bundle's directory, not the source file's: refuse it.
        const computed = /\bimport\(\s*[A-Za-z_]/.exec(text)
        if (computed) {
          const line = text.slice(0, computed.index).split('\n').length
          return { errors: [{ text: `import() of a computed path (line ${line}): write the path in the import()` }] }
        }
        if (text.includes('import.meta.')) {
          const fileUrl = pathToFileURL(args.path).href
          text = text
            .replace(/\bimport\.meta\.url\b/g, JSON.stringify(fileUrl))
            .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(path.dirname(args.path)))
            .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path))
        }
        return { contents: text, loader: args.path.endsWith('ts') ? 'ts' : 'js' }
      })
    },
  }
}

/** What the freshness check compares: modification time and size. */
export function stamp(file) {
  const st = fs.statSync(file, { throwIfNoEntry: false })
  return st ? [st.mtimeMs, st.size] : null
}

/**
 * Builds, then writes the files itself: every file name carries a hash of its content, each is written under a temporary
 * name and renamed, and the manifest naming the entry files is written last, so a process starting meanwhile runs
 * either the old build or the new one, whole. Files of earlier builds are removed a day later (a server started before
 * a rebuild may still load one of its lazily loaded chunks). Returns the manifest.
 */
export async function build({ quiet = false } = {}) {
  const esbuild = await import('esbuild')
  const startedAt = Date.now()
  fs.mkdirSync(OUT_DIR, { recursive: true })
  const inputs = Object.fromEntries(BUILD_FILES.map((f) => [f, stamp(path.join(ROOT, f))]))
  const result = await esbuild
    .build({
      absWorkingDir: ROOT,
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, src]) => [name, path.join(ROOT, src)])),
      outdir: OUT_DIR,
      entryNames: '[name]-[hash]',
      chunkNames: 'chunk-[hash]',
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      sourcesContent: false,
      metafile: true,
      write: false,
      logLevel: 'silent',
      plugins: [importMetaPlugin(inputs)],
    })
    .catch(async (err) => {
      if (!err.errors) throw err
      const shown = await esbuild.formatMessages(err.errors, { kind: 'error' })
      throw new Error(`esbuild failed:\n${shown.join('\n')}`)
    })
  // A warning (an import() of a computed path, say) means the build would not behave like the source: refuse it.
  if (result.warnings.length) {
    const shown = await esbuild.formatMessages(result.warnings, { kind: 'warning' })
    throw new Error(`esbuild warned:\n${shown.join('\n')}`)
  }
  const written = new Set(['build.json'])
  for (const file of result.outputFiles) {
    const name = path.basename(file.path)
    written.add(name)
    if (!fs.existsSync(file.path)) writeAtomically(file.path, file.contents)
  }
  const entries = {}
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    const name = Object.entries(ENTRIES).find(([, src]) => meta.entryPoint === src)?.[0]
    if (name) entries[name] = path.basename(out)
  }
  for (const f of Object.keys(result.metafile.inputs))
    if (!f.startsWith('node_modules/') && !(f in inputs)) inputs[f] = stamp(path.join(ROOT, f))
  const manifest = { root: ROOT, entries, inputs }
  writeAtomically(MANIFEST, JSON.stringify(manifest))
  removeOldFiles(written)
  if (!quiet)
    console.log(
      `Compiled Sightline (${Object.keys(inputs).length} files) in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    )
  return manifest
}

function writeAtomically(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, contents)
  fs.renameSync(tmp, file)
}

function removeOldFiles(keep) {
  const dayAgo = Date.now() - 24 * 3600_000
  for (const name of fs.readdirSync(OUT_DIR)) {
    // Only the build's own files and left-over temporary files (not PGlite's template, the manifest or the lock).
    if (keep.has(name) || !/(\.js|\.js\.map|\.tmp)$/.test(name)) continue
    const file = path.join(OUT_DIR, name)
    try {
      if (fs.statSync(file).mtimeMs < dayAgo) fs.rmSync(file, { force: true })
    } catch {
      // removed by another build meanwhile
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build({ quiet: process.argv.includes('--quiet') }).catch((err) => {
    console.error(`Could not compile Sightline: ${err.message}`)
    process.exit(1)
  })
}
