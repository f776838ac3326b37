import { fileURLToPath } from 'node:url'

/** Set by scripts/build/compiled.mjs when Sightline runs its compiled build: source file -> compiled entry URL. */
const COMPILED = Symbol.for('sightline.compiled')
/**
 * Set by the test runs' TypeScript loader (test/support/ts/register.mjs) to its own URL: a worker thread registers
 * that loader (esbuild, cached on disk) instead of tsx, which costs a worker about 0.2 CPU seconds more to start.
 */
const TS_LOADER = Symbol.for('sightline.tsLoader')

/**
 * The code that starts a worker thread on a TypeScript module (`new Worker(workerBoot(url), { eval: true })`): the
 * module's compiled copy when Sightline runs compiled (`npm start`, `sightline`: scripts/build), otherwise the source
 * through the loader the process runs under (the test runs' lean loader, or tsx), which a worker thread does not
 * inherit on Node 20 (tests, `node --import tsx`).
 */
export function workerBoot(source: URL): string {
  const g = globalThis as { [COMPILED]?: Record<string, string>; [TS_LOADER]?: string }
  const compiled = g[COMPILED]?.[fileURLToPath(source)]
  if (compiled) return `import(${JSON.stringify(compiled)})`
  const lean = g[TS_LOADER]
  if (lean) return `import(${JSON.stringify(lean)}).then(() => import(${JSON.stringify(source.href)}))`
  return `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => {
  api.register()
  return import(${JSON.stringify(source.href)})
})`
}
