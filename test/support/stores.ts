import type { Store } from '../../src/data/store.ts'
import type { LoadResult } from '../../src/services/registerService.ts'
import {
  pgliteSnapshotLoad,
  postgresTemplateLoad,
  publicDataPglite,
  publicDataPostgres,
  schemaPglite,
  schemaPostgres,
} from './snapshots.ts'

export interface StoreUnderTest {
  name: 'pglite' | 'postgres'
  /** A fresh, migrated, empty store. Close it when done. */
  open(): Promise<Store>
  /** A fresh store already holding the full public data (cloned from a snapshot made once per test run). */
  openWithPublicData(): Promise<Store>
  /** What `loadPublicData` returned when it filled the snapshot behind openWithPublicData (a fresh, migrated store). */
  publicDataLoad(): Promise<LoadResult[]>
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
      publicDataLoad: pgliteSnapshotLoad,
    },
  ]
  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl) {
    stores.push({
      name: 'postgres',
      open: () => schemaPostgres(adminUrl),
      openWithPublicData: () => publicDataPostgres(adminUrl),
      publicDataLoad: () => postgresTemplateLoad(adminUrl),
    })
  }
  return stores
}

/** Birmingham (330) and Coventry (331), the two West Midlands councils most store tests start from. */
export async function addBirminghamAndCoventry(store: { query(sql: string): Promise<unknown> }) {
  await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
    ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan district', true),
    ('331', 'E08000026', 'Coventry', 'West Midlands', 'Metropolitan district', true)`)
}
