import { applySubmission } from './merge.ts'
import type { ApiChild, SchemaProblem } from './schema.ts'

/** One child of a request, as it will be held after the request (undefined: purged), with its receipt. */
export interface ApiChildChange {
  receipt: string
  laChildId: string
  record: ApiChild | undefined
}

/** One accepted request: what the casework store writes into the LA's rolling snapshot of the day, in one go. */
export interface ApiBatch {
  laCode: string
  /** The day whose rolling snapshot the batch goes into (YYYY-MM-DD, UK time). */
  asAt: string
  receivedAt: string
  clientId: string
  changes: ApiChildChange[]
}

/**
 * Where API submissions are kept: the casework store of the LA. `held` gives the children's records as the API last
 * left them (the latest rolling snapshot), `write` adds one batch to the day's rolling snapshot atomically (all of
 * it or nothing), starting the day's snapshot from the previous one.
 */
export interface ApiChildStore {
  held(laCode: string, laChildIds: string[]): Promise<Map<string, ApiChild>>
  write(batch: ApiBatch): Promise<void>
}

export const SUBMISSION_MESSAGES = {
  unknownPurge: (id: string) =>
    `There is no child with la_child_id ${id} to purge: check the ID, or leave the child out of the request`,
}

/**
 * What a request changes, child by child in order (a child sent twice in one request: the later one applies to the
 * earlier result), or the problems that refuse it: a purge of a child that is not held.
 * @example planSubmission([{ la_child_id: 'C1', purge: true }], new Map(), () => 'r1').problems
 * // [{ path: [0, 'purge'], message: 'There is no child with la_child_id C1 to purge: ...' }]
 */
export function planSubmission(
  children: ApiChild[],
  held: Map<string, ApiChild>,
  receipt: () => string,
): { changes: ApiChildChange[]; problems: SchemaProblem[] } {
  const now = new Map(held)
  const changes: ApiChildChange[] = []
  const problems: SchemaProblem[] = []
  for (const [i, child] of children.entries()) {
    const before = now.get(child.la_child_id)
    if (child.purge === true && !before)
      problems.push({ path: [i, 'purge'], message: SUBMISSION_MESSAGES.unknownPurge(child.la_child_id) })
    const record = applySubmission(before, child)
    if (record) now.set(child.la_child_id, record)
    else now.delete(child.la_child_id)
    changes.push({ receipt: receipt(), laChildId: child.la_child_id, record })
  }
  return { changes, problems }
}
