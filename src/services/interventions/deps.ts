import crypto from 'node:crypto'
import { z } from 'zod'
import type { Store } from '../../data/store.ts'
import { personExists } from '../../data/repositories/interventionRegisterRepository.ts'
import type { DbOrTx } from '../../data/store.ts'
import { UPLOAD_LIMIT_BYTES } from '../../engine/uploads/limits.ts'
import { sniffUpload, startsLikePdf } from '../../engine/uploads/sniff.ts'
import { InputError, type FieldError } from '../commands/command.ts'
import { recordAudit, type AuditInput } from '../auditService.ts'

/** What every interventions-register command runs over. */
export interface RegisterDeps {
  store: Store
}

/** A register command about one LA (the LA in the page's URL). */
export type AtLa<T = object> = RegisterDeps & { laCode: string } & T

export interface Document {
  name: string
  bytes: Buffer
}

export const DOCUMENT_MESSAGES = {
  file: 'Choose a PDF file',
  notPdf: (name: string) => `${name} is not a PDF: choose a PDF file`,
  person: 'Choose a person who is in the directory',
}

/** An uploaded PDF beside the form's fields (multipart); its content is checked in the command's run. */
export const documentField = z
  .custom<Document>((v) => Buffer.isBuffer((v as Document | undefined)?.bytes), DOCUMENT_MESSAGES.file)
  .optional()

/**
 * Why a letter's or event's file cannot be stored, or undefined: it must really be a PDF (by content, whatever its
 * name says), complete, and without active content or other formats hidden in it (engine/uploads/sniff.ts).
 */
export function letterFileProblem(doc: Document): string | undefined {
  const notPdf = DOCUMENT_MESSAGES.notPdf(doc.name)
  if (!startsLikePdf(doc.bytes)) return notPdf
  const sniffed = sniffUpload(doc.bytes, UPLOAD_LIMIT_BYTES)
  if (!sniffed.ok) return `${doc.name}: ${sniffed.message}`
  return sniffed.kind === 'pdf' ? undefined : notPdf
}

/** The document as stored: name, content hash and bytes. */
export function storedDocument(doc: Document | undefined) {
  return (
    doc && { name: doc.name, sha256: crypto.createHash('sha256').update(doc.bytes).digest('hex'), bytes: doc.bytes }
  )
}

/** Collects the errors a command finds against the store, then throws them together (nothing is saved). */
export class Problems {
  private list: FieldError[] = []
  add(field: string, message: string | undefined) {
    if (message && !this.list.some((e) => e.field === field)) this.list.push({ field, message })
  }
  has(field: string) {
    return this.list.some((e) => e.field === field)
  }
  async person(db: DbOrTx, field: string, id: number | null | undefined, message = DOCUMENT_MESSAGES.person) {
    if (id && !(await personExists(db, id))) this.add(field, message)
  }
  throwIfAny() {
    if (this.list.length) throw new InputError(this.list)
  }
}

/**
 * Inserts one register record (with anything that belongs to it) and writes its audit event in the same transaction,
 * so neither is stored without the other; returns the new record's id, which the audit event names.
 */
export function insertAudited(
  db: Store['db'],
  insert: (tx: DbOrTx) => Promise<number>,
  audit: Omit<AuditInput, 'subjectId'>,
): Promise<number> {
  return db.transaction(async (tx) => {
    const id = await insert(tx)
    await recordAudit(tx, { ...audit, subjectId: id })
    return id
  })
}
