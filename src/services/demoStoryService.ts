import type { Store } from '../data/store.ts'
import { gauge } from './memoryGauges.ts'

/**
 * In demo mode the seeded plan tells a 2014 story: shown as at today it would read "4539 days overdue". While the
 * plan is as the seed left it (nothing recorded after the story's own date), its pages default to that date and say
 * so; once someone works on it, today is the date that matters again.
 */
export function demoStoryService(store: Store) {
  const stories = gauge('demoStories', new Map<number, string>(), (m) => m.size)
  /** Each story plan's last recorded day and the change count it was read at (only registered plans: bounded). */
  const checked = new Map<number, { change: string; last: string | undefined }>()
  async function lastRecorded(planId: number) {
    const [r] = await store.query<{ last: string | null }>(
      `SELECT max(at AT TIME ZONE 'UTC')::date::text AS last FROM plan_history WHERE plan_id = $1`,
      [planId],
    )
    return r?.last ?? undefined
  }
  return {
    /** Marks a freshly seeded plan as a story told as at its last recorded day (start-up, demo mode only). */
    async register(planId: number) {
      const date = await lastRecorded(planId)
      checked.delete(planId)
      if (date) stories.set(planId, date)
      return date
    },

    /**
     * The story's own date while nothing has been recorded on the plan after it; otherwise undefined. `change`: the
     * store's change count the request's session lookup read (migration 0053; plan_history bumps it), if the caller has
     * it: while it has not moved since the plan's history was last read, that reading is reused.
     */
    async asAtFor(planId: number, change?: string): Promise<string | undefined> {
      const date = stories.get(planId)
      if (!date) return undefined
      const seen = checked.get(planId)
      const last = change !== undefined && seen?.change === change ? seen.last : await lastRecorded(planId)
      // Read after `change` was: current at that count.
      if (change !== undefined) checked.set(planId, { change, last })
      return !last || last <= date ? date : undefined
    },

    /** The story date of any registered plan the user's actions belong to (for cross-plan lists such as my actions). */
    async anyStoryDate(planIds: number[]): Promise<string | undefined> {
      for (const id of planIds) {
        const d = await this.asAtFor(id)
        if (d) return d
      }
      return undefined
    },
  }
}

export type DemoStoryService = ReturnType<typeof demoStoryService>
