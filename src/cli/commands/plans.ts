import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { SYSTEM_ACTOR } from '../../services/auditService.ts'
import { ensureDemoAccounts } from '../../services/demoService.ts'
import { InputError } from '../../services/commands/command.ts'
import { PlanConflictError, PlanForbiddenError, PlanNotFoundError } from '../../services/planErrors.ts'
import { BOARD_FORMATS, type BoardFormat } from '../../services/reports/boardReportService.ts'
import { extractionAsReport, reportImportService } from '../../services/reports/reportImportService.ts'
import { ChromiumMissingError } from '../../services/pdf.ts'
import { printJson, withServices } from '../context.ts'
import { UsageError } from '../errors.ts'

const ISO = /^\d{4}-\d{2}-\d{2}$/

/** Turns the plan services' input errors into usage errors (exit code 2) with the same message. */
export function planErrorsAsUsage(err: unknown): never {
  if (err instanceof InputError) throw new UsageError(err.errors.map((e) => `${e.field}: ${e.message}`).join('; '))
  if (err instanceof PlanNotFoundError || err instanceof PlanForbiddenError || err instanceof PlanConflictError)
    throw new UsageError(err.message)
  if (err instanceof ChromiumMissingError) throw new UsageError(err.message)
  throw err
}

function asAtOption(v: string | undefined) {
  const d = v ?? new Date().toISOString().slice(0, 10)
  if (!ISO.test(d) || Number.isNaN(Date.parse(d)))
    throw new UsageError(`--as-at must be a date like 2014-07-31, not "${v}"`)
  return d
}

/**
 * `reports board --la CODE --as-at DATE --format html|pdf|xlsx --out FILE`: the board and ministerial progress report.
 * Added to the `reports` group (src/cli/commands/reports.ts) by registerReports.
 */
export function registerReportBoard(reports: Command) {
  reports
    .command('board')
    .description('Write the board and ministerial progress report for an LA plan as at a date')
    .requiredOption('--la <code>', 'local authority code (3-digit), e.g. 331')
    .option('--plan <id>', 'plan id (default: the LA\u2019s latest plan)')
    .option('--as-at <date>', 'report date, YYYY-MM-DD (default today)')
    .option('--format <format>', `one of ${BOARD_FORMATS.join(', ')}`, 'html')
    .requiredOption('--out <file>', 'file to write')
    .action(async (o) => {
      if (!BOARD_FORMATS.includes(o.format)) throw new UsageError(`--format must be one of ${BOARD_FORMATS.join(', ')}`)
      const asAt = asAtOption(o.asAt)
      await withServices(async (s) => {
        const laCode = await s.laProfiles.resolve(o.la)
        if (!laCode) throw new UsageError(`No local authority with code or name "${o.la}"`)
        const report = await s.boardReports
          .build({ laCode, planId: o.plan ? Number(o.plan) : undefined }, asAt, SYSTEM_ACTOR)
          .catch(planErrorsAsUsage)
        const bytes = await s.boardReports.render(report, o.format as BoardFormat).catch(planErrorsAsUsage)
        fs.writeFileSync(o.out, bytes)
        console.log(`Wrote ${o.out} (${o.format}, ${bytes.length} bytes): ${report.title}, as at ${report.asAtLabel}`)
      })
    })
}

/**
 * `reports import FILE.pdf --la CODE`: reads the report and saves it. There is no review page here, so a report the
 * reader was unsure about is refused (with the reasons) unless --accept-flags is given; nothing is saved on any error.
 */
export function registerReportImport(reports: Command) {
  reports
    .command('import <file>')
    .description('Import an Ofsted report (PDF) for an LA: its judgements and every recommendation')
    .requiredOption('--la <code>', 'local authority code (3-digit) or name')
    .option(
      '--accept-flags',
      'save even when the reader flagged fields it was unsure of (check them in the browser afterwards)',
    )
    .option('--json', 'print the result as JSON')
    .action(async (file: string, o) => {
      if (!fs.existsSync(file)) throw new UsageError(`No such file: ${file}`)
      await withServices(async (s) => {
        const laCode = await s.laProfiles.resolve(o.la)
        if (!laCode) throw new UsageError(`No local authority with code or name "${o.la}"`)
        const importer = reportImportService(s.plans, s.config)
        const extraction = await importer.readFor(fs.readFileSync(file), laCode).catch(planErrorsAsUsage)
        const flags = extraction.flags ?? []
        if (flags.length && !o.acceptFlags)
          throw new UsageError(
            `The reader was unsure about ${flags.length} thing(s); nothing was saved. Import it in the browser to review them, or pass --accept-flags:\n  ${flags.map((f) => (typeof f === 'string' ? f : JSON.stringify(f))).join('\n  ')}`,
          )
        const result = await s.plans
          .importReport(
            {
              ...extractionAsReport(extraction, laCode),
              file: { bytes: fs.readFileSync(file), fileName: path.basename(file) },
            },
            SYSTEM_ACTOR,
          )
          .catch(planErrorsAsUsage)
        if (o.json) return printJson(result)
        console.log(
          `Imported report ${result.reportId} for ${laCode}: ${result.recommendations} recommendations${result.inspectionId ? `, linked to register inspection ${result.inspectionId}` : ', no matching inspection in the register'}`,
        )
      })
    })
}

export function registerPlans(program: Command) {
  const plans = program.command('plans').description('Improvement plans')
  plans
    .command('list')
    .description('List improvement plans')
    .option('--la <code>', 'only this local authority')
    .option('--json', 'print as JSON')
    .action(async (o) => {
      await withServices(async (s) => {
        const rows = await s.planViews.listPlans(SYSTEM_ACTOR, o.la)
        if (o.json) return printJson(rows)
        if (!rows.length) console.log('No plans.')
        for (const p of rows)
          console.log(
            `${String(p.id).padStart(4)}  ${p.laCode} ${(p.laName ?? '').padEnd(20)} ${p.status.padEnd(9)} ${p.title}`,
          )
      })
    })

  plans
    .command('show <id>')
    .description('Summary of a plan as at a date: RAG counts, commitments, overdue actions, open challenges')
    .option('--as-at <date>', 'YYYY-MM-DD (default today)')
    .option('--json', 'print the whole plan model as JSON')
    .action(async (id, o) => {
      const asAt = asAtOption(o.asAt)
      await withServices(async (s) => {
        const model = await s.planViews.planModel(Number(id), SYSTEM_ACTOR, asAt).catch(planErrorsAsUsage)
        if (o.json) return printJson(model)
        const m = model.summary
        console.log(`${model.laName}: ${model.plan.title} (${model.plan.status}), as at ${asAt}`)
        console.log(
          `${m.items} recommendations; ${m.explained} explained; ${m.withOwnedAction} with an owned, dated action; ${m.actions} actions, ${m.overdueActions.length} overdue`,
        )
        console.log(
          `Delivery RAG: ${Object.entries(m.delivery)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
        )
        console.log(
          `Impact RAG:   ${Object.entries(m.impact)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
        )
        for (const c of model.commitments)
          console.log(`Commitment due ${c.dueDate} [${c.status}]: ${c.title}: ${c.summary}`)
        console.log(`Open challenges: ${m.openChallenges.length}`)
      })
    })

  plans
    .command('timeline <id>')
    .description('Every change to a plan, oldest first, with who, when and what changed')
    .option('--json', 'print as JSON')
    .action(async (id, o) => {
      await withServices(async (s) => {
        const events = await s.planViews.timeline(Number(id), SYSTEM_ACTOR).catch(planErrorsAsUsage)
        if (o.json) return printJson(events)
        for (const e of events)
          console.log(
            `${e.at.slice(0, 16).replace('T', ' ')}  ${e.actorName.padEnd(18)} ${e.title}${e.changes.length ? ` (${e.changes.map((c) => c.text).join('; ')})` : ''}`,
          )
      })
    })

  plans
    .command('seed-demo')
    .description(
      'Seed the demo plan (Ofsted\u2019s 2014 report on Coventry) creating the demo accounts if missing; does nothing if it exists',
    )
    .action(async () => {
      await withServices(async (s) => {
        await ensureDemoAccounts(s, s.config.dataDir)
        const planId = await s.demo.seedPlan()
        console.log(`Demo plan ${planId} is in place.`)
      })
    })
}
