import crypto from 'node:crypto'
import { sql, type SQL } from 'drizzle-orm'
import type { DbOrTx, Store } from '../data/store.ts'
import {
  EVENT_KINDS,
  endingProblem,
  standingOn,
  type EventKind,
  type RegisterEvent,
  type RoleHolder,
} from '../engine/intervention/events.ts'
import { RUNGS, type Rung } from '../engine/intervention/assess.ts'
import { recordAudit, type Actor } from './auditService.ts'
import { UPLOAD_LIMIT_BYTES } from '../engine/uploads/limits.ts'
import { sniffUpload, startsLikePdf } from '../engine/uploads/sniff.ts'

/** Field-keyed validation errors, for GOV.UK error summaries; nothing is saved when thrown. */
export class RegisterValidationError extends Error {
  constructor(public errors: Record<string, string>) {
    super(Object.values(errors).join('; '))
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}$/
/** A real calendar date written YYYY-MM-DD (30 February is refused). */
const validDate = (d: unknown) =>
  typeof d === 'string' && ISO.test(d) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d

/** `column IN (...)` for a list of codes; an empty list matches nothing. */
function inList(column: SQL, values: string[]): SQL {
  return values.length
    ? sql`${column} IN (${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )})`
    : sql`FALSE`
}

async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

/**
 * Why a letter's file cannot be stored, or undefined: it must really be a PDF (by content, whatever its name says),
 * complete, and without active content or other formats hidden in it (engine/uploads/sniff.ts).
 */
export function letterFileProblem(doc: Document): string | undefined {
  const notPdf = `${doc.name} is not a PDF: choose a PDF file`
  if (!startsLikePdf(doc.bytes)) return notPdf
  const sniffed = sniffUpload(doc.bytes, UPLOAD_LIMIT_BYTES)
  if (!sniffed.ok) return `${doc.name}: ${sniffed.message}`
  return sniffed.kind === 'pdf' ? undefined : notPdf
}

export interface Document {
  name: string
  bytes: Buffer
}

/** The register event a decision records: the rung it puts in force, or for "No intervention" the lifting of all. */
const DECISION_EVENTS: Record<Rung, EventKind> = {
  none: 'intervention-lifted',
  support: 'adviser-appointed',
  'improvement-notice': 'improvement-notice-issued',
  'statutory-direction': 'direction-issued',
  'alternative-delivery': 'alternative-delivery-decided',
}

const STRENGTH: Record<Rung, number> = {
  none: 0,
  support: 1,
  'improvement-notice': 2,
  'statutory-direction': 3,
  'alternative-delivery': 4,
}

/**
 * The events a decision adds to the register: none when it only confirms what is in force; a stronger rung starts;
 * a weaker one (a step-down) first lifts what is in force, then starts the new rung.
 */
async function decisionEvents(db: DbOrTx, laCode: string, on: string, rung: Rung): Promise<EventKind[]> {
  const existing = await rows<{ id: number; kind: EventKind; event_date: string }>(
    db,
    sql`SELECT id, kind, event_date::text AS event_date FROM intervention_event WHERE la_code = ${laCode} AND archived_at IS NULL`,
  )
  const inForce = standingOn(
    existing.map((e) => ({ id: e.id, kind: e.kind, date: e.event_date })),
    on,
  ).intervention.kind
  if (rung === 'alternative-delivery') return [DECISION_EVENTS[rung]]
  if (inForce === rung) return []
  if (rung === 'none' || STRENGTH[rung] > STRENGTH[inForce]) return [DECISION_EVENTS[rung]]
  return ['intervention-lifted', DECISION_EVENTS[rung]]
}

export function interventionRegisterService(store: Store) {
  const db = store.db

  async function laExists(db: DbOrTx, laCode: string) {
    return (
      (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM local_authority WHERE la_code = ${laCode}`))[0]
        .n > 0
    )
  }
  async function personExists(db: DbOrTx, id: unknown) {
    if (!Number.isInteger(Number(id))) return false
    return (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM person WHERE id = ${Number(id)}`))[0].n > 0
  }
  function checkDocument(errors: Record<string, string>, doc: Document | undefined, field = 'document') {
    const problem = doc && letterFileProblem(doc)
    if (problem) errors[field] = problem
  }

  async function events(db: DbOrTx, laCode: string) {
    return rows<{
      id: number
      kind: EventKind
      event_date: string
      title: string
      details: string | null
      document_name: string | null
    }>(
      db,
      sql`SELECT id, kind, event_date::text AS event_date, title, details, document_name FROM intervention_event WHERE la_code = ${laCode} AND archived_at IS NULL ORDER BY event_date, id`,
    )
  }

  return {
    eventKinds: EVENT_KINDS,

    async addPerson(actor: Actor, input: { name: string; organisation?: string; email?: string }) {
      if (!input.name?.trim()) throw new RegisterValidationError({ name: 'Enter the person’s name' })
      return db.transaction(async (tx) => {
        const [p] = await rows<{ id: number }>(
          tx,
          sql`INSERT INTO person (name, organisation, email) VALUES (${input.name.trim()}, ${input.organisation ?? null}, ${input.email ?? null}) RETURNING id`,
        )
        await recordAudit(tx, { actor, action: 'person.add', subjectType: 'person', subjectId: p.id, after: input })
        return p.id
      })
    },

    async assignRole(
      actor: Actor,
      input: { personId: number; laCode: string | null; role: string; startDate: string; endDate?: string | null },
    ) {
      const errors: Record<string, string> = {}
      if (!(await personExists(db, input.personId))) errors.personId = 'Choose a person who is in the directory'
      if (input.laCode && !(await laExists(db, input.laCode)))
        errors.laCode = `There is no local authority with the code ${input.laCode}`
      if (!input.role?.trim()) errors.role = 'Enter the role'
      if (!validDate(input.startDate)) errors.startDate = 'Enter the start date as a real date'
      if (input.endDate && (!validDate(input.endDate) || input.endDate < input.startDate))
        errors.endDate = 'The end date must be a real date on or after the start date'
      if (Object.keys(errors).length) throw new RegisterValidationError(errors)
      return db.transaction(async (tx) => {
        const [r] = await rows<{ id: number }>(
          tx,
          sql`INSERT INTO role_assignment (person_id, la_code, role, start_date, end_date) VALUES (${input.personId}, ${input.laCode}, ${input.role}, ${input.startDate}, ${input.endDate ?? null}) RETURNING id`,
        )
        await recordAudit(tx, {
          actor,
          action: 'person.role.assign',
          subjectType: 'role_assignment',
          subjectId: r.id,
          laCode: input.laCode,
          after: input,
        })
        return r.id
      })
    },

    /** People with a role in the LA (or national roles when laCode is null), with their role history. */
    async directory(laCode: string | null) {
      return rows<{
        person_id: number
        name: string
        organisation: string | null
        role: string
        la_code: string | null
        start_date: string
        end_date: string | null
      }>(
        db,
        sql`SELECT p.id AS person_id, p.name, p.organisation, r.role, r.la_code, r.start_date::text AS start_date, r.end_date::text AS end_date
              FROM role_assignment r JOIN person p ON p.id = r.person_id
             WHERE ${laCode === null ? sql`r.la_code IS NULL` : sql`r.la_code = ${laCode}`} ORDER BY r.start_date, p.name`,
      )
    },

    async people() {
      return rows<{ id: number; name: string; organisation: string | null }>(
        db,
        sql`SELECT id, name, organisation FROM person ORDER BY name`,
      )
    },

    async addEvent(
      actor: Actor,
      input: { laCode: string; kind: string; date: string; title?: string; details?: string },
      document?: Document,
    ) {
      const errors: Record<string, string> = {}
      if (!(await laExists(db, input.laCode)))
        errors.laCode = `There is no local authority with the code ${input.laCode}`
      if (!(input.kind in EVENT_KINDS)) errors.kind = 'Choose what happened'
      if (!validDate(input.date)) errors.date = 'Enter the date as a real date'
      checkDocument(errors, document)
      if (!errors.kind && !errors.date && !errors.laCode) {
        const existing = (await events(db, input.laCode)).map((e): RegisterEvent => ({
          id: e.id,
          kind: e.kind,
          date: e.event_date,
        }))
        const problem = endingProblem(input.kind as EventKind, input.date, existing)
        if (problem) errors.date = problem
      }
      if (Object.keys(errors).length) throw new RegisterValidationError(errors)
      const kind = input.kind as EventKind
      return db.transaction(async (tx) => {
        const title = input.title?.trim() || EVENT_KINDS[kind].label
        const [e] = await rows<{ id: number }>(
          tx,
          sql`INSERT INTO intervention_event (la_code, kind, event_date, title, details, document_name, document_sha256, document, created_by)
              VALUES (${input.laCode}, ${kind}, ${input.date}, ${title}, ${input.details ?? null}, ${document?.name ?? null},
                      ${document ? crypto.createHash('sha256').update(document.bytes).digest('hex') : null}, ${document?.bytes ?? null}, ${actor.id}) RETURNING id`,
        )
        await recordAudit(tx, {
          actor,
          action: 'intervention.event.add',
          subjectType: 'intervention_event',
          subjectId: e.id,
          laCode: input.laCode,
          after: { ...input, document: document?.name },
        })
        return e.id
      })
    },

    /** The register's events and the LA's people, as the engine reads them. */
    async facts(laCode: string): Promise<{ events: RegisterEvent[]; people: RoleHolder[] }> {
      const ev = (await events(db, laCode)).map((e) => ({ id: e.id, kind: e.kind, date: e.event_date, title: e.title }))
      const people = (await this.directory(laCode)).map((p) => ({
        name: p.name,
        role: p.role,
        startDate: p.start_date,
        endDate: p.end_date,
      }))
      return { events: ev, people }
    },

    /** The two facts on a date: the intervention in force and the delivery arrangement. */
    async standing(laCode: string, date: string) {
      const { events, people } = await this.facts(laCode)
      return standingOn(events, date, people)
    },

    /** Every LA's two facts on a date (the national dashboard and the watch list). */
    async standings(date: string) {
      const all = await rows<{ la_code: string; id: number; kind: EventKind; event_date: string; title: string }>(
        db,
        sql`SELECT la_code, id, kind, event_date::text AS event_date, title FROM intervention_event WHERE archived_at IS NULL`,
      )
      const people = await rows<{
        la_code: string
        name: string
        role: string
        start_date: string
        end_date: string | null
      }>(
        db,
        sql`SELECT r.la_code, p.name, r.role, r.start_date::text AS start_date, r.end_date::text AS end_date FROM role_assignment r JOIN person p ON p.id = r.person_id WHERE r.la_code IS NOT NULL`,
      )
      const result = new Map<string, ReturnType<typeof standingOn>>()
      for (const la of new Set(all.map((e) => e.la_code)))
        result.set(
          la,
          standingOn(
            all
              .filter((e) => e.la_code === la)
              .map((e) => ({ id: e.id, kind: e.kind, date: e.event_date, title: e.title })),
            date,
            people
              .filter((p) => p.la_code === la)
              .map((p) => ({ name: p.name, role: p.role, startDate: p.start_date, endDate: p.end_date })),
          ),
        )
      return result
    },

    async addLetter(
      actor: Actor,
      input: {
        laCode: string
        direction: 'in' | 'out'
        sentOn: string
        fromPersonId: number
        to: number[]
        cc: number[]
        subject: string
        summary?: string
      },
      document?: Document,
    ) {
      const errors: Record<string, string> = {}
      if (!(await laExists(db, input.laCode)))
        errors.laCode = `There is no local authority with the code ${input.laCode}`
      if (!['in', 'out'].includes(input.direction)) errors.direction = 'Choose whether the letter was sent or received'
      if (!validDate(input.sentOn)) errors.sentOn = 'Enter the date of the letter as a real date'
      if (!(await personExists(db, input.fromPersonId)))
        errors.fromPersonId = 'Choose who the letter is from, from the directory'
      if (!input.to.length) errors.to = 'Choose at least one addressee'
      for (const id of [...input.to, ...input.cc])
        if (!(await personExists(db, id))) errors.to = `Person ${id} is not in the directory`
      if (!input.subject?.trim()) errors.subject = 'Enter the subject'
      checkDocument(errors, document)
      if (Object.keys(errors).length) throw new RegisterValidationError(errors)
      return db.transaction(async (tx) => {
        const [l] = await rows<{ id: number }>(
          tx,
          sql`INSERT INTO letter (la_code, direction, sent_on, from_person_id, subject, summary, document_name, document_sha256, document, created_by)
              VALUES (${input.laCode}, ${input.direction}, ${input.sentOn}, ${input.fromPersonId}, ${input.subject.trim()}, ${input.summary ?? null}, ${document?.name ?? null},
                      ${document ? crypto.createHash('sha256').update(document.bytes).digest('hex') : null}, ${document?.bytes ?? null}, ${actor.id}) RETURNING id`,
        )
        for (const id of new Set(input.to))
          await tx.execute(sql`INSERT INTO letter_recipient (letter_id, person_id, kind) VALUES (${l.id}, ${id}, 'to')`)
        for (const id of new Set(input.cc.filter((c) => !input.to.includes(c))))
          await tx.execute(sql`INSERT INTO letter_recipient (letter_id, person_id, kind) VALUES (${l.id}, ${id}, 'cc')`)
        await recordAudit(tx, {
          actor,
          action: 'letter.add',
          subjectType: 'letter',
          subjectId: l.id,
          laCode: input.laCode,
          after: { ...input, document: document?.name },
        })
        return l.id
      })
    },

    async letters(laCode: string) {
      const letters = await rows<{
        id: number
        direction: string
        sent_on: string
        subject: string
        summary: string | null
        from_name: string
        document_name: string | null
      }>(
        db,
        sql`SELECT l.id, l.direction, l.sent_on::text AS sent_on, l.subject, l.summary, p.name AS from_name, l.document_name FROM letter l JOIN person p ON p.id = l.from_person_id
             WHERE l.la_code = ${laCode} AND l.archived_at IS NULL ORDER BY l.sent_on`,
      )
      const recipients = await rows<{ letter_id: number; kind: string; name: string; role: string | null }>(
        db,
        sql`SELECT r.letter_id, r.kind, p.name,
                   (SELECT ra.role FROM role_assignment ra WHERE ra.person_id = p.id ORDER BY ra.start_date DESC LIMIT 1) AS role
              FROM letter_recipient r JOIN person p ON p.id = r.person_id JOIN letter l ON l.id = r.letter_id WHERE l.la_code = ${laCode} ORDER BY p.name`,
      )
      const commitments = await this.commitments({ laCode })
      return letters.map((l) => ({
        ...l,
        to: recipients.filter((r) => r.letter_id === l.id && r.kind === 'to'),
        cc: recipients.filter((r) => r.letter_id === l.id && r.kind === 'cc'),
        commitments: commitments.filter((c) => c.source_type === 'letter' && c.source_id === l.id),
      }))
    },

    async addCommitment(
      actor: Actor,
      input: {
        laCode: string
        sourceType: 'letter' | 'event' | 'study' | 'meeting'
        sourceId: number
        what: string
        ownerPersonId?: number | null
        dueDate?: string | null
      },
    ) {
      const errors: Record<string, string> = {}
      if (!(await laExists(db, input.laCode)))
        errors.laCode = `There is no local authority with the code ${input.laCode}`
      if (!input.what?.trim()) errors.what = 'Enter what has been committed to'
      if (!input.ownerPersonId) errors.ownerPersonId = 'Choose who owns this commitment'
      else if (!(await personExists(db, input.ownerPersonId)))
        errors.ownerPersonId = 'Choose an owner who is in the directory'
      if (!input.dueDate) errors.dueDate = 'Enter the due date'
      else if (!validDate(input.dueDate)) errors.dueDate = 'The due date must be a real date'
      if (Object.keys(errors).length) throw new RegisterValidationError(errors)
      return db.transaction(async (tx) => {
        const [c] = await rows<{ id: number }>(
          tx,
          sql`INSERT INTO intervention_commitment (la_code, source_type, source_id, what, owner_person_id, due_date)
              VALUES (${input.laCode}, ${input.sourceType}, ${input.sourceId}, ${input.what.trim()}, ${input.ownerPersonId}, ${input.dueDate}) RETURNING id`,
        )
        await recordAudit(tx, {
          actor,
          action: 'commitment.add',
          subjectType: 'commitment',
          subjectId: c.id,
          laCode: input.laCode,
          after: input,
        })
        return c.id
      })
    },

    /** Marks a commitment done; refuses a stale version (someone else changed it) without losing either change. */
    async completeCommitment(actor: Actor, id: number, version: number, doneOn: string) {
      if (!validDate(doneOn)) throw new RegisterValidationError({ doneOn: 'Enter the date it was done as a real date' })
      return db.transaction(async (tx) => {
        const [before] = await rows<{ la_code: string; status: string; version: number }>(
          tx,
          sql`SELECT la_code, status, version FROM intervention_commitment WHERE id = ${id} FOR UPDATE`,
        )
        if (!before) throw new RegisterValidationError({ id: 'There is no such commitment' })
        if (before.version !== version)
          throw new RegisterValidationError({
            version: `Someone else changed this commitment (now ${before.status}, version ${before.version}); reload to see their change`,
          })
        await tx.execute(
          sql`UPDATE intervention_commitment SET status = 'done', done_on = ${doneOn}, version = version + 1 WHERE id = ${id}`,
        )
        await recordAudit(tx, {
          actor,
          action: 'commitment.complete',
          subjectType: 'commitment',
          subjectId: id,
          laCode: before.la_code,
          before: { status: before.status },
          after: { status: 'done', doneOn },
        })
      })
    },

    async commitments(filter: { laCode?: string; laCodes?: string[] | null; openOnly?: boolean } = {}) {
      const conds: SQL[] = [sql`c.archived_at IS NULL`]
      if (filter.laCode) conds.push(sql`c.la_code = ${filter.laCode}`)
      if (filter.laCodes) conds.push(inList(sql`c.la_code`, filter.laCodes))
      if (filter.openOnly) conds.push(sql`c.status = 'open'`)
      return rows<{
        id: number
        la_code: string
        la_name: string
        source_type: string
        source_id: number
        what: string
        owner: string
        due_date: string
        status: string
        done_on: string | null
        version: number
      }>(
        db,
        sql`SELECT c.id, c.la_code, l.name AS la_name, c.source_type, c.source_id, c.what, p.name AS owner, c.due_date::text AS due_date, c.status, c.done_on::text AS done_on, c.version
              FROM intervention_commitment c JOIN person p ON p.id = c.owner_person_id JOIN local_authority l ON l.la_code = c.la_code
             WHERE ${sql.join(conds, sql` AND `)} ORDER BY c.due_date, c.id`,
      )
    },

    async addStudy(
      actor: Actor,
      input: {
        laCode: string | null
        title: string
        termsOfReference: string
        commissionedBy: number
        team?: string
        commissionedOn: string
        reportDue: string
      },
    ) {
      const errors: Record<string, string> = {}
      if (input.laCode && !(await laExists(db, input.laCode)))
        errors.laCode = `There is no local authority with the code ${input.laCode}`
      if (!input.title?.trim()) errors.title = 'Enter the title of the study'
      if (!input.termsOfReference?.trim()) errors.termsOfReference = 'Enter the terms of reference'
      if (!(await personExists(db, input.commissionedBy)))
        errors.commissionedBy = 'Choose who commissioned it, from the directory'
      if (!validDate(input.commissionedOn)) errors.commissionedOn = 'Enter the date it was commissioned as a real date'
      if (!validDate(input.reportDue)) errors.reportDue = 'Enter the report due date as a real date'
      else if (validDate(input.commissionedOn) && input.reportDue < input.commissionedOn)
        errors.reportDue = 'The report cannot be due before the study was commissioned'
      if (Object.keys(errors).length) throw new RegisterValidationError(errors)
      return db.transaction(async (tx) => {
        const [s] = await rows<{ id: number }>(
          tx,
          sql`INSERT INTO study (la_code, title, terms_of_reference, commissioned_by, team, commissioned_on, report_due) VALUES (${input.laCode}, ${input.title}, ${input.termsOfReference}, ${input.commissionedBy}, ${input.team ?? null}, ${input.commissionedOn}, ${input.reportDue}) RETURNING id`,
        )
        await recordAudit(tx, {
          actor,
          action: 'study.add',
          subjectType: 'study',
          subjectId: s.id,
          laCode: input.laCode,
          after: input,
        })
        return s.id
      })
    },

    async studies(laCode: string) {
      return rows<{
        id: number
        la_code: string | null
        title: string
        terms_of_reference: string
        commissioned_by: string
        team: string | null
        commissioned_on: string
        report_due: string
        status: string
        outputs: string | null
      }>(
        db,
        sql`SELECT s.id, s.la_code, s.title, s.terms_of_reference, p.name AS commissioned_by, s.team, s.commissioned_on::text AS commissioned_on, s.report_due::text AS report_due, s.status, s.outputs
              FROM study s JOIN person p ON p.id = s.commissioned_by WHERE (s.la_code = ${laCode} OR s.la_code IS NULL) AND s.archived_at IS NULL ORDER BY s.report_due`,
      )
    },

    async addMeeting(
      actor: Actor,
      input: { laCode: string; kind: string; heldOn: string; attendees: string; minutes?: string; decisions?: string },
    ) {
      const errors: Record<string, string> = {}
      if (!(await laExists(db, input.laCode)))
        errors.laCode = `There is no local authority with the code ${input.laCode}`
      if (!input.kind?.trim()) errors.kind = 'Choose the kind of meeting'
      if (!validDate(input.heldOn)) errors.heldOn = 'Enter the date of the meeting as a real date'
      if (!input.attendees?.trim()) errors.attendees = 'List who attended'
      if (Object.keys(errors).length) throw new RegisterValidationError(errors)
      return db.transaction(async (tx) => {
        const [m] = await rows<{ id: number }>(
          tx,
          sql`INSERT INTO meeting (la_code, kind, held_on, attendees, minutes, decisions) VALUES (${input.laCode}, ${input.kind}, ${input.heldOn}, ${input.attendees}, ${input.minutes ?? null}, ${input.decisions ?? null}) RETURNING id`,
        )
        await recordAudit(tx, {
          actor,
          action: 'meeting.add',
          subjectType: 'meeting',
          subjectId: m.id,
          laCode: input.laCode,
          after: input,
        })
        return m.id
      })
    },

    async meetings(laCode: string) {
      return rows<{
        id: number
        kind: string
        held_on: string
        attendees: string
        minutes: string | null
        decisions: string | null
      }>(
        db,
        sql`SELECT id, kind, held_on::text AS held_on, attendees, minutes, decisions FROM meeting WHERE la_code = ${laCode} AND archived_at IS NULL ORDER BY held_on`,
      )
    },

    /** A person's decision, stored apart from (and beside a snapshot of) the system's recommendation. */
    async recordDecision(
      actor: Actor,
      input: { laCode: string; decidedOn: string; rung: string; reasons: string },
      recommendation: unknown,
    ) {
      const errors: Record<string, string> = {}
      if (!validDate(input.decidedOn)) errors.decidedOn = 'Enter the date of the decision as a real date'
      if (!(RUNGS as readonly string[]).includes(input.rung)) errors.rung = 'Choose the decision'
      if (!input.reasons?.trim()) errors.reasons = 'Give the reasons for the decision'
      if (Object.keys(errors).length) throw new RegisterValidationError(errors)
      return db.transaction(async (tx) => {
        const [d] = await rows<{ id: number }>(
          tx,
          sql`INSERT INTO intervention_decision (la_code, decided_on, rung, reasons, recommendation, decided_by) VALUES (${input.laCode}, ${input.decidedOn}, ${input.rung}, ${input.reasons}, ${JSON.stringify(recommendation)}::jsonb, ${actor.id ?? 0}) RETURNING id`,
        )
        const kinds = await decisionEvents(tx, input.laCode, input.decidedOn, input.rung as Rung)
        for (const kind of kinds)
          await tx.execute(
            sql`INSERT INTO intervention_event (la_code, kind, event_date, title, details, decision_id, created_by)
                VALUES (${input.laCode}, ${kind}, ${input.decidedOn}, ${`Decision recorded: ${EVENT_KINDS[kind].label.replace(/^Decision: /, '')}`}, ${input.reasons}, ${d.id}, ${actor.id})`,
          )
        await recordAudit(tx, {
          actor,
          action: 'intervention.decision',
          subjectType: 'intervention_decision',
          subjectId: d.id,
          laCode: input.laCode,
          after: { ...input, registerEvents: kinds },
        })
        return d.id
      })
    },

    async decisions(laCode: string) {
      return rows<{
        id: number
        decided_on: string
        rung: string
        reasons: string
        recommended: string | null
        decided_by: string
      }>(
        db,
        sql`SELECT d.id, d.decided_on::text AS decided_on, d.rung, d.reasons, d.recommendation->>'recommendation' AS recommended, coalesce(u.display_name, 'system') AS decided_by
              FROM intervention_decision d LEFT JOIN app_user u ON u.id = d.decided_by WHERE d.la_code = ${laCode} ORDER BY d.decided_on`,
      )
    },

    events: (laCode: string) => events(db, laCode),

    /** The PDF held for a letter of this LA, or undefined (no such letter here, or no PDF held). */
    async letterDocument(laCode: string, id: number) {
      const [l] = await rows<{ document_name: string | null; document: Uint8Array | null }>(
        db,
        sql`SELECT document_name, document FROM letter WHERE id = ${id} AND la_code = ${laCode} AND archived_at IS NULL`,
      )
      return l?.document && l.document_name ? { name: l.document_name, bytes: Buffer.from(l.document) } : undefined
    },

    /** Every dated deadline the user may see: commitments, study reports, plan actions and milestones. */
    async calendar(laScope: string[] | null) {
      const scope = (col: SQL) => (laScope === null ? sql`TRUE` : inList(col, laScope))
      const commitments = await rows<{
        date: string
        title: string
        la_code: string
        la_name: string
        status: string
        owner: string
      }>(
        db,
        sql`SELECT c.due_date::text AS date, c.what AS title, c.la_code, l.name AS la_name, c.status, p.name AS owner FROM intervention_commitment c
              JOIN local_authority l ON l.la_code = c.la_code JOIN person p ON p.id = c.owner_person_id WHERE c.archived_at IS NULL AND ${scope(sql`c.la_code`)}`,
      )
      const studies = await rows<{
        date: string
        title: string
        la_code: string | null
        la_name: string | null
        status: string
      }>(
        db,
        sql`SELECT s.report_due::text AS date, s.title, s.la_code, l.name AS la_name, s.status FROM study s LEFT JOIN local_authority l ON l.la_code = s.la_code
             WHERE s.archived_at IS NULL AND (s.la_code IS NULL OR ${scope(sql`s.la_code`)})`,
      )
      const planItems = await rows<{
        date: string
        title: string
        la_code: string
        la_name: string
        status: string
        kind: string
      }>(
        db,
        sql`SELECT a.due_date::text AS date, a.title, pl.la_code, l.name AS la_name, a.status, 'Plan action' AS kind
              FROM plan_action a JOIN plan_item pi ON pi.id = a.item_id JOIN plan pl ON pl.id = pi.plan_id JOIN local_authority l ON l.la_code = pl.la_code
             WHERE a.due_date IS NOT NULL AND a.archived_at IS NULL AND ${scope(sql`pl.la_code`)}`,
      )
      const today = new Date().toISOString().slice(0, 10)
      return [
        ...commitments.map((c) => ({
          date: c.date,
          kind: 'Commitment',
          title: `${c.title} (owner: ${c.owner})`,
          laCode: c.la_code,
          laName: c.la_name,
          done: c.status === 'done',
        })),
        ...studies.map((s) => ({
          date: s.date,
          kind: 'Study report due',
          title: s.title,
          laCode: s.la_code,
          laName: s.la_name ?? 'National',
          done: s.status === 'reported',
        })),
        ...planItems.map((p) => ({
          date: p.date,
          kind: p.kind,
          title: p.title,
          laCode: p.la_code,
          laName: p.la_name,
          done: p.status === 'complete',
        })),
      ]
        .map((i) => ({ ...i, overdue: !i.done && i.date < today }))
        .sort((a, b) => a.date.localeCompare(b.date))
    },
  }
}

export type InterventionRegisterService = ReturnType<typeof interventionRegisterService>
