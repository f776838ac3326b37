import { eq, isNull, and } from 'drizzle-orm'
import { setupProgress } from '../data/schema/core.ts'
import type { Store } from '../data/store.ts'

/**
 * Set-up progress, kept in the store. The first start of a new data directory records "set-up" (with whether it is a
 * demo) before it loads anything and marks it finished when every step is done; the server only listens after that.
 * So a "set-up" row that is not finished means the first start was stopped half way and nobody has used the data since
 * (the CLI refuses to run on it): the next start begins the set-up again from nothing.
 */
export const SET_UP = 'set-up'

export interface SetUpState {
  finished: boolean
  /** The first start was on a new, empty data directory (so it may be discarded and done again). */
  fresh: boolean
  demo: boolean
}

export async function setUpState(store: Store): Promise<SetUpState | undefined> {
  const [row] = await store.db.select().from(setupProgress).where(eq(setupProgress.step, SET_UP))
  if (!row) return undefined
  return { finished: row.finishedAt !== null, fresh: row.detail.fresh === true, demo: row.detail.demo === true }
}

/** Records that set-up has begun (once: a later start of a finished data directory changes nothing). */
export async function beginSetUp(store: Store, detail: { fresh: boolean; demo: boolean }) {
  await store.db.insert(setupProgress).values({ step: SET_UP, detail }).onConflictDoNothing()
}

export async function finishSetUp(store: Store) {
  await store.db
    .update(setupProgress)
    .set({ finishedAt: new Date() })
    .where(and(eq(setupProgress.step, SET_UP), isNull(setupProgress.finishedAt)))
}

/** The first start of a new data directory began and did not finish. */
export const unfinishedFirstStart = (s: SetUpState | undefined) => Boolean(s && !s.finished && s.fresh)

/**
 * A fault-injection point for `npm run test:faults`: when SIGHTLINE_FAULT_AT names this point, the process kills
 * itself with SIGKILL here, as a power cut would. Does nothing otherwise.
 */
export function faultPoint(name: string) {
  if (process.env.SIGHTLINE_FAULT_AT === name) process.kill(process.pid, 'SIGKILL')
}
