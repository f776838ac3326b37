import { lineChart } from '../../../../engine/charts/svg.ts'
import { definePage } from '../../page.ts'
import { laNameOf, publishedShown, shown, trendWithPublished } from './indicatorsContext.ts'

/** The casework indicators of an LA across its snapshots: each with its trend (SVG and table) and RAG. */
export default definePage({
  PAGE_NAME: 'la-indicators',
  PATH: '/la/:la/indicators',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(_req, res, ctx) {
    const { t, published } = await trendWithPublished(ctx)
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
