import type { PageContext } from '../page.ts'

/** The user's deadlines: all, overdue, and due in the next 14 days. */
export async function deadlinesFor(ctx: PageContext) {
  const items = await ctx.services.interventionRegister.calendar(ctx.user.laScope)
  const now = new Date().toISOString().slice(0, 10)
  const soon = new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10)
  return {
    items,
    overdue: items.filter((i) => i.overdue),
    dueSoon: items.filter((i) => !i.done && i.date >= now && i.date <= soon),
  }
}
