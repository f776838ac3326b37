import crypto from 'node:crypto'
import type { ApiChild } from '../../engine/returns/dfeApi/schema.ts'
import type { ApiChildStore } from '../../engine/returns/dfeApi/submission.ts'
import { InputError } from '../commands/command.ts'
import type { ApiPrincipal } from './apiClientService.ts'

const ukDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })

export const SUBMISSION_MESSAGES = {
  unknownPurge: (index: number, id: string) =>
    `Child [${index}]: there is no child with la_child_id ${id} to purge: check the ID, or leave the child out`,
}

/** The request as it arrived (for the snapshot's source record). */
export interface ApiRequestInfo {
  requestId: string
  sha256: string
  bytes: number
}

/**
 * The DfE CSC API's children submissions: each request goes into the LA casework store's rolling snapshot of the day
 * in one go, or is refused whole, every refused child named by its index.
 */
export function dfeApiService(store: ApiChildStore, now: () => Date = () => new Date()) {
  return {
    /** Receipts (UUIDs), one per child in the order sent; an InputError naming each refused child by index. */
    async submit(children: ApiChild[], client: ApiPrincipal, request: ApiRequestInfo): Promise<string[]> {
      const { unknownPurges } = await store.apply({
        laCode: client.laCode,
        day: ukDay.format(now()),
        clientId: client.clientId,
        ...request,
        children,
      })
      if (unknownPurges.length)
        throw new InputError(
          unknownPurges.map((i) => ({
            field: `[${i}].purge`,
            message: SUBMISSION_MESSAGES.unknownPurge(i, children[i].la_child_id),
          })),
        )
      return children.map(() => crypto.randomUUID())
    },
  }
}

export type DfeApiService = ReturnType<typeof dfeApiService>
