import crypto from 'node:crypto'
import pg from 'pg'
import { openStore, type Store } from '../../src/data/store.ts'
import { migrate } from '../../src/data/migrate.ts'
import { publicDataPglite, publicDataPostgres } from './snapshots.ts'

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
      open: async () => {
        const store = await openStore({})
        await migrate(store)
        return store
      },
      openWithPublicData: publicDataPglite,
    },
  ]
  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl) {
    stores.push({
      name: 'postgres',
      open: async () => {
        const dbName = `t_${crypto.randomBytes(6).toString('hex')}`
        const admin = new pg.Client({ connectionString: adminUrl })
        await admin.connect()
        await admin.query(`CREATE DATABASE ${dbName}`)
        await admin.end()
        const url = new URL(adminUrl)
        url.pathname = `/${dbName}`
        const store = await openStore({ databaseUrl: url.toString() })
        await migrate(store)
        return store
      },
      openWithPublicData: () => publicDataPostgres(adminUrl),
    })
  }
  return stores
}
