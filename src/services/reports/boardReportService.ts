import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { and, desc, eq, isNull } from 'drizzle-orm'
import nunjucks from 'nunjucks'
import * as t from '../../data/schema/plans.ts'
import type { Store } from '../../data/store.ts'
import { indicatorSnapshotsUpTo } from '../../data/repositories/indicatorSnapshotRepository.ts'
import { boardIndicators } from '../../engine/plans/boardIndicators.ts'
import { buildBoardReport, type BoardReport } from '../../engine/plans/boardReport.ts'
import { displayValue } from '../../engine/plans/diff.ts'
import { htmlToPdf } from '../pdf.ts'
import { PlanNotFoundError } from '../planErrors.ts'
import type { PlanReadService } from '../planReadService.ts'
import type { PlanActor } from '../plans/index.ts'
import { useCompiledTemplateCache } from '../compiledTemplates.ts'
import { boardReportXlsx } from './boardReportXlsx.ts'

const TEMPLATES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates')

/** The nunjucks environment for report documents (standalone: no Express, no GOV.UK layout). */
function reportEnvironment() {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES), { autoescape: true })
  env.addFilter('isoDate', (v: unknown) => displayValue(v))
  useCompiledTemplateCache(env)
  return env
}

export const BOARD_FORMATS = ['html', 'pdf', 'xlsx'] as const
export type BoardFormat = (typeof BOARD_FORMATS)[number]

export const BOARD_MEDIA_TYPES: Record<BoardFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** Board and ministerial progress reports as at a date: web page fragment, standalone HTML, PDF and XLSX. */
export function boardReportService(store: Store, views: PlanReadService, options: { chromiumPath: string }) {
  const env = reportEnvironment()

  async function latestPlanId(laCode: string) {
    const [p] = await store.db
      .select({ id: t.plan.id })
      .from(t.plan)
      .where(and(eq(t.plan.laCode, laCode), isNull(t.plan.archivedAt)))
      .orderBy(desc(t.plan.id))
      .limit(1)
    if (!p) throw new PlanNotFoundError('plan for local authority', laCode)
    return p.id
  }

  return {
    latestPlanId,

    async build(target: { planId?: number; laCode?: string }, asAt: string, actor: PlanActor): Promise<BoardReport> {
      const planId = target.planId ?? (await latestPlanId(target.laCode!))
      const model = await views.planModel(planId, actor, asAt)
      const rows = await indicatorSnapshotsUpTo(store.db, model.plan.laCode, model.asAt)
      return buildBoardReport(model, boardIndicators(rows, model.asAt))
    },

    /** The report body, for embedding in the GOV.UK page layout. */
    fragment: (report: BoardReport) => env.render('board-report-body.njk', { report }),

    /** A self-contained HTML document (inline CSS and SVG) for download and for the PDF. */
    document: (report: BoardReport) =>
      env.render('board-report-document.njk', { report, generatedOn: new Date().toISOString().slice(0, 10) }),

    async pdf(report: BoardReport) {
      return htmlToPdf(
        env.render('board-report-document.njk', { report, generatedOn: new Date().toISOString().slice(0, 10) }),
        {
          chromiumPath: options.chromiumPath,
          footer: `${report.title}, as at ${report.asAtLabel}`,
        },
      )
    },

    xlsx: boardReportXlsx,

    async render(report: BoardReport, format: BoardFormat): Promise<Buffer> {
      if (format === 'pdf') return this.pdf(report)
      if (format === 'xlsx') return boardReportXlsx(report)
      return Buffer.from(this.document(report))
    },
  }
}

export type BoardReportService = ReturnType<typeof boardReportService>
