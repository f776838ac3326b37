import type { Command } from 'commander'
import { ROLES, type Role } from '../../engine/access/permissions.ts'
import { InputError } from '../../services/commands/command.ts'
import { printJson, withServices } from '../context.ts'
import { UsageError } from '../errors.ts'

async function readPassword(option?: string): Promise<string> {
  if (option) return option
  if (process.env.SIGHTLINE_PASSWORD) return process.env.SIGHTLINE_PASSWORD
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = []
    for await (const c of process.stdin) chunks.push(c as Buffer)
    return Buffer.concat(chunks).toString('utf8').split('\n')[0]
  }
  throw new UsageError('Give the password with --password, SIGHTLINE_PASSWORD or on standard input')
}

/** The command's field errors as one usage line: `--role: Select a role: ...`. */
const CLI_OPTION: Record<string, string> = { displayName: '--name', laCodes: '--la', isAdmin: '--admin' }
const asUsage = (err: unknown) => {
  if (err instanceof InputError)
    throw new UsageError(
      err.errors.map((e) => `${CLI_OPTION[e.field.split('.')[0]] ?? `--${e.field}`}: ${e.message}`).join('; '),
    )
  throw err
}

export function registerUsers(program: Command) {
  const users = program.command('users').description('Manage accounts')
  users
    .command('add')
    .description('Add an account')
    .requiredOption('--username <name>', 'sign-in name')
    .requiredOption('--name <display>', 'full name shown in the service')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--title <title>', 'job title, e.g. "Director of children\'s services"')
    .option('--la <codes>', 'comma-separated LA codes (required for oversight, local and partner roles)')
    .option('--email <email>', 'email address')
    .option('--admin', 'may see the audit trail and manage users')
    .option('--password <password>', 'initial password (else SIGHTLINE_PASSWORD or standard input)')
    .action(async (o) => {
      const password = await readPassword(o.password)
      await withServices(async (s) => {
        const laCodes = o.la
          ? String(o.la)
              .split(',')
              .map((c: string) => c.trim())
              .filter(Boolean)
          : []
        for (const code of laCodes) {
          if ((await s.laProfiles.resolve(code)) !== code)
            throw new UsageError(`--la: there is no local authority with the code ${code}`)
        }
        const user = await s.users
          .add({
            username: o.username,
            displayName: o.name,
            role: o.role as Role,
            title: o.title,
            email: o.email,
            isAdmin: Boolean(o.admin),
            password,
            laCodes,
          })
          .catch(asUsage)
        console.log(`Added ${user!.username} (${user!.role}${user!.laScope ? `, LA ${user!.laScope.join(', ')}` : ''})`)
      })
    })
  users
    .command('list')
    .description('List accounts')
    .option('--json', 'print as JSON')
    .action(async (o) => {
      await withServices(async (s) => {
        const list = await s.users.list()
        if (o.json) return printJson(list)
        for (const u of list)
          console.log(
            `${u.username.padEnd(20)} ${u.role.padEnd(9)} ${u.disabled ? 'DISABLED ' : ''}${u.title}${u.laCodes.length ? ` (LA ${u.laCodes.join(', ')})` : ''}${u.isAdmin ? ' [admin]' : ''}`,
          )
      })
    })
  users
    .command('disable <username>')
    .description('Disable an account and end its sessions')
    .action(async (username: string) => {
      await withServices(async (s) => {
        await s.users.disable(username).catch(asUsage)
        console.log(`Disabled ${username}`)
      })
    })
  users
    .command('reset-password <username>')
    .description("Set a new password and end the account's sessions")
    .option('--password <password>', 'new password (else SIGHTLINE_PASSWORD or standard input)')
    .action(async (username: string, o) => {
      const password = await readPassword(o.password)
      await withServices(async (s) => {
        await s.users.resetPassword(username, password).catch(asUsage)
        console.log(`Password reset for ${username}`)
      })
    })
}
