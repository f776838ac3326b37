import { z } from 'zod'
import type { auditService } from '../../auditService.ts'
import { defineCommand } from '../command.ts'

/**
 * "Verify the whole trail" (the audit page's button; `sightline audit verify` does the same): every event from the
 * first and every anchor kept outside the store; when nothing is broken, the head is anchored. The form posts nothing
 * but its CSRF token. Returns what the check found.
 */
export const verifyTrailCommand = defineCommand({
  name: 'verify-audit-trail',
  permission: 'audit:view',
  schema: z.object({}).strict(),
  async run(deps: { audit: ReturnType<typeof auditService> }) {
    const result = await deps.audit.verify()
    if (!result.break) await deps.audit.anchor()
    return result
  },
})
