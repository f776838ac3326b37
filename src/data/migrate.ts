import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Store } from './store.ts'

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

export interface Migration {
  id: string
  file: string
  sql: string
  checksum: string
}

export interface MigrationStatus {
  id: string
  applied: boolean
  appliedAt?: string
  checksumMismatch: boolean
}

/** Reads `NNNN_name.sql` files in order. One set of SQL migrations serves PGlite and PostgreSQL alike. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8')
      return {
        id: file.replace(/\.sql$/, ''),
        file,
        sql,
        checksum: crypto.createHash('sha256').update(sql).digest('hex'),
      }
    })
}

async function ensureTable(store: Store) {
  await store.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
}

export async function migrationStatus(store: Store, dir = MIGRATIONS_DIR): Promise<MigrationStatus[]> {
  await ensureTable(store)
  const applied = await store.query<{ id: string; checksum: string; applied_at: Date }>(
    'SELECT id, checksum, applied_at FROM schema_migration',
  )
  const byId = new Map(applied.map((a) => [a.id, a]))
  return readMigrations(dir).map((m) => {
    const a = byId.get(m.id)
    return {
      id: m.id,
      applied: Boolean(a),
      appliedAt: a ? new Date(a.applied_at).toISOString() : undefined,
      checksumMismatch: Boolean(a && a.checksum !== m.checksum),
    }
  })
}

/** Applies pending migrations, each in its own transaction. Returns the ids applied. */
export async function migrate(store: Store, dir = MIGRATIONS_DIR): Promise<string[]> {
  const status = await migrationStatus(store, dir)
  const pending = new Set(status.filter((s) => !s.applied).map((s) => s.id))
  const done: string[] = []
  for (const m of readMigrations(dir)) {
    if (!pending.has(m.id)) continue
    const insert = `INSERT INTO schema_migration (id, checksum) VALUES ('${m.id}', '${m.checksum}');`
    await store.exec(`BEGIN;\n${m.sql}\n;${insert}\nCOMMIT;`).catch(async (err: Error) => {
      await store.exec('ROLLBACK').catch(() => undefined)
      throw new Error(`Migration ${m.file} failed: ${err.message}`)
    })
    done.push(m.id)
  }
  return done
}
