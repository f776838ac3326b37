import { lineChart } from '../../../../engine/charts/svg.ts'
import { sendCachedPage } from '../../../pageCache.ts'
import { definePage, type PageContext } from '../../page.ts'
import { caseworkPageVersion } from '../casework/caseworkContext.ts'
import { laNameOf, publishedShown, shown, trendWithPublished } from './indicatorsContext.ts'

/** The casework indicators of an LA across its snapshots: each with its trend (SVG and table) and RAG. */
export default definePage({
  PAGE_NAME: 'la-indicators',
  PATH: '/la/:la/indicators',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    // Kept until an upload or API request starts or ends, or the public data (the published figures) changes.
    const { version, key } = await caseworkPageVersion(ctx)
    await sendCachedPage(req, res, 'pages/la/indicators/index.njk', { version, key }, () => indicatorsLocals(ctx))
  },
})

/** The page's locals: each indicator's trend with its chart, and the published figures beside it. */
async function indicatorsLocals(ctx: PageContext) {
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
  return {
    laCode: ctx.laCode,
    laName: await laNameOf(ctx),
    snapshots: t.snapshots,
    indicators,
    latest: t.snapshots[t.snapshots.length - 1],
  }
}
