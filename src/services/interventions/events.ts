import { z } from 'zod'
import { eventsOf, insertEvent, laExists } from '../../data/repositories/interventionRegisterRepository.ts'
import { dateInput, oneOf, optionalText } from '../../engine/forms/fields.ts'
import { EVENT_KINDS, endingProblem, type EventKind, type RegisterEvent } from '../../engine/intervention/events.ts'
import type { Actor } from '../auditService.ts'
import { defineCommand } from '../commands/command.ts'
import { Problems, documentField, insertAudited, letterFileProblem, storedDocument, type AtLa } from './deps.ts'

export const EVENT_MESSAGES = {
  kind: 'Choose what happened',
  laCode: (code: string) => `There is no local authority with the code ${code}`,
}

export const EVENT_KIND_VALUES = Object.keys(EVENT_KINDS) as [EventKind, ...EventKind[]]

/** The register's events of an LA as the engine reads them. */
export async function registerEvents(deps: AtLa): Promise<RegisterEvent[]> {
  return (await eventsOf(deps.store.db, deps.laCode)).map((e) => ({
    id: e.id,
    kind: e.kind as EventKind,
    date: e.eventDate,
    title: e.title,
  }))
}

/**
 * Adds an event to an LA's interventions register (a notice, a direction, a trust going live...), with its PDF when
 * there is one. An ending event (lifted, revoked, withdrawn) must follow what it ends.
 */
export const addEventCommand = defineCommand({
  name: 'intervention.event.add',
  permission: 'intervention:edit',
  schema: z
    .object({
      kind: oneOf(EVENT_KIND_VALUES, EVENT_MESSAGES.kind),
      date: dateInput({ label: 'the date' }),
      title: optionalText({ label: 'the title', max: 300 }),
      details: optionalText({ label: 'the details', max: 5000 }),
      document: documentField,
    })
    .strict(),
  async run(deps: AtLa, input, actor: Actor) {
    const problems = new Problems()
    if (!(await laExists(deps.store.db, deps.laCode))) problems.add('laCode', EVENT_MESSAGES.laCode(deps.laCode))
    else problems.add('date', endingProblem(input.kind, input.date, await registerEvents(deps)))
    problems.add('document', input.document && letterFileProblem(input.document))
    problems.throwIfAny()
    const { document, ...fields } = input
    const event = {
      laCode: deps.laCode,
      kind: input.kind,
      date: input.date,
      title: input.title ?? EVENT_KINDS[input.kind].label,
      details: input.details,
      document: storedDocument(document),
      createdBy: actor.id,
    }
    return insertAudited(deps.store.db, (tx) => insertEvent(tx, event), {
      actor,
      action: 'intervention.event.add',
      subjectType: 'intervention_event',
      laCode: deps.laCode,
      after: { ...fields, laCode: deps.laCode, document: document?.name },
    })
  },
})
