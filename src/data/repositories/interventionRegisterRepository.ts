import { sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../store.ts'

/**
 * The interventions register's SQL: events, the directory of people and their roles, decisions, and the reads the
 * national dashboard makes across every LA. Rows keep the column names the pages read (snake_case).
 */

export async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

/** `column IN (...)` for a list of codes; an empty list matches nothing. */
export function inList(column: SQL, values: string[]): SQL {
  return values.length
    ? sql`${column} IN (${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )})`
    : sql`FALSE`
}

export async function laExists(db: DbOrTx, laCode: string) {
  const [r] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM local_authority WHERE la_code = ${laCode}`,
  )
  return r.n > 0
}

export async function personExists(db: DbOrTx, id: number) {
  const [r] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM person WHERE id = ${id}`)
  return r.n > 0
}

export async function insertPerson(db: DbOrTx, p: { name: string; organisation: string | null; email: string | null }) {
  const [r] = await rows<{ id: number }>(
    db,
    sql`INSERT INTO person (name, organisation, email) VALUES (${p.name}, ${p.organisation}, ${p.email}) RETURNING id`,
  )
  return r.id
}

export async function insertRole(
  db: DbOrTx,
  r: { personId: number; laCode: string | null; role: string; startDate: string; endDate: string | null },
) {
  const [row] = await rows<{ id: number }>(
    db,
    sql`INSERT INTO role_assignment (person_id, la_code, role, start_date, end_date) VALUES (${r.personId}, ${r.laCode}, ${r.role}, ${r.startDate}, ${r.endDate}) RETURNING id`,
  )
  return row.id
}

export interface DirectoryRow {
  personId: number
  name: string
  organisation: string | null
  role: string
  laCode: string | null
  startDate: string
  endDate: string | null
}

/** People with a role in the LA (or national roles when laCode is null), with their role history. */
export function directoryOf(db: DbOrTx, laCode: string | null) {
  return rows<DirectoryRow>(
    db,
    sql`SELECT p.id AS "personId", p.name, p.organisation, r.role, r.la_code AS "laCode", r.start_date::text AS "startDate", r.end_date::text AS "endDate"
          FROM role_assignment r JOIN person p ON p.id = r.person_id
         WHERE ${laCode === null ? sql`r.la_code IS NULL` : sql`r.la_code = ${laCode}`} ORDER BY r.start_date, p.name`,
  )
}

export function allPeople(db: DbOrTx) {
  return rows<{ id: number; name: string; organisation: string | null }>(
    db,
    sql`SELECT id, name, organisation FROM person ORDER BY name`,
  )
}

/** Every LA's role holders (for the commissioner in post on the national dashboard). */
export function allLaRoleHolders(db: DbOrTx) {
  return rows<{ laCode: string; name: string; role: string; startDate: string; endDate: string | null }>(
    db,
    sql`SELECT r.la_code AS "laCode", p.name, r.role, r.start_date::text AS "startDate", r.end_date::text AS "endDate" FROM role_assignment r JOIN person p ON p.id = r.person_id WHERE r.la_code IS NOT NULL`,
  )
}

export interface EventRow {
  id: number
  kind: string
  eventDate: string
  title: string
  details: string | null
  documentName: string | null
}

export function eventsOf(db: DbOrTx, laCode: string) {
  return rows<EventRow>(
    db,
    sql`SELECT id, kind, event_date::text AS "eventDate", title, details, document_name AS "documentName" FROM intervention_event WHERE la_code = ${laCode} AND archived_at IS NULL ORDER BY event_date, id`,
  )
}

export function allEvents(db: DbOrTx) {
  return rows<{ laCode: string; id: number; kind: string; eventDate: string; title: string }>(
    db,
    sql`SELECT la_code AS "laCode", id, kind, event_date::text AS "eventDate", title FROM intervention_event WHERE archived_at IS NULL`,
  )
}

export async function insertEvent(
  db: DbOrTx,
  e: {
    laCode: string
    kind: string
    date: string
    title: string
    details: string | null
    document?: { name: string; sha256: string; bytes: Buffer }
    decisionId?: number
    createdBy: number | null
  },
) {
  const [r] = await rows<{ id: number }>(
    db,
    sql`INSERT INTO intervention_event (la_code, kind, event_date, title, details, document_name, document_sha256, document, decision_id, created_by)
        VALUES (${e.laCode}, ${e.kind}, ${e.date}, ${e.title}, ${e.details}, ${e.document?.name ?? null}, ${e.document?.sha256 ?? null},
                ${e.document?.bytes ?? null}, ${e.decisionId ?? null}, ${e.createdBy}) RETURNING id`,
  )
  return r.id
}

export async function insertDecision(
  db: DbOrTx,
  d: { laCode: string; decidedOn: string; rung: string; reasons: string; recommendation: unknown; decidedBy: number },
) {
  const [r] = await rows<{ id: number }>(
    db,
    sql`INSERT INTO intervention_decision (la_code, decided_on, rung, reasons, recommendation, decided_by) VALUES (${d.laCode}, ${d.decidedOn}, ${d.rung}, ${d.reasons}, ${JSON.stringify(d.recommendation)}::jsonb, ${d.decidedBy}) RETURNING id`,
  )
  return r.id
}

export function decisionsOf(db: DbOrTx, laCode: string) {
  return rows<{
    id: number
    decidedOn: string
    rung: string
    reasons: string
    recommended: string | null
    decidedBy: string
  }>(
    db,
    sql`SELECT d.id, d.decided_on::text AS "decidedOn", d.rung, d.reasons, d.recommendation->>'recommendation' AS recommended, coalesce(u.display_name, 'system') AS "decidedBy"
          FROM intervention_decision d LEFT JOIN app_user u ON u.id = d.decided_by WHERE d.la_code = ${laCode} ORDER BY d.decided_on`,
  )
}
