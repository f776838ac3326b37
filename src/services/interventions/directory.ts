import { z } from 'zod'
import { insertPerson, insertRole, laExists } from '../../data/repositories/interventionRegisterRepository.ts'
import { dateInput, optionalDateInput, optionalText, requiredText } from '../../engine/forms/fields.ts'
import type { Actor } from '../auditService.ts'
import { defineCommand } from '../commands/command.ts'
import { Problems, insertAudited, type RegisterDeps } from './deps.ts'

export const DIRECTORY_MESSAGES = {
  name: 'Enter the person’s name',
  person: 'Choose a person who is in the directory',
  laCode: (code: string) => `There is no local authority with the code ${code}`,
  role: 'Enter the role',
  endDate: 'The end date must be on or after the start date',
}

/** A person in the directory (ministers, commissioners, council leaders...), in their public role. */
export const addPersonCommand = defineCommand({
  name: 'intervention.person.add',
  permission: 'intervention:edit',
  schema: z
    .object({
      name: requiredText({ label: 'the name', missing: DIRECTORY_MESSAGES.name, max: 200 }),
      organisation: optionalText({ label: 'the organisation', max: 200 }),
      email: optionalText({ label: 'the email address', max: 200 }),
    })
    .strict(),
  async run(deps: RegisterDeps, input, actor: Actor) {
    return insertAudited(deps.store.db, (tx) => insertPerson(tx, input), {
      actor,
      action: 'person.add',
      subjectType: 'person',
      after: input,
    })
  },
})

/** A role a person holds, at an LA or nationally (laCode null), from a date and possibly to one. */
export const assignRoleCommand = defineCommand({
  name: 'intervention.person.role',
  permission: 'intervention:edit',
  schema: z
    .object({
      personId: z.number({ message: DIRECTORY_MESSAGES.person }).int().positive(DIRECTORY_MESSAGES.person),
      laCode: z.string().nullable(),
      role: requiredText({ label: 'the role', missing: DIRECTORY_MESSAGES.role, max: 300 }),
      startDate: dateInput({ label: 'the start date' }),
      endDate: optionalDateInput({ label: 'the end date' }),
    })
    .strict()
    .superRefine((v, ctx) => {
      if (v.endDate && v.startDate && v.endDate < v.startDate)
        ctx.addIssue({ code: 'custom', path: ['endDate'], message: DIRECTORY_MESSAGES.endDate })
    }),
  async run(deps: RegisterDeps, input, actor: Actor) {
    const db = deps.store.db
    const problems = new Problems()
    await problems.person(db, 'personId', input.personId)
    if (input.laCode && !(await laExists(db, input.laCode)))
      problems.add('laCode', DIRECTORY_MESSAGES.laCode(input.laCode))
    problems.throwIfAny()
    return insertAudited(db, (tx) => insertRole(tx, input), {
      actor,
      action: 'person.role.assign',
      subjectType: 'role_assignment',
      laCode: input.laCode,
      after: input,
    })
  },
})
