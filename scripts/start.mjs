// `npm start`: runs the server's compiled JavaScript (src/main.ts, built by `npm install` and again whenever a source
// file has changed: see scripts/build/compiled.mjs).
import { importCompiled } from './build/compiled.mjs'

await importCompiled('main', 'src/main.ts')
