import type { Store } from '../data/store.ts'
import { EVENT_KINDS } from '../engine/intervention/events.ts'
import type { Actor } from './auditService.ts'
import { execute } from './commands/command.ts'
import { addCommitmentCommand, completeCommitmentCommand } from './interventions/commitments.ts'
import { recordDecisionCommand } from './interventions/decisions.ts'
import type { Document, RegisterDeps } from './interventions/deps.ts'
import { addPersonCommand, assignRoleCommand } from './interventions/directory.ts'
import { addEventCommand } from './interventions/events.ts'
import { addLetterCommand } from './interventions/letters.ts'
import { calendar, registerReads, standingReads } from './interventions/reads.ts'
import { addMeetingCommand, addStudyCommand } from './interventions/studies.ts'

export { letterFileProblem, type Document } from './interventions/deps.ts'

type Input<T extends { laCode: string }> = T & Record<string, unknown>

/**
 * The register's changes outside a page (the demo seed, the CLI, tests): each parses its input with its command's
 * schema (the only check; dates as ISO strings or GOV.UK date parts) and throws one InputError, nothing saved.
 * Pages run the same commands (src/server/routes/la/[la]/intervention).
 */
function registerWrites(deps: RegisterDeps) {
  const at = (laCode: string) => ({ ...deps, laCode })
  return {
    addPerson: (actor: Actor, input: { name: string; organisation?: string; email?: string }) =>
      execute(addPersonCommand, deps, input, actor),
    assignRole: (actor: Actor, input: Record<string, unknown>) => execute(assignRoleCommand, deps, input, actor),
    addEvent: (actor: Actor, { laCode, ...input }: Input<{ laCode: string }>, document?: Document) =>
      execute(addEventCommand, at(laCode), { ...input, document }, actor),
    addLetter: (actor: Actor, { laCode, ...input }: Input<{ laCode: string }>, document?: Document) =>
      execute(addLetterCommand, at(laCode), { ...input, document }, actor),
    addCommitment: (actor: Actor, { laCode, ...input }: Input<{ laCode: string }>) =>
      execute(addCommitmentCommand, at(laCode), input, actor),
    completeCommitment: (actor: Actor, c: { laCode: string; id: number; version: number; doneOn?: string }) =>
      execute(
        completeCommitmentCommand,
        { ...at(c.laCode), commitmentId: c.id },
        { version: c.version, doneOn: c.doneOn },
        actor,
      ),
    addStudy: (actor: Actor, input: Record<string, unknown>) => execute(addStudyCommand, deps, input, actor),
    addMeeting: (actor: Actor, input: Record<string, unknown>) => execute(addMeetingCommand, deps, input, actor),
    /** A person's decision beside a snapshot of the recommendation; it writes the register (see the command). */
    recordDecision: (
      actor: Actor,
      { laCode, decidedOn, ...input }: Input<{ laCode: string; decidedOn: string }>,
      recommendation: unknown,
    ) => execute(recordDecisionCommand, { ...at(laCode), decidedOn, recommendation }, input, actor),
  }
}

/** The interventions register: events, people, letters, commitments, studies, meetings and decisions. */
export function interventionRegisterService(store: Store) {
  const deps: RegisterDeps = { store }
  return {
    /** What the register's commands run over (pages call `command.run(deps with the LA, body, actor)`). */
    deps,
    eventKinds: EVENT_KINDS,
    ...standingReads(store),
    ...registerReads(store),
    ...registerWrites(deps),
    calendar: (laScope: string[] | null) => calendar(store, laScope),
  }
}

export type InterventionRegisterService = ReturnType<typeof interventionRegisterService>
