import type { Command } from 'commander'
import { printJson, withServices } from '../context.ts'

export function registerAudit(program: Command) {
  const audit = program.command('audit').description('The hash-chained audit trail')
  audit
    .command('verify')
    .description('Check every event against its hash; exits 1 on a break')
    .option('--json', 'print as JSON')
    .action(async (o) => {
      await withServices(async (s) => {
        const result = await s.audit.verify()
        // A good check is itself anchored, so the next check can see tampering done after this one.
        const anchored = result.break ? null : await s.audit.anchor()
        if (o.json) printJson({ ok: !result.break, ...result, anchored })
        else if (result.break) console.error(`Audit trail BROKEN at event ${result.break.id}: ${result.break.reason}`)
        else
          console.log(
            `Audit trail intact: ${result.checked} events checked, ${result.anchors === 1 ? '1 anchor agrees' : `${result.anchors} anchors agree`}` +
              (anchored ? `; head anchored (${anchored.count} events, ${anchored.head.slice(0, 12)}…)` : ''),
          )
        if (result.break) process.exitCode = 1
      })
    })
  audit
    .command('list')
    .description('Show recent events')
    .option('--la <code>', 'only this LA')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print as JSON')
    .action(async (o) => {
      await withServices(async (s) => {
        const rows = await s.audit.list({ laCode: o.la, limit: Number(o.limit) })
        if (o.json) return printJson(rows)
        for (const r of rows)
          console.log(
            `${r.at}  ${r.actorName.padEnd(16)} ${r.action.padEnd(28)} ${r.subjectType ?? ''} ${r.subjectId ?? ''} ${r.laCode ?? ''}`,
          )
      })
    })
}
