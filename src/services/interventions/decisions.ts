import { z } from 'zod'
import { insertDecision, insertEvent } from '../../data/repositories/interventionRegisterRepository.ts'
import { oneOf, requiredText } from '../../engine/forms/fields.ts'
import { RUNGS, type Rung } from '../../engine/intervention/assess.ts'
import { EVENT_KINDS, standingOn, type EventKind } from '../../engine/intervention/events.ts'
import { recordAudit, type Actor } from '../auditService.ts'
import { defineCommand } from '../commands/command.ts'
import type { AtLa } from './deps.ts'
import { registerEvents } from './events.ts'

export const DECISION_MESSAGES = {
  rung: 'Choose the decision',
  reasons: 'Give the reasons for the decision',
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
export function decisionEvents(inForce: Rung, rung: Rung): EventKind[] {
  if (rung === 'alternative-delivery') return [DECISION_EVENTS[rung]]
  if (inForce === rung) return []
  if (rung === 'none' || STRENGTH[rung] > STRENGTH[inForce]) return [DECISION_EVENTS[rung]]
  return ['intervention-lifted', DECISION_EVENTS[rung]]
}

/** What the decision is made against: its date and a snapshot of the system's recommendation at the time. */
export type DecisionDeps = AtLa<{ decidedOn: string; recommendation: unknown }>

/**
 * A person's decision, stored apart from (and beside a snapshot of) the system's recommendation. It writes the
 * register, so the intervention in force follows it ("No intervention" lifts whatever is in force).
 */
export const recordDecisionCommand = defineCommand({
  name: 'intervention.decision',
  permission: 'intervention:edit',
  schema: z
    .object({
      rung: oneOf(RUNGS, DECISION_MESSAGES.rung),
      reasons: requiredText({ label: 'the reasons', missing: DECISION_MESSAGES.reasons, max: 5000 }),
    })
    .strict(),
  async run(deps: DecisionDeps, input, actor: Actor) {
    const { store, laCode, decidedOn } = deps
    const inForce = standingOn(await registerEvents(deps), decidedOn).intervention.kind
    return store.db.transaction(async (tx) => {
      const decisionId = await insertDecision(tx, {
        laCode,
        decidedOn,
        rung: input.rung,
        reasons: input.reasons,
        recommendation: deps.recommendation,
        decidedBy: actor.id ?? 0,
      })
      const kinds = decisionEvents(inForce, input.rung)
      for (const kind of kinds) {
        const title = `Decision recorded: ${EVENT_KINDS[kind].label.replace(/^Decision: /, '')}`
        await insertEvent(tx, {
          laCode,
          kind,
          date: decidedOn,
          title,
          details: input.reasons,
          decisionId,
          createdBy: actor.id,
        })
      }
      await recordAudit(tx, {
        actor,
        action: 'intervention.decision',
        subjectType: 'intervention_decision',
        subjectId: decisionId,
        laCode,
        after: { ...input, laCode, decidedOn, registerEvents: kinds },
      })
      return decisionId
    })
  },
})
