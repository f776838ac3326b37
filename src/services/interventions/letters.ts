import { z } from 'zod'
import { insertLetter, insertRecipient } from '../../data/repositories/interventionCorrespondenceRepository.ts'
import { laExists } from '../../data/repositories/interventionRegisterRepository.ts'
import { dateInput, oneOf, optionalText, requiredText } from '../../engine/forms/fields.ts'
import type { DbOrTx } from '../../data/store.ts'
import type { Actor } from '../auditService.ts'
import { defineCommand } from '../commands/command.ts'
import { Problems, documentField, insertAudited, letterFileProblem, storedDocument, type AtLa } from './deps.ts'

export const LETTER_MESSAGES = {
  direction: 'Choose whether the letter was sent or received',
  from: 'Choose who the letter is from, from the directory',
  to: 'Choose at least one addressee',
  unknown: (id: number) => `Person ${id} is not in the directory`,
  subject: 'Enter the subject',
  laCode: (code: string) => `There is no local authority with the code ${code}`,
}

const personIds = z.array(z.number().int().positive({ message: LETTER_MESSAGES.to }))

/** A letter to or from the LA, with its addressees and copy list (people in the directory) and its PDF. */
export const addLetterCommand = defineCommand({
  name: 'intervention.letter.add',
  permission: 'intervention:edit',
  schema: z
    .object({
      direction: oneOf(['in', 'out'], LETTER_MESSAGES.direction),
      sentOn: dateInput({ label: 'the date of the letter' }),
      fromPersonId: z.number({ message: LETTER_MESSAGES.from }).int().positive(LETTER_MESSAGES.from),
      to: personIds.min(1, LETTER_MESSAGES.to),
      cc: personIds,
      subject: requiredText({ label: 'the subject', missing: LETTER_MESSAGES.subject, max: 500 }),
      summary: optionalText({ label: 'the summary', max: 5000 }),
      document: documentField,
    })
    .strict(),
  async run(deps: AtLa, input, actor: Actor) {
    const db = deps.store.db
    const problems = new Problems()
    if (!(await laExists(db, deps.laCode))) problems.add('laCode', LETTER_MESSAGES.laCode(deps.laCode))
    await problems.person(db, 'fromPersonId', input.fromPersonId, LETTER_MESSAGES.from)
    for (const id of [...input.to, ...input.cc]) await problems.person(db, 'to', id, LETTER_MESSAGES.unknown(id))
    problems.add('document', input.document && letterFileProblem(input.document))
    problems.throwIfAny()
    const { document, ...fields } = input
    const insert = async (tx: DbOrTx) => {
      const id = await insertLetter(tx, {
        ...fields,
        laCode: deps.laCode,
        document: storedDocument(document),
        createdBy: actor.id,
      })
      for (const person of new Set(input.to)) await insertRecipient(tx, id, person, 'to')
      for (const person of new Set(input.cc.filter((c) => !input.to.includes(c))))
        await insertRecipient(tx, id, person, 'cc')
      return id
    }
    return insertAudited(db, insert, {
      actor,
      action: 'letter.add',
      subjectType: 'letter',
      laCode: deps.laCode,
      after: { ...fields, laCode: deps.laCode, document: document?.name },
    })
  },
})
