import type { Request } from 'express'
import createError from 'http-errors'
import type { Principal } from '../../../../engine/access/permissions.ts'
import type { Actor } from '../../../../services/auditService.ts'
import type { QualityFilter } from '../../../../services/casework/qualityReport.ts'
import { CASEWORK_UPLOAD_LIMITS, uploadCaseworkCommand } from '../../../../services/commands/casework/uploadCasework.ts'
import type { PageContext } from '../../page.ts'
import { definePage } from '../../page.ts'
import { urls } from '../../../urls.ts'

/**
 * The LA's casework store on the web: upload returns (several files at once, read in the background with a status
 * page that refreshes itself), the snapshot list, and each snapshot's data-quality report with filters and downloads.
 * Child IDs appear in the report, so every page is for the LA's own users only ('casework:*', LA-scoped).
 */

const PAGE_SIZE = 100
const actorOf = (user: Principal): Actor => ({ id: user.id, name: user.username, role: user.role })
const laNameOf = async (ctx: PageContext) =>
  (await ctx.services.laProfiles.profile(ctx.laCode!))?.la.name ?? ctx.laCode!

async function snapshotOf(req: Request, ctx: PageContext) {
  const id = Number(req.params.snapshot)
  if (!Number.isInteger(id) || id <= 0) throw createError(404)
  const snapshot = await ctx.services.casework.snapshot(ctx.laCode!, id)
  if (!snapshot) throw createError(404, `There is no casework snapshot ${id} for this local authority`)
  return snapshot
}

/** The filters of the data-quality page from its query string; anything else is ignored. */
export function qualityFilter(query: Request['query']): QualityFilter {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : undefined)
  const severity = query.severity === 'error' || query.severity === 'warning' ? query.severity : undefined
  return { severity, source: text(query.source), sheet: text(query.sheet), q: text(query.q) }
}

export const caseworkSnapshotsPage = definePage({
  PAGE_NAME: 'casework-snapshots',
  PATH: '/la/:la/casework',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(_req, res, ctx) {
    const snapshots = await ctx.services.casework.snapshots(ctx.laCode!)
    res.render('pages/la/casework/snapshots.njk', {
      laCode: ctx.laCode,
      laName: await laNameOf(ctx),
      snapshots: snapshots.map((s) => ({
        ...s,
        recordTotal: Object.values(s.records).reduce((a, b) => a + (b ?? 0), 0),
      })),
    })
  },
})

export const caseworkUploadPage = definePage({
  PAGE_NAME: 'casework-upload',
  PATH: '/la/:la/casework/upload',
  REQUIRED_PERMISSION: 'casework:upload',
  LA_PARAM: 'la',
  UPLOAD: { field: 'files', maxBytes: CASEWORK_UPLOAD_LIMITS.maxBytes, maxFiles: CASEWORK_UPLOAD_LIMITS.maxFiles },
  COMMAND: uploadCaseworkCommand,
  async GET(_req, res, ctx) {
    res.render('pages/la/casework/upload.njk', {
      laCode: ctx.laCode,
      laName: await laNameOf(ctx),
      limits: { files: CASEWORK_UPLOAD_LIMITS.maxFiles, gb: CASEWORK_UPLOAD_LIMITS.maxBytes / 1024 ** 3 },
    })
  },
  async POST(req, res, ctx) {
    const uploaded = Array.isArray(req.files) ? req.files : []
    const files = uploaded.map((f) => ({ fileName: f.originalname, path: f.path }))
    const deps = { casework: ctx.services.casework, laCode: ctx.laCode!, files, dir: res.locals.uploadDir }
    const job = await uploadCaseworkCommand.run(deps, ctx.body, actorOf(ctx.user))
    // The files are the job's now: it removes them once read.
    res.locals.keepUploads = true
    res.redirect(303, urls.caseworkUploadStatus(ctx.laCode!, job.id))
  },
})

export const caseworkUploadStatusPage = definePage({
  PAGE_NAME: 'casework-upload-status',
  PATH: '/la/:la/casework/uploads/:upload',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const job = await ctx.services.casework.uploads.get(ctx.laCode!, String(req.params.upload))
    if (!job) throw createError(404, 'There is no upload with this reference for this local authority')
    const running = job.state === 'queued' || job.state === 'reading'
    res.render('pages/la/casework/status.njk', {
      laCode: ctx.laCode,
      laName: await laNameOf(ctx),
      job,
      running,
      refreshSeconds: running ? 2 : undefined,
      recordTotal: job.result ? Object.values(job.result.records).reduce((a, b) => a + (b ?? 0), 0) : 0,
      records: job.result ? Object.entries(job.result.records).sort(([a], [b]) => a.localeCompare(b)) : [],
    })
  },
})

export const caseworkQualityPage = definePage({
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
    res.render('pages/la/casework/quality.njk', {
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

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function qualityExport(format: 'csv' | 'xlsx') {
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

export const caseworkPages = [
  caseworkSnapshotsPage,
  caseworkUploadPage,
  caseworkUploadStatusPage,
  caseworkQualityPage,
  qualityExport('csv'),
  qualityExport('xlsx'),
]
