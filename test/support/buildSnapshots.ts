// Builds the run's shared snapshots into SIGHTLINE_TEST_CACHE (scripts/run-tests.mjs). Usage:
//   node --import tsx test/support/buildSnapshots.ts            all of them (--cpu-table charges them once, not to the
//                                                               first file that needs one)
//   node --import tsx test/support/buildSnapshots.ts --pglite   the PGlite public data (the prepared store npm install
//                                                               made, or one prepared for the run if there is none)
//   node --import tsx test/support/buildSnapshots.ts --postgres the PostgreSQL templates (public data, schema)
//   node --import tsx test/support/buildSnapshots.ts --demo     the PGlite schema and the demo plan
//   node --import tsx test/support/buildSnapshots.ts --e2e DIR  the PGlite public data (prepared if need be) copied to
//                                                               DIR's PGlite directory, as a first start copies the
//                                                               prepared store, so the e2e server starts without
//                                                               loading it again
// npm test runs them at once, beside the first test files: a test file that needs a snapshot still being
// built waits for it (snapshots.ts), one that does not goes ahead.
import { openStore, pgliteDirFor } from '../../src/data/store.ts'
import { demoPlanSnapshot } from './demoPlanApp.ts'
import { copyDir, forgetPreparedSetUp, publicDataDir } from './snapshots.ts'
import { storesUnderTest } from './stores.ts'

const e2e = process.argv.indexOf('--e2e')
const stores = storesUnderTest()
if (e2e > 0) {
  const pgliteDir = pgliteDirFor(process.argv[e2e + 1])
  copyDir(await publicDataDir(), pgliteDir)
  const store = await openStore({ pgliteDir })
  await forgetPreparedSetUp(store)
  await store.close()
} else if (process.argv.includes('--pglite')) {
  await publicDataDir()
} else if (process.argv.includes('--postgres')) {
  const pg = stores.find((s) => s.name === 'postgres')
  if (pg) {
    await (await pg.openWithPublicData()).close()
    await (await pg.open()).close()
  }
} else if (process.argv.includes('--demo')) {
  await (await stores[0].open()).close()
  await demoPlanSnapshot()
} else {
  for (const s of stores) await (await s.openWithPublicData()).close()
  await (await stores[0].open()).close()
  await demoPlanSnapshot()
}
