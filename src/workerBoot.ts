import { fileURLToPath } from 'node:url'

/** Set by scripts/build/compiled.mjs when Sightline runs its compiled build: source file -> compiled entry URL. */
const COMPILED = Symbol.for('sightline.compiled')

/**
 * The code that starts a worker thread on a TypeScript module (`new Worker(workerBoot(url), { eval: true })`): the
 * module's compiled copy when Sightline runs compiled (`npm start`, `sightline`: scripts/build), otherwise the source
 * through tsx, whose loader a worker thread does not inherit on Node 20 (tests, `node --import tsx`).
 */
export function workerBoot(source: URL): string {
  const compiled = (globalThis as { [COMPILED]?: Record<string, string> })[COMPILED]?.[fileURLToPath(source)]
  if (compiled) return `import(${JSON.stringify(compiled)})`
  return `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => {
  api.register()
  return import(${JSON.stringify(source.href)})
})`
}
