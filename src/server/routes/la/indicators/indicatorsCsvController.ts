import { toCsv } from '../../../../engine/csv.ts'
import { definePage } from '../../page.ts'
import { publishedColumns, trendWithPublished } from './indicatorsContext.ts'

/** The indicators of every snapshot as CSV, with the published figures beside them. */
export default definePage({
  PAGE_NAME: 'la-indicators-csv',
  PATH: '/la/:la/indicators.csv',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(_req, res, ctx) {
    const { t, published } = await trendWithPublished(ctx)
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
