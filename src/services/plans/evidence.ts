import { z } from 'zod'
import { dateInput, oneOf, optionalText, requiredText } from '../../engine/forms/fields.ts'
import { optionalRecordId } from '../../engine/plans/planFields.ts'
import { InputError, defineCommand } from '../commands/command.ts'
import type { On } from './deps.ts'
import { storeFile, type UploadedFile } from './storedFiles.ts'
import type { PlanActor } from './versionedRecords.ts'

export const EVIDENCE_MESSAGES = {
  kind: 'Select whether the evidence is a note, a link or a file',
  title: 'Enter a title for the evidence',
  note: 'Enter the note',
  url: 'Enter a link starting with https:// or http://',
  file: 'Select a file',
  action: 'Select an action of this recommendation',
}

const EVIDENCE_FILE_KINDS = ['pdf', 'docx', 'xlsx', 'csv', 'png', 'jpeg'] as const

const uploaded = z
  .custom<UploadedFile>((v) => Buffer.isBuffer((v as UploadedFile | undefined)?.bytes), EVIDENCE_MESSAGES.file)
  .optional()

/** Adds a dated note, a link or an uploaded file (type sniffed from its content) to an item or one of its actions. */
export const addEvidenceCommand = defineCommand({
  name: 'plan.evidence.add',
  permission: 'plan:edit',
  schema: z
    .object({
      kind: oneOf(['note', 'link', 'file'], EVIDENCE_MESSAGES.kind),
      title: requiredText({ label: 'the title', missing: EVIDENCE_MESSAGES.title, max: 300 }),
      evidenceDate: dateInput({ label: 'the date of the evidence' }),
      note: optionalText({ label: 'the note', max: 20_000 }),
      url: optionalText({ label: 'the link', max: 2000 }),
      actionId: optionalRecordId(EVIDENCE_MESSAGES.action),
      file: uploaded,
    })
    .strict()
    .superRefine((v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
      if (v.kind === 'note' && !v.note) issue('note', EVIDENCE_MESSAGES.note)
      if (v.kind === 'link' && !/^https?:\/\/[^\s]+$/i.test(v.url ?? '')) issue('url', EVIDENCE_MESSAGES.url)
    }),
  run({ records, limits, on }: On<{ itemId: number }>, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const sc = await records.scopeFor(tx, 'item', on.itemId, actor)
      // The file arrives beside the form's fields (multipart), so its presence is checked here.
      if (input.kind === 'file' && !input.file) throw InputError.field('file', EVIDENCE_MESSAGES.file)
      if (input.actionId) {
        const action = await records.find(tx, 'action', input.actionId)
        if (action?.itemId !== on.itemId) throw InputError.field('actionId', EVIDENCE_MESSAGES.action)
      }
      const values: Record<string, unknown> = {
        itemId: on.itemId,
        actionId: input.actionId,
        kind: input.kind,
        title: input.title,
        evidenceDate: input.evidenceDate,
        note: input.note,
        addedBy: actor.id,
        addedAt: records.now(),
      }
      if (input.kind === 'link') values.url = input.url
      if (input.kind === 'file')
        values.fileId = (await storeFile(tx, input.file!, actor, [...EVIDENCE_FILE_KINDS], limits.uploadLimitBytes)).id
      return records.create(tx, 'evidence', values, sc, actor)
    })
  },
})
