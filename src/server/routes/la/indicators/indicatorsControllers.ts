import { lineChart } from '../../../../engine/charts/svg.ts'
import { toCsv } from '../../../../engine/csv.ts'
import type { PageContext } from '../../page.ts'
import { definePage } from '../../page.ts'

const laNameOf = async (ctx: PageContext) =>
  (await ctx.services.laProfiles.profile(ctx.laCode!))?.la.name ?? ctx.laCode!

const shown = (v: number | null, unit: string) => (v === null ? '' : unit === 'percent' ? `${v}%` : String(v))

/** The casework indicators of an LA across its snapshots: each with its trend (SVG and table) and RAG. */
export const indicatorsPage = definePage({
  PAGE_NAME: 'la-indicators',
  PATH: '/la/:la/indicators',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(_req, res, ctx) {
    const t = await ctx.services.insight.trend(ctx.laCode!)
    const indicators = t.indicators.map((d) => ({
      ...d,
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
    const rows = t.indicators.flatMap((d) =>
      d.points.map((p) => ({
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
      toCsv(rows, ['snapshot', 'asAt', 'id', 'title', 'unit', 'value', 'numerator', 'denominator', 'target', 'note']),
    )
  },
})

export const indicatorPages = [indicatorsPage, indicatorsCsvPage]
