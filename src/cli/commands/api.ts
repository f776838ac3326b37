import type { Command } from 'commander'
import { SYSTEM_ACTOR } from '../../services/auditService.ts'
import { UnknownLaError } from '../../services/api/apiClientService.ts'
import { printJson, withServices } from '../context.ts'
import { UsageError } from '../errors.ts'

const cliActor = { ...SYSTEM_ACTOR, name: `cli:${process.env.USER ?? 'administrator'}` }

function laOption(raw: unknown): string {
  const code = String(raw ?? '').trim()
  if (!/^\d{3}$/.test(code)) throw new UsageError(`--la must be the 3-digit LA code the DfE uses, not "${code}"`)
  return code
}

function registerAdd(clients: Command) {
  clients
    .command('add')
    .description(
      "Register a sending system for one LA; prints its client secret and SupplierKey once (they're stored hashed)",
    )
    .requiredOption('--la <code>', '3-digit LA code')
    .option('--name <name>', 'what the sending system is, e.g. "Liquidlogic nightly feed"', 'DfE CSC API sender')
    .option('--json', 'print as JSON')
    .action(async (o) => {
      const laCode = laOption(o.la)
      await withServices(async (s) => {
        const made = await s.apiClients.register({ laCode, name: String(o.name), actor: cliActor }).catch((err) => {
          throw err instanceof UnknownLaError ? new UsageError(`--la: ${err.message}`) : err
        })
        const out = {
          client_id: made.client.clientId,
          client_secret: made.clientSecret,
          supplier_key: made.supplierKey,
          la_code: laCode,
          scopes: made.client.scopes,
          token_path: '/api/oauth2/token',
          children_path: `/api/children_social_care_data/${laCode}/children`,
        }
        if (o.json) return printJson(out)
        for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(14)} ${Array.isArray(v) ? v.join(' ') : v}`)
        console.log('\nThe client secret and SupplierKey are shown only now: give them to the sender securely.')
      })
    })
}

export function registerApi(program: Command) {
  const clients = program
    .command('api')
    .description('Machine clients of the JSON endpoints (the DfE CSC API)')
    .command('clients')
    .description('Register, list and revoke API clients')
  registerAdd(clients)
  clients
    .command('list')
    .description('List API clients (never their secrets)')
    .option('--la <code>', 'only this LA')
    .option('--json', 'print as JSON')
    .action(async (o) => {
      await withServices(async (s) => {
        const rows = await s.apiClients.list(o.la ? laOption(o.la) : undefined)
        if (o.json) return printJson(rows)
        for (const r of rows)
          console.log(
            `${r.clientId.padEnd(24)} LA ${r.laCode}  ${r.revokedAt ? `REVOKED ${r.revokedAt.slice(0, 10)}` : 'live'.padEnd(18)}  ${r.name}`,
          )
      })
    })
  clients
    .command('revoke <clientId>')
    .description('Revoke a client and every token it holds, at once')
    .action(async (clientId: string) => {
      await withServices(async (s) => {
        const row = await s.apiClients.revoke(clientId, cliActor)
        if (!row) throw new UsageError(`There is no live API client ${clientId}`)
        console.log(`Revoked ${row.clientId} (LA ${row.laCode}); its tokens no longer work`)
      })
    })
}
