import { definePage } from '../../../../page.ts'
import { actorOf, qualityFilter, snapshotOf } from '../../caseworkContext.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The data-quality report, filtered as on the page, as a download: every issue, not a page of them. */
export function qualityExport(format: 'csv' | 'xlsx') {
  return definePage({
    PAGE_NAME: `casework-quality-${format}`,
    PATH: `/la/:la/casework/snapshots/:snapshot/quality.${format}`,
    REQUIRED_PERMISSION: 'casework:view',
    LA_PARAM: 'la',
    async GET(req, res, ctx) {
      const snapshot = await snapshotOf(req, ctx)
      const body = await ctx.services.casework.qualityExport(
        ctx.laCode!,
        snapshot.snapshotId,
        qualityFilter(req.query),
        format,
        actorOf(ctx.user),
      )
      const name = `data-quality-${ctx.laCode}-snapshot-${snapshot.snapshotId}.${format}`
      res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
      res.setHeader('Content-Disposition', `attachment; filename="${name}"`)
      res.send(body)
    },
  })
}
