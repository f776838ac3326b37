import type { PublishedComparison } from '../../../../engine/casework/indicators/published.ts'
import type { PageContext } from '../../page.ts'

/** What the LA's casework indicator pages (the dashboard and its CSV) share. */

export { laNameOf } from '../casework/caseworkContext.ts'

export const shown = (v: number | null, unit: string) => (v === null ? '' : unit === 'percent' ? `${v}%` : String(v))

/** England's and the neighbours' published figure as the dashboard shows it, or why there is none. */
export function publishedShown(c: PublishedComparison | undefined, unit: string) {
  // `missing`, not `none`: none is a word of the template language.
  if (!c || 'none' in c) return { missing: c?.none ?? 'No published equivalent' }
  return {
    ...c,
    englandShown: shown(c.england, unit),
    neighboursShown: c.neighbours === null ? 'None published' : shown(c.neighbours, unit),
  }
}

/** The published columns of the CSV: the year's figures, or why there is none. */
export function publishedColumns(c: PublishedComparison | undefined) {
  if (!c || 'none' in c)
    return {
      publishedYear: null,
      england: null,
      statisticalNeighbours: null,
      neighboursPublished: null,
      published: c?.none ?? 'No published equivalent',
    }
  return {
    publishedYear: c.yearLabel,
    england: c.england,
    statisticalNeighbours: c.neighbours,
    neighboursPublished: `${c.neighbourCount} of ${c.neighbourTotal}`,
    published: `${c.source}${c.caveat ? ` (${c.caveat})` : ''}`,
  }
}

/** The LA's indicators across its snapshots, and the published figures for the year of the latest snapshot. */
export async function trendWithPublished(ctx: PageContext) {
  const t = await ctx.services.insight.trend(ctx.laCode!)
  const latestAsAt = t.snapshots.at(-1)?.asAt
  const published = latestAsAt ? await ctx.services.insight.published(ctx.laCode!, latestAsAt) : new Map()
  return { t, published }
}
