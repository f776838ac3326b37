/**
 * A throwaway PostgreSQL cluster for a benchmark (as scripts/run-tests.mjs makes for the tests): started on a free
 * port when the server binaries exist, removed by stop(). Never touches a shared server.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

function findPgBin(name: string) {
  const candidates = (process.env.PATH ?? '').split(':').map((d) => path.join(d, name))
  const lib = '/usr/lib/postgresql'
  if (fs.existsSync(lib))
    for (const v of fs.readdirSync(lib).sort().reverse()) candidates.push(path.join(lib, v, 'bin', name))
  return candidates.find((c) => fs.existsSync(c))
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })

export async function startPostgres(): Promise<{ url: string; stop: () => void } | undefined> {
  const initdb = findPgBin('initdb')
  const pgCtl = findPgBin('pg_ctl')
  if (!initdb || !pgCtl) return undefined
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-bench-pg-'))
  const dataDir = path.join(dir, 'data')
  const asRoot = process.getuid?.() === 0
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' })
      : execFileSync(cmd, args, { stdio: 'pipe' })
  if (asRoot) execFileSync('chown', ['postgres', dir])
  run(initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'])
  const port = await freePort()
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`
  run(pgCtl, ['-D', dataDir, '-l', path.join(dir, 'log'), '-w', '-o', options, 'start'])
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run(pgCtl, ['-D', dataDir, '-m', 'immediate', 'stop'])
      } catch {}
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
