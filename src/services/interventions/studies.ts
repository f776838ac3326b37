import { z } from 'zod'
import { insertMeeting, insertStudy } from '../../data/repositories/interventionCorrespondenceRepository.ts'
import { laExists } from '../../data/repositories/interventionRegisterRepository.ts'
import { dateInput, optionalText, requiredText } from '../../engine/forms/fields.ts'
import type { Actor } from '../auditService.ts'
import { defineCommand } from '../commands/command.ts'
import { Problems, insertAudited, type RegisterDeps } from './deps.ts'

export const STUDY_MESSAGES = {
  title: 'Enter the title of the study',
  terms: 'Enter the terms of reference',
  commissionedBy: 'Choose who commissioned it, from the directory',
  reportDue: 'The report cannot be due before the study was commissioned',
  laCode: (code: string) => `There is no local authority with the code ${code}`,
  meetingKind: 'Choose the kind of meeting',
  attendees: 'List who attended',
}

/** Work commissioned about an LA (or nationally, laCode null): terms of reference, team, when the report is due. */
export const addStudyCommand = defineCommand({
  name: 'intervention.study.add',
  permission: 'intervention:edit',
  schema: z
    .object({
      laCode: z.string().nullable(),
      title: requiredText({ label: 'the title', missing: STUDY_MESSAGES.title, max: 500 }),
      termsOfReference: requiredText({ label: 'the terms of reference', missing: STUDY_MESSAGES.terms, max: 5000 }),
      commissionedBy: z
        .number({ message: STUDY_MESSAGES.commissionedBy })
        .int()
        .positive(STUDY_MESSAGES.commissionedBy),
      team: optionalText({ label: 'the team', max: 500 }),
      commissionedOn: dateInput({ label: 'the date it was commissioned' }),
      reportDue: dateInput({ label: 'the report due date' }),
    })
    .strict()
    .superRefine((v, ctx) => {
      if (v.commissionedOn && v.reportDue && v.reportDue < v.commissionedOn)
        ctx.addIssue({ code: 'custom', path: ['reportDue'], message: STUDY_MESSAGES.reportDue })
    }),
  async run(deps: RegisterDeps, input, actor: Actor) {
    const db = deps.store.db
    const problems = new Problems()
    if (input.laCode && !(await laExists(db, input.laCode))) problems.add('laCode', STUDY_MESSAGES.laCode(input.laCode))
    await problems.person(db, 'commissionedBy', input.commissionedBy, STUDY_MESSAGES.commissionedBy)
    problems.throwIfAny()
    return insertAudited(db, (tx) => insertStudy(tx, input), {
      actor,
      action: 'study.add',
      subjectType: 'study',
      laCode: input.laCode,
      after: input,
    })
  },
})

/** A meeting about the LA (board, commissioner and minister...): who attended, minutes, decisions. */
export const addMeetingCommand = defineCommand({
  name: 'intervention.meeting.add',
  permission: 'intervention:edit',
  schema: z
    .object({
      laCode: z.string(),
      kind: requiredText({ label: 'the kind of meeting', missing: STUDY_MESSAGES.meetingKind, max: 200 }),
      heldOn: dateInput({ label: 'the date of the meeting' }),
      attendees: requiredText({ label: 'the attendees', missing: STUDY_MESSAGES.attendees, max: 5000 }),
      minutes: optionalText({ label: 'the minutes', max: 20_000 }),
      decisions: optionalText({ label: 'the decisions', max: 20_000 }),
    })
    .strict(),
  async run(deps: RegisterDeps, input, actor: Actor) {
    const problems = new Problems()
    if (!(await laExists(deps.store.db, input.laCode))) problems.add('laCode', STUDY_MESSAGES.laCode(input.laCode))
    problems.throwIfAny()
    return insertAudited(deps.store.db, (tx) => insertMeeting(tx, input), {
      actor,
      action: 'meeting.add',
      subjectType: 'meeting',
      laCode: input.laCode,
      after: input,
    })
  },
})
