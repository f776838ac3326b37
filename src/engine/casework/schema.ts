import { columnName, ENTITIES, ENTITY_NAMES, tableName, type ColumnKind, type EntityName } from './model.ts'

/**
 * The DuckDB schema of one LA's casework store, derived from the model (model.ts). Every entity table carries the
 * snapshot it belongs to first; rows of a snapshot that is not `complete` are never read (queries go through
 * `snapshot_id = <a complete snapshot>`), which is what makes an upload visible atomically.
 *
 * Meta tables:
 * - `snapshot`: one row per upload or API day (`status` building | complete | rejected | abandoned; `kind` upload | api)
 * - `snapshot_source`: the files (or API requests) of a snapshot, with SHA-256 checksum, size, format and reader version
 * - `current_snapshot`: one row, the snapshot in use; changed in the same transaction that completes a snapshot
 * - `data_issue`: the data-quality report of each snapshot, in the one issue shape
 */
export const SCHEMA_VERSION = 1

const SQL_TYPE: Record<ColumnKind, string> = { text: 'VARCHAR', date: 'DATE', int: 'INTEGER', bool: 'BOOLEAN' }

export function entityColumns(entity: EntityName): Array<{ name: string; column: string; kind: ColumnKind }> {
  return Object.entries(ENTITIES[entity]).map(([name, kind]) => ({ name, column: columnName(name), kind }))
}

function entityDdl(entity: EntityName): string {
  const cols = entityColumns(entity).map(
    (c) =>
      `${c.column} ${SQL_TYPE[c.kind]}${c.name === 'childId' || (entity === 'worker' && c.name === 'workerId') ? ' NOT NULL' : ''}`,
  )
  return `CREATE TABLE IF NOT EXISTS ${tableName(entity)} (snapshot_id INTEGER NOT NULL, source_format VARCHAR NOT NULL, ${cols.join(', ')})`
}

export const META_DDL = [
  `CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE SEQUENCE IF NOT EXISTS snapshot_seq START 1`,
  `CREATE TABLE IF NOT EXISTS snapshot (
     snapshot_id INTEGER PRIMARY KEY DEFAULT nextval('snapshot_seq'),
     la_code VARCHAR NOT NULL,
     as_at DATE NOT NULL,
     kind VARCHAR NOT NULL,
     status VARCHAR NOT NULL,
     created_at TIMESTAMP NOT NULL,
     completed_at TIMESTAMP,
     created_by VARCHAR,
     records_json VARCHAR,
     errors INTEGER NOT NULL DEFAULT 0,
     warnings INTEGER NOT NULL DEFAULT 0,
     message VARCHAR
   )`,
  `CREATE TABLE IF NOT EXISTS snapshot_source (
     snapshot_id INTEGER NOT NULL,
     file_name VARCHAR NOT NULL,
     sha256 VARCHAR NOT NULL,
     bytes BIGINT NOT NULL,
     format VARCHAR,
     reader_version VARCHAR,
     records INTEGER NOT NULL DEFAULT 0,
     rejected BOOLEAN NOT NULL DEFAULT false
   )`,
  `CREATE TABLE IF NOT EXISTS current_snapshot (one INTEGER PRIMARY KEY, snapshot_id INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS data_issue (
     snapshot_id INTEGER NOT NULL,
     severity VARCHAR NOT NULL,
     source VARCHAR NOT NULL,
     sheet VARCHAR,
     row_number INTEGER,
     column_name VARCHAR,
     value VARCHAR,
     message VARCHAR NOT NULL
   )`,
]

/** Every statement that creates the store's tables (idempotent). */
export function schemaDdl(): string[] {
  return [...META_DDL, ...ENTITY_NAMES.map(entityDdl)]
}
