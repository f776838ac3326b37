import fs from 'node:fs'
import path from 'node:path'
import { formatDate } from '../engine/dates.ts'
import type { InterventionRegisterService } from './interventionRegisterService.ts'
import type { UserService } from './userService.ts'

export interface MailMessage {
  to: string
  subject: string
  text: string
}

/** Sending mail sits behind this interface; the built-in transport writes RFC 5322 files to an outbox folder. */
export interface Mailer {
  send(message: MailMessage): Promise<string>
}

export function fileOutbox(dir: string, date: string): Mailer {
  return {
    async send(m) {
      const folder = path.join(dir, date)
      fs.mkdirSync(folder, { recursive: true })
      const file = path.join(folder, `${m.to.replace(/[^A-Za-z0-9@._-]/g, '_')}.eml`)
      const body = [
        `To: ${m.to}`,
        'From: Sightline <no-reply@sightline.invalid>',
        `Subject: ${m.subject}`,
        `Date: ${new Date().toUTCString()}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        m.text,
      ].join('\r\n')
      fs.writeFileSync(file, body)
      return file
    },
  }
}

/**
 * The daily digest: for each active user, what is overdue and what is due in the next 14 days within their scope.
 * Users with nothing to report get no message.
 */
export async function sendDailyDigest(
  users: UserService,
  register: InterventionRegisterService,
  mailer: Mailer,
  date: string,
) {
  const soon = new Date(Date.parse(date) + 14 * 86400_000).toISOString().slice(0, 10)
  const sent: string[] = []
  for (const u of (await users.list()).filter((x) => !x.disabled)) {
    const principal = await users.principal(u.id)
    if (!principal) continue
    const items = await register.calendar(principal.laScope)
    const overdue = items.filter((i) => !i.done && i.date < date)
    const dueSoon = items.filter((i) => !i.done && i.date >= date && i.date <= soon)
    if (!overdue.length && !dueSoon.length) continue
    const line = (i: (typeof items)[number]) =>
      `- ${formatDate(i.date)}  ${i.kind}: ${i.title}${i.laName ? ` (${i.laName})` : ''}`
    const text = [
      `Sightline daily digest for ${u.displayName}, ${formatDate(date)}`,
      '',
      `Overdue (${overdue.length}):`,
      ...overdue.map(line),
      '',
      `Due in the next 14 days (${dueSoon.length}):`,
      ...dueSoon.map(line),
      '',
    ].join('\n')
    sent.push(
      await mailer.send({
        to: u.username,
        subject: `Sightline: ${overdue.length} overdue, ${dueSoon.length} due soon`,
        text,
      }),
    )
  }
  return sent
}
