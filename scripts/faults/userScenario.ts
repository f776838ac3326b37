/**
 * User changes: accounts are added and disabled with the CLI (`sightline users add`, `users disable`), the only way
 * there is. On PostgreSQL the CLI runs beside the server and is killed with it. On a PGlite data directory the CLI is
 * refused while the server runs (exit 2, nothing written: checked every fifth cycle), so its changes are made before
 * the server starts, and one cycle in four kills that command at a random moment instead.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { log, q, sleep, type Ack, type Scenario, type WriteContext } from './kit.ts'
import crypto from 'node:crypto'

const root = path.resolve(import.meta.dirname, '..', '..')

interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  out: string
}

function cli(ctx: WriteContext, args: string[], kill?: Promise<void>): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...ctx.cliEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  ctx.track(child)
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  void kill?.then(() => child.kill('SIGKILL'))
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, out })))
}

const username = (ctx: WriteContext) =>
  `fault-user-${ctx.store}-${ctx.cycle}-${crypto.randomBytes(3).toString('hex')}`.toLowerCase()

/** One user change: add an account, or (when an added one is still enabled, every other time) disable it. */
async function change(ctx: WriteContext, scenario: string, kill?: Promise<void>) {
  const added = (ctx.state.get('faultUsers') as string[] | undefined) ?? []
  const disabled = (ctx.state.get('faultUsersDisabled') as Set<string> | undefined) ?? new Set<string>()
  ctx.state.set('faultUsers', added)
  ctx.state.set('faultUsersDisabled', disabled)
  const enabled = added.filter((u) => !disabled.has(u))
  if (enabled.length && ctx.random() < 0.5) {
    const user = enabled[Math.floor(ctx.random() * enabled.length)]
    const r = await cli(ctx, ['users', 'disable', user], kill)
    log(ctx, `users disable ${user}: exit ${r.code ?? r.signal}`)
    if (r.code === 0 && /Disabled/.test(r.out)) {
      disabled.add(user)
      return { scenario, key: user, detail: { what: 'disabled' } }
    }
    return undefined
  }
  const user = username(ctx)
  const args = ['users', 'add', '--username', user, '--name', 'Fault Tester', '--role', 'local']
  const r = await cli(ctx, [...args, '--title', 'Fault tester', '--la', '331', '--password', 'fault-test-pw-1'], kill)
  log(ctx, `users add ${user}: exit ${r.code ?? r.signal} ${r.code ? r.out.slice(0, 200) : ''}`)
  if (r.code === 0 && /Added/.test(r.out)) {
    added.push(user)
    return { scenario, key: user, detail: { what: 'added' } }
  }
  return undefined
}

export const userChanges: Scenario & { refused: string[] } = {
  name: 'user changes',
  /** PGlite: what the CLI did while the server ran (it must refuse). */
  refused: [],
  async write(ctx) {
    if (ctx.store === 'postgres') {
      // Two changes a cycle are enough: each CLI command is a whole Node process to start.
      const made = (ctx.state.get(`userChanges-${ctx.cycle}`) as number | undefined) ?? 0
      if (made >= 2) return void (await sleep(1000))
      ctx.state.set(`userChanges-${ctx.cycle}`, made + 1)
      const a = await change(ctx, this.name)
      if (a && !ctx.stopped()) ctx.ack(a)
      return
    }
    if (ctx.cycle % 5 === 1 && !ctx.state.get(`refusal-${ctx.cycle}`)) {
      ctx.state.set(`refusal-${ctx.cycle}`, true)
      const user = username(ctx)
      const r = await cli(ctx, [
        'users',
        'add',
        '--username',
        user,
        '--name',
        'X',
        '--role',
        'national',
        '--title',
        'X',
      ])
      if (!ctx.stopped() && r.signal === null) {
        const refused = r.code === 2 && /is using the data directory/.test(r.out)
        this.refused.push(`${refused ? 'refused' : `NOT refused (exit ${r.code})`}: ${user}`)
        ctx.state.set('refusedUsers', [...((ctx.state.get('refusedUsers') as string[]) ?? []), user])
      }
    }
    await sleep(1000)
  },
  async offline(ctx, kill) {
    if (ctx.store !== 'pglite') return
    const a = await change(ctx, this.name, kill)
    if (a) ctx.ack(a)
  },
  async lost(store, acks: Ack[]) {
    const out: string[] = []
    for (const a of acks) {
      const [u] = await q<{ disabled: boolean }>(
        store,
        `SELECT disabled_at IS NOT NULL AS disabled FROM app_user WHERE username = $1`,
        [a.key],
      )
      if (!u) out.push(`${a.key} (cycle ${a.cycle}): no such account`)
      else if (a.detail!.what === 'disabled' && !u.disabled)
        out.push(`${a.key} (cycle ${a.cycle}): can still sign in, its disabling was acknowledged`)
    }
    return out
  },
  async partial(store) {
    // An account is added with its LA and its audit event; a disabled one has its audit event and no live session.
    const rows = await q<{ username: string; problem: string }>(
      store,
      `SELECT u.username, 'no LA scope' AS problem FROM app_user u
        WHERE u.username LIKE 'fault-user-%' AND NOT EXISTS (SELECT 1 FROM user_la_scope s WHERE s.user_id = u.id)
       UNION ALL
       SELECT u.username, 'no audit event of its adding' FROM app_user u
        WHERE u.username LIKE 'fault-user-%' AND NOT EXISTS
          (SELECT 1 FROM audit_event a WHERE a.action = 'user.add' AND a.subject_id = u.id::text)
       UNION ALL
       SELECT u.username, 'disabled without an audit event' FROM app_user u
        WHERE u.username LIKE 'fault-user-%' AND u.disabled_at IS NOT NULL AND NOT EXISTS
          (SELECT 1 FROM audit_event a WHERE a.action = 'user.disable' AND a.subject_id = u.id::text)
       UNION ALL
       SELECT u.username, 'disabled with a session left' FROM app_user u
        WHERE u.username LIKE 'fault-user-%' AND u.disabled_at IS NOT NULL
          AND EXISTS (SELECT 1 FROM app_session s WHERE s.user_id = u.id)`,
    )
    return rows.map((r) => `account ${r.username}: ${r.problem}`)
  },
}

/** Accounts the CLI was refused while the PGlite server ran: none may exist. */
export async function refusedButStored(store: Parameters<Scenario['lost']>[0], ctx: Map<string, unknown>) {
  const users = (ctx.get('refusedUsers') as string[] | undefined) ?? []
  const out: string[] = []
  for (const u of users) {
    const rows = await q(store, `SELECT 1 FROM app_user WHERE username = $1`, [u])
    if (rows.length) out.push(`${u}: added by a CLI command that ran beside the PGlite server`)
  }
  return out
}
