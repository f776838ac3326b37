import type { UnworkedChild } from '../../../../engine/casework/unworked/index.ts'
import { insightService } from '../../../../services/casework/insightService.ts'
import type { PageContext } from '../../page.ts'
import { filtered, LABEL, type UnworkedFilter } from './unworkedListView.ts'

/**
 * What the children-waiting pages share. They list the children whose risk has not been assessed or acted on in time, for the LA's own users ('casework:view'), with
 * filters, pages of PAGE_SIZE children (the counts, totals and filter choices always over the whole list), CSV/XLSX
 * downloads of every child the filters match (never one page), and each child's timeline (every view audited with
 * who and why).
 */
export { actorOf, laNameOf } from '../casework/caseworkContext.ts'

export async function listFor(ctx: PageContext, f: UnworkedFilter) {
  const u = await insightService(ctx.services.casework).unworked(ctx.laCode!)
  return { u, children: filtered(u, f) }
}

export const describe = (c: UnworkedChild) =>
  c.reasons.map((r) => `${LABEL.get(r.reason)} (${r.daysOverdue} ${r.unit} overdue)`).join('; ')
