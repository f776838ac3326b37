/**
 * pdf.js's legacy build (the one that runs on Node 20) carries core-js polyfills that, on Node 20's V8, replace
 * built-ins the process already has for everyone: `JSON.stringify` and `JSON.parse` (about 8 and 1.5 times slower),
 * `Array.prototype.push` (about 4 times slower) and `Function.prototype.toString`. A server that read one report on
 * its main thread (the demo seed at a first start) then paid for them on every request: every log line, session,
 * query result and template. The built-ins it replaced are put back once the module has loaded (pdf.js reads reports
 * the same with them: they differ from the polyfills only on edge cases it never meets); what it only added, such as
 * `Promise.withResolvers`, stays.
 */

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')

/** The built-in objects whose own properties pdf.js's polyfills may replace. */
const BUILT_INS: object[] = [
  JSON,
  Math,
  Object,
  Object.prototype,
  Array,
  Array.prototype,
  Function.prototype,
  String,
  String.prototype,
  Number,
  Number.prototype,
  Promise,
  Promise.prototype,
  RegExp.prototype,
  Map.prototype,
  Set.prototype,
  WeakMap.prototype,
  ArrayBuffer.prototype,
  Object.getPrototypeOf(Uint8Array.prototype) as object,
  Uint8Array.prototype,
]

/** Runs `load`, then puts back every built-in property it replaced (new ones it added are kept). */
export async function keepingBuiltIns<T>(load: () => Promise<T>): Promise<T> {
  const before = BUILT_INS.map((o) => Object.getOwnPropertyDescriptors(o))
  try {
    return await load()
  } finally {
    BUILT_INS.forEach((o, i) => {
      for (const key of Reflect.ownKeys(before[i])) {
        const was = before[i][key as string]
        const now = Object.getOwnPropertyDescriptor(o, key)
        if (now && (now.value !== was.value || now.get !== was.get || now.set !== was.set))
          Object.defineProperty(o, key, was)
      }
    })
  }
}

let loaded: Promise<PdfJs> | undefined

/**
 * pdf.js, loaded once (about half a second) with the process's built-ins kept as they were. Its worker module, which
 * carries the same polyfills, is loaded here too: on Node pdf.js runs it on this thread, and it finds it already loaded
 * (`globalThis.pdfjsWorker`) instead of importing it during the first read, after the built-ins were put back.
 */
export function loadPdfjs(): Promise<PdfJs> {
  loaded ??= keepingBuiltIns(async () => {
    await import('pdfjs-dist/legacy/build/pdf.worker.mjs')
    return import('pdfjs-dist/legacy/build/pdf.mjs')
  })
  return loaded
}
