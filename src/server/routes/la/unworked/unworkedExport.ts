import createError from 'http-errors'
import { toCsv } from '../../../../engine/csv.ts'
import { type UnworkedChild } from '../../../../engine/casework/unworked/index.ts'
import { CaseworkInputError } from '../../../../services/casework/caseworkService.ts'
import { definePage } from '../../page.ts'
import { unworkedFilter } from './unworkedListView.ts'
import { actorOf, describe, listFor } from './unworkedContext.ts'

const HEADINGS = ['Priority', 'Child ID', 'Age', 'Stage', 'Team', 'Worker', 'Days overdue', 'Reasons']
const row = (c: UnworkedChild) => ({
  priority: c.priority,
  childId: c.childId,
  age: c.ageYears,
  stage: c.stage ?? '',
  team: c.team ?? '',
  worker: c.worker ?? '',
  days: c.daysOverdue,
  reasons: describe(c),
})
const COLUMNS = ['priority', 'childId', 'age', 'stage', 'team', 'worker', 'days', 'reasons'] as const

/** Every child the filters match (never one page), as CSV or XLSX; the download is audited. */
export function unworkedExport(format: 'csv' | 'xlsx') {
  return definePage({
    PAGE_NAME: `la-unworked-${format}`,
    PATH: `/la/:la/unworked.${format}`,
    REQUIRED_PERMISSION: 'casework:view',
    LA_PARAM: 'la',
    async GET(req, res, ctx) {
      const filter = unworkedFilter(req.query)
      const { u, children } = await listFor(ctx, filter).catch((err) => {
        throw err instanceof CaseworkInputError ? createError(404, err.message) : err
      })
      await ctx.services.audit.record({
        actor: actorOf(ctx.user),
        action: 'casework.unworked.export',
        laCode: ctx.laCode!,
        after: { format, children: children.length, filter },
      })
      const name = `unworked-${ctx.laCode}-${u.asAt}.${format}`
      res.setHeader('Content-Disposition', `attachment; filename="${name}"`)
      if (format === 'csv') {
        res.setHeader('Content-Type', 'text/csv; charset=utf-8')
        res.send(toCsv(children.map(row), [...COLUMNS], HEADINGS))
        return
      }
      const wb = new (await import('exceljs')).default.Workbook()
      const ws = wb.addWorksheet('Unworked demand')
      ws.addRow(HEADINGS).font = { bold: true }
      for (const c of children) ws.addRow(COLUMNS.map((k) => row(c)[k]))
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      res.send(Buffer.from(await wb.xlsx.writeBuffer()))
    },
  })
}
