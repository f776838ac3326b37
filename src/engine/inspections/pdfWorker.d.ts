// pdf.js's worker module ships no types of its own; loaded for its side effect (globalThis.pdfjsWorker) only.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs'
