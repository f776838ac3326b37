import type { Store } from '../../src/data/store.ts'
import { publicDataPglite, publicDataPostgres, schemaPglite, schemaPostgres } from './snapshots.ts'

export interface StoreUnderTest {
  name: 'pglite' | 'postgres'
  /** A fresh, migrated, empty store. Close it when done. */
  open(): Promise<Store>
  /** A fresh store already holding the full public data (cloned from a snapshot made once per test run). */
  openWithPublicData(): Promise<Store>
}

/**
 * The stores every repository test runs against: PGlite always; PostgreSQL when the test runner started a throwaway
 * cluster (TEST_DATABASE_URL, set by scripts/run-tests.mjs when PostgreSQL's binaries exist). Each open() gets a new database.
 */
export function storesUnderTest(): StoreUnderTest[] {
  const stores: StoreUnderTest[] = [
    {
      name: 'pglite',
      open: schemaPglite,
      openWithPublicData: publicDataPglite,
    },
  ]
  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl) {
    stores.push({
      name: 'postgres',
      open: () => schemaPostgres(adminUrl),
      openWithPublicData: () => publicDataPostgres(adminUrl),
    })
  }
  return stores
}
