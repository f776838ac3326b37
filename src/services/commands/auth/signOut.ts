import { z } from 'zod'
import type { Actor, auditService } from '../../auditService.ts'
import { defineCommand } from '../command.ts'

/**
 * Signing out: the form posts nothing but its CSRF token. Writes the sign-out to the audit trail; the page then ends
 * the session (a web concern).
 */
export const signOutCommand = defineCommand({
  name: 'sign-out',
  permission: 'signed-in',
  schema: z.object({}).strict(),
  async run(deps: { audit: ReturnType<typeof auditService> }, _input, actor: Actor & { requestId?: string }) {
    await deps.audit.record({
      actor: { id: actor.id, name: actor.name, role: actor.role },
      action: 'auth.sign-out',
      subjectType: 'user',
      subjectId: actor.id ?? undefined,
      requestId: actor.requestId,
    })
  },
})
