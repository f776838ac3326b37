import { sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../store.ts'
import { inList, rows } from './interventionRegisterRepository.ts'

/** Letters and their addressees, the commitments they carry, commissioned studies, meetings and every dated deadline. */

export async function insertLetter(
  db: DbOrTx,
  l: {
    laCode: string
    direction: string
    sentOn: string
    fromPersonId: number
    subject: string
    summary: string | null
    document?: { name: string; sha256: string; bytes: Buffer }
    createdBy: number | null
  },
) {
  const [r] = await rows<{ id: number }>(
    db,
    sql`INSERT INTO letter (la_code, direction, sent_on, from_person_id, subject, summary, document_name, document_sha256, document, created_by)
        VALUES (${l.laCode}, ${l.direction}, ${l.sentOn}, ${l.fromPersonId}, ${l.subject}, ${l.summary}, ${l.document?.name ?? null},
                ${l.document?.sha256 ?? null}, ${l.document?.bytes ?? null}, ${l.createdBy}) RETURNING id`,
  )
  return r.id
}

export async function insertRecipient(db: DbOrTx, letterId: number, personId: number, kind: 'to' | 'cc') {
  await db.execute(
    sql`INSERT INTO letter_recipient (letter_id, person_id, kind) VALUES (${letterId}, ${personId}, ${kind})`,
  )
}

/** Whether a letter (not archived) belongs to the LA. */
export async function letterIsOfLa(db: DbOrTx, laCode: string, id: number) {
  const [r] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM letter WHERE id = ${id} AND la_code = ${laCode} AND archived_at IS NULL`,
  )
  return r.n > 0
}

export function lettersOf(db: DbOrTx, laCode: string) {
  return rows<{
    id: number
    direction: string
    sentOn: string
    subject: string
    summary: string | null
    fromName: string
    documentName: string | null
  }>(
    db,
    sql`SELECT l.id, l.direction, l.sent_on::text AS "sentOn", l.subject, l.summary, p.name AS "fromName", l.document_name AS "documentName" FROM letter l JOIN person p ON p.id = l.from_person_id
         WHERE l.la_code = ${laCode} AND l.archived_at IS NULL ORDER BY l.sent_on`,
  )
}

export function recipientsOf(db: DbOrTx, laCode: string) {
  return rows<{ letterId: number; kind: string; name: string; role: string | null }>(
    db,
    sql`SELECT r.letter_id AS "letterId", r.kind, p.name,
               (SELECT ra.role FROM role_assignment ra WHERE ra.person_id = p.id ORDER BY ra.start_date DESC LIMIT 1) AS role
          FROM letter_recipient r JOIN person p ON p.id = r.person_id JOIN letter l ON l.id = r.letter_id WHERE l.la_code = ${laCode} ORDER BY p.name`,
  )
}

/** The PDF held for a letter of this LA, or undefined (no such letter here, or no PDF held). */
export async function letterDocument(db: DbOrTx, laCode: string, id: number) {
  const [l] = await rows<{ documentName: string | null; document: Uint8Array | null }>(
    db,
    sql`SELECT document_name AS "documentName", document FROM letter WHERE id = ${id} AND la_code = ${laCode} AND archived_at IS NULL`,
  )
  return l?.document && l.documentName ? { name: l.documentName, bytes: Buffer.from(l.document) } : undefined
}

export async function insertCommitment(
  db: DbOrTx,
  c: { laCode: string; sourceType: string; sourceId: number; what: string; ownerPersonId: number; dueDate: string },
) {
  const [r] = await rows<{ id: number }>(
    db,
    sql`INSERT INTO intervention_commitment (la_code, source_type, source_id, what, owner_person_id, due_date)
        VALUES (${c.laCode}, ${c.sourceType}, ${c.sourceId}, ${c.what}, ${c.ownerPersonId}, ${c.dueDate}) RETURNING id`,
  )
  return r.id
}

export async function commitmentForUpdate(db: DbOrTx, id: number) {
  const [r] = await rows<{ laCode: string; status: string; version: number }>(
    db,
    sql`SELECT la_code AS "laCode", status, version FROM intervention_commitment WHERE id = ${id} FOR UPDATE`,
  )
  return r
}

export async function markCommitmentDone(db: DbOrTx, id: number, doneOn: string) {
  await db.execute(
    sql`UPDATE intervention_commitment SET status = 'done', done_on = ${doneOn}, version = version + 1 WHERE id = ${id}`,
  )
}

export interface CommitmentRow {
  id: number
  laCode: string
  laName: string
  sourceType: string
  sourceId: number
  what: string
  owner: string
  dueDate: string
  status: string
  doneOn: string | null
  version: number
}

export function commitmentsWhere(
  db: DbOrTx,
  filter: { laCode?: string; laCodes?: string[] | null; openOnly?: boolean },
) {
  const conds: SQL[] = [sql`c.archived_at IS NULL`]
  if (filter.laCode) conds.push(sql`c.la_code = ${filter.laCode}`)
  if (filter.laCodes) conds.push(inList(sql`c.la_code`, filter.laCodes))
  if (filter.openOnly) conds.push(sql`c.status = 'open'`)
  return rows<CommitmentRow>(
    db,
    sql`SELECT c.id, c.la_code AS "laCode", l.name AS "laName", c.source_type AS "sourceType", c.source_id AS "sourceId", c.what, p.name AS owner, c.due_date::text AS "dueDate", c.status, c.done_on::text AS "doneOn", c.version
          FROM intervention_commitment c JOIN person p ON p.id = c.owner_person_id JOIN local_authority l ON l.la_code = c.la_code
         WHERE ${sql.join(conds, sql` AND `)} ORDER BY c.due_date, c.id`,
  )
}

export async function insertStudy(
  db: DbOrTx,
  s: {
    laCode: string | null
    title: string
    termsOfReference: string
    commissionedBy: number
    team: string | null
    commissionedOn: string
    reportDue: string
  },
) {
  const [r] = await rows<{ id: number }>(
    db,
    sql`INSERT INTO study (la_code, title, terms_of_reference, commissioned_by, team, commissioned_on, report_due) VALUES (${s.laCode}, ${s.title}, ${s.termsOfReference}, ${s.commissionedBy}, ${s.team}, ${s.commissionedOn}, ${s.reportDue}) RETURNING id`,
  )
  return r.id
}

export function studiesOf(db: DbOrTx, laCode: string) {
  return rows<{
    id: number
    laCode: string | null
    title: string
    termsOfReference: string
    commissionedBy: string
    team: string | null
    commissionedOn: string
    reportDue: string
    status: string
    outputs: string | null
  }>(
    db,
    sql`SELECT s.id, s.la_code AS "laCode", s.title, s.terms_of_reference AS "termsOfReference", p.name AS "commissionedBy", s.team, s.commissioned_on::text AS "commissionedOn", s.report_due::text AS "reportDue", s.status, s.outputs
          FROM study s JOIN person p ON p.id = s.commissioned_by WHERE (s.la_code = ${laCode} OR s.la_code IS NULL) AND s.archived_at IS NULL ORDER BY s.report_due`,
  )
}

export async function insertMeeting(
  db: DbOrTx,
  m: {
    laCode: string
    kind: string
    heldOn: string
    attendees: string
    minutes: string | null
    decisions: string | null
  },
) {
  const [r] = await rows<{ id: number }>(
    db,
    sql`INSERT INTO meeting (la_code, kind, held_on, attendees, minutes, decisions) VALUES (${m.laCode}, ${m.kind}, ${m.heldOn}, ${m.attendees}, ${m.minutes}, ${m.decisions}) RETURNING id`,
  )
  return r.id
}

export function meetingsOf(db: DbOrTx, laCode: string) {
  return rows<{
    id: number
    kind: string
    heldOn: string
    attendees: string
    minutes: string | null
    decisions: string | null
  }>(
    db,
    sql`SELECT id, kind, held_on::text AS "heldOn", attendees, minutes, decisions FROM meeting WHERE la_code = ${laCode} AND archived_at IS NULL ORDER BY held_on`,
  )
}

interface DeadlineRow {
  date: string
  title: string
  laCode: string | null
  laName: string | null
  status: string
}

/** Every dated deadline in scope (null: every LA): commitments (with their owner), study reports and plan actions. */
export async function deadlines(db: DbOrTx, laScope: string[] | null) {
  const scope = (col: SQL) => (laScope === null ? sql`TRUE` : inList(col, laScope))
  const commitments = await rows<DeadlineRow & { laCode: string; laName: string; owner: string }>(
    db,
    sql`SELECT c.due_date::text AS date, c.what AS title, c.la_code AS "laCode", l.name AS "laName", c.status, p.name AS owner FROM intervention_commitment c
          JOIN local_authority l ON l.la_code = c.la_code JOIN person p ON p.id = c.owner_person_id WHERE c.archived_at IS NULL AND ${scope(sql`c.la_code`)}`,
  )
  const studies = await rows<DeadlineRow>(
    db,
    sql`SELECT s.report_due::text AS date, s.title, s.la_code AS "laCode", l.name AS "laName", s.status FROM study s LEFT JOIN local_authority l ON l.la_code = s.la_code
         WHERE s.archived_at IS NULL AND (s.la_code IS NULL OR ${scope(sql`s.la_code`)})`,
  )
  const planActions = await rows<DeadlineRow & { laCode: string; laName: string }>(
    db,
    sql`SELECT a.due_date::text AS date, a.title, pl.la_code AS "laCode", l.name AS "laName", a.status
          FROM plan_action a JOIN plan_item pi ON pi.id = a.item_id JOIN plan pl ON pl.id = pi.plan_id JOIN local_authority l ON l.la_code = pl.la_code
         WHERE a.due_date IS NOT NULL AND a.archived_at IS NULL AND ${scope(sql`pl.la_code`)}`,
  )
  return { commitments, studies, planActions }
}
