import type { Principal } from '../../../../engine/access/permissions.ts'
import type { Actor } from '../../../../services/auditService.ts'
import type { PageContext } from '../../page.ts'

/** What the intervention pages share: the rungs in words, today, the actor and the LA the command is about. */
export const RUNG_LABELS: Record<string, string> = {
  none: 'No intervention',
  support: 'Support and challenge (adviser)',
  'improvement-notice': 'Improvement notice',
  'statutory-direction': 'Statutory direction with a commissioner',
  'alternative-delivery': 'Alternative delivery (commissioner review of removing services)',
}

export const today = () => new Date().toISOString().slice(0, 10)

export const actorOf = (u: Principal): Actor => ({ id: u.id, name: u.username, role: u.role })

/** The register's command deps for the LA in the URL. */
export const atLa = (ctx: PageContext) => ({ ...ctx.services.interventionRegister.deps, laCode: ctx.laCode! })
