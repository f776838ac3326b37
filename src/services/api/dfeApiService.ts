import crypto from 'node:crypto'
import type { ApiChild } from '../../engine/returns/dfeApi/schema.ts'
import { planSubmission, type ApiChildStore } from '../../engine/returns/dfeApi/submission.ts'
import { InputError } from '../commands/command.ts'
import type { ApiPrincipal } from './apiClientService.ts'

const ukDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })

/**
 * The DfE CSC API's children submissions: each request is planned against what the LA's casework store holds, then
 * written into the day's rolling snapshot in one go, or refused whole with every child's problem.
 */
export function dfeApiService(store: ApiChildStore, now: () => Date = () => new Date()) {
  return {
    /** Receipts (UUIDs), one per child in the order sent; an InputError naming each refused child by index. */
    async submit(children: ApiChild[], client: ApiPrincipal): Promise<string[]> {
      const ids = [...new Set(children.map((c) => c.la_child_id))]
      const held = await store.held(client.laCode, ids)
      const plan = planSubmission(children, held, () => crypto.randomUUID())
      if (plan.problems.length)
        throw new InputError(
          plan.problems.map((p) => ({ field: `[${p.path[0]}].${p.path.slice(1).join('.')}`, message: p.message })),
        )
      const at = now()
      await store.write({
        laCode: client.laCode,
        asAt: ukDay.format(at),
        receivedAt: at.toISOString(),
        clientId: client.clientId,
        changes: plan.changes,
      })
      return plan.changes.map((c) => c.receipt)
    },
  }
}

export type DfeApiService = ReturnType<typeof dfeApiService>
