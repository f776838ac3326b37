/**
 * A throwaway PostgreSQL cluster on a free loopback port, as scripts/run-tests.mjs makes one: initdb as the postgres
 * user when running as root, fsync on (a fault test needs real durability), removed by stop(). undefined when the
 * server binaries are not installed.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export function findPgBin(name: string): string | undefined {
  const candidates = (process.env.PATH ?? '').split(':').map((d) => path.join(d, name))
  const lib = '/usr/lib/postgresql'
  if (fs.existsSync(lib))
    for (const v of fs.readdirSync(lib).sort().reverse()) candidates.push(path.join(lib, v, 'bin', name))
  return candidates.find((c) => fs.existsSync(c))
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/** Runs a PostgreSQL tool, as the postgres user when we are root (initdb and pg_ctl refuse root). */
export function runPg(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const asRoot = process.getuid?.() === 0
  const full = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]
  return execFileSync(full[0] as string, full[1] as string[], { stdio: 'pipe', env: { ...process.env, ...env } })
}

export async function throwawayCluster(options: { fsync?: boolean } = {}) {
  const initdb = findPgBin('initdb')
  const pgCtl = findPgBin('pg_ctl')
  if (!initdb || !pgCtl) return undefined
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-pg-'))
  fs.chmodSync(dir, 0o777)
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir])
  const dataDir = path.join(dir, 'data')
  runPg(initdb, [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    ...(options.fsync ? [] : ['--no-sync']),
  ])
  const port = await freePort()
  const fsync = options.fsync ? 'on' : 'off'
  runPg(pgCtl, [
    '-D',
    dataDir,
    '-l',
    path.join(dir, 'log'),
    '-w',
    '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=${fsync}`,
    'start',
  ])
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    dir,
    stop() {
      try {
        runPg(pgCtl, ['-D', dataDir, '-m', 'immediate', 'stop'])
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
