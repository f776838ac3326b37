/**
 * The prepared store (src/services/register/preparedStore.ts): PGlite's data directory with the migrations applied and
 * the repository's public data loaded, made once by `npm install` (after the build and PGlite's empty cluster) so a
 * first start copies it instead of loading the public data itself. Does nothing when it exists for the current
 * migrations, data files and PGlite. Not fatal: without it, a first start loads the public data as before.
 *
 * Usage: node scripts/build/preparedStore.mjs
 */
import { importCompiled } from './compiled.mjs'

try {
  const { makePreparedStore } = await importCompiled('prepared-store', 'src/services/register/preparedStore.ts')
  await makePreparedStore({ log: (m) => console.log(m) })
} catch (err) {
  console.error(`Could not prepare the public data (${err.message}): the first start will load it instead`)
}
