import { lineChart } from '../../../../engine/charts/svg.ts'
import { toCsv } from '../../../../engine/csv.ts'
import type { PublishedComparison } from '../../../../engine/casework/indicators/published.ts'
import type { PageContext } from '../../page.ts'
import { definePage } from '../../page.ts'

const laNameOf = async (ctx: PageContext) =>
  (await ctx.services.laProfiles.profile(ctx.laCode!))?.la.name ?? ctx.laCode!

const shown = (v: number | null, unit: string) => (v === null ? '' : unit === 'percent' ? `${v}%` : String(v))

/** England's and the neighbours' published figure as the dashboard shows it, or why there is none. */
function publishedShown(c: PublishedComparison | undefined, unit: string) {
  // `missing`, not `none`: none is a word of the template language.
  if (!c || 'none' in c) return { missing: c?.none ?? 'No published equivalent' }
  return {
    ...c,
    englandShown: shown(c.england, unit),
    neighboursShown: c.neighbours === null ? 'None published' : shown(c.neighbours, unit),
  }
}

/** The published columns of the CSV: the year's figures, or why there is none. */
function publishedColumns(c: PublishedComparison | undefined) {
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

/** The casework indicators of an LA across its snapshots: each with its trend (SVG and table) and RAG. */
export const indicatorsPage = definePage({
  PAGE_NAME: 'la-indicators',
  PATH: '/la/:la/indicators',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(_req, res, ctx) {
    const t = await ctx.services.insight.trend(ctx.laCode!)
    const latestAsAt = t.snapshots.at(-1)?.asAt
    const published = latestAsAt ? await ctx.services.insight.published(ctx.laCode!, latestAsAt) : new Map()
    const indicators = t.indicators.map((d) => ({
      ...d,
      published: publishedShown(published.get(d.id), d.unit),
      latestShown: d.latest ? shown(d.latest.value, d.unit) : '',
      targetShown: d.target === undefined ? '' : shown(d.target, d.unit),
      rows: d.points.map((p) => ({ ...p, shown: shown(p.value, d.unit) })),
      svg:
        d.points.length > 1
          ? lineChart([{ name: d.title, points: d.points.map((p, i) => ({ x: i, y: p.value })), highlight: true }], {
              title: `${d.title}, by snapshot`,
              description: `${d.title} in each casework snapshot, oldest first`,
              formatX: (x) => d.points[x]?.asAt ?? '',
              width: 480,
              height: 200,
            })
          : '',
    }))
    res.render('pages/la/indicators/index.njk', {
      laCode: ctx.laCode,
      laName: await laNameOf(ctx),
      snapshots: t.snapshots,
      indicators,
      latest: t.snapshots[t.snapshots.length - 1],
    })
  },
})

export const indicatorsCsvPage = definePage({
  PAGE_NAME: 'la-indicators-csv',
  PATH: '/la/:la/indicators.csv',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(_req, res, ctx) {
    const t = await ctx.services.insight.trend(ctx.laCode!)
    const latestAsAt = t.snapshots.at(-1)?.asAt
    const published = latestAsAt ? await ctx.services.insight.published(ctx.laCode!, latestAsAt) : new Map()
    const rows = t.indicators.flatMap((d) =>
      d.points.map((p) => ({
        ...publishedColumns(published.get(d.id)),
        snapshot: p.snapshotId,
        asAt: p.asAt,
        id: d.id,
        title: d.title,
        unit: d.unit,
        value: p.value,
        numerator: p.numerator,
        denominator: p.denominator,
        target: d.target ?? null,
        note: p.note ?? '',
      })),
    )
    res.setHeader('Content-Type', 'text/csv; charset=utf-8')
    res.setHeader('Content-Disposition', `attachment; filename="indicators-${ctx.laCode}.csv"`)
    res.send(
      toCsv(rows, [
        'snapshot',
        'asAt',
        'id',
        'title',
        'unit',
        'value',
        'numerator',
        'denominator',
        'target',
        'note',
        'publishedYear',
        'england',
        'statisticalNeighbours',
        'neighboursPublished',
        'published',
      ]),
    )
  },
})

export const indicatorPages = [indicatorsPage, indicatorsCsvPage]
