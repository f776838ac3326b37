// Builds the run's shared snapshots into SIGHTLINE_TEST_CACHE (scripts/run-tests.mjs). Usage:
//   node --import tsx test/support/buildSnapshots.ts            public data (PGlite and PostgreSQL) and the demo plan,
//                                                               so --cpu-table charges them once, not to the first file
//   node --import tsx test/support/buildSnapshots.ts --e2e DIR  the public data restored into DIR's PGlite directory,
//                                                               so the e2e server starts without loading it again
import { openStore } from '../../src/data/store.ts'
import { pgliteDirFor } from '../../src/data/store.ts'
import { demoPlanSnapshot } from './demoPlanApp.ts'
import { pgliteSnapshot } from './snapshots.ts'
import { storesUnderTest } from './stores.ts'

const e2e = process.argv.indexOf('--e2e')
if (e2e > 0) {
  const dataDir = process.argv[e2e + 1]
  const store = await openStore({ pgliteDir: pgliteDirFor(dataDir), loadDataDir: await pgliteSnapshot() })
  await store.close()
} else {
  for (const s of storesUnderTest()) await (await s.openWithPublicData()).close()
  await (await storesUnderTest()[0].open()).close()
  await demoPlanSnapshot()
}
