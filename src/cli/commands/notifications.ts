import path from 'node:path'
import type { Command } from 'commander'
import { fileOutbox, sendDailyDigest } from '../../services/notificationService.ts'
import { withServices } from '../context.ts'
import { UsageError } from '../errors.ts'

export function registerNotifications(program: Command) {
  const n = program.command('notifications').description('Deadline notifications')
  n.command('digest')
    .description('Write the daily digest for every user to the outbox (DATA_DIR/outbox/DATE/); run it from cron')
    .option('--date <date>', 'the day of the digest, YYYY-MM-DD', new Date().toISOString().slice(0, 10))
    .action(async (o) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(o.date)) throw new UsageError(`--date must be YYYY-MM-DD, not ${o.date}`)
      await withServices(async (s) => {
        const files = await sendDailyDigest(
          s.users,
          s.interventionRegister,
          fileOutbox(path.join(s.config.dataDir, 'outbox'), o.date),
          o.date,
        )
        console.log(
          files.length ? `Wrote ${files.length} digest(s):\n${files.join('\n')}` : 'Nothing due: no digests written',
        )
      })
    })
}
