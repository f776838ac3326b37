import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { actorOf, laNameOf, qualityFilter, snapshotOf } from '../../caseworkContext.ts'

const PAGE_SIZE = 100

/** A snapshot's data-quality report: each issue with its file, sheet and child, filtered and paged. */
export default definePage({
  PAGE_NAME: 'casework-quality',
  PATH: '/la/:la/casework/snapshots/:snapshot/quality',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const snapshot = await snapshotOf(req, ctx)
    const filter = qualityFilter(req.query)
    const page = Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1)
    const q = await ctx.services.casework.quality(
      ctx.laCode!,
      snapshot.snapshotId,
      filter,
      { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
      actorOf(ctx.user),
    )
    const query = { severity: filter.severity, source: filter.source, sheet: filter.sheet, q: filter.q }
    const pages = Math.max(1, Math.ceil(q.total / PAGE_SIZE))
    res.render('pages/la/casework/snapshots/quality/index.njk', {
      laCode: ctx.laCode,
      laName: await laNameOf(ctx),
      snapshot,
      issues: q.issues,
      total: q.total,
      sources: q.sources,
      sheets: q.sheets,
      filter: query,
      page,
      pages,
      prevHref:
        page > 1 ? urls.caseworkQuality(ctx.laCode!, snapshot.snapshotId, { ...query, page: String(page - 1) }) : '',
      nextHref:
        page < pages
          ? urls.caseworkQuality(ctx.laCode!, snapshot.snapshotId, { ...query, page: String(page + 1) })
          : '',
      csvHref: urls.caseworkQualityExport(ctx.laCode!, snapshot.snapshotId, 'csv', query),
      xlsxHref: urls.caseworkQualityExport(ctx.laCode!, snapshot.snapshotId, 'xlsx', query),
    })
  },
})
