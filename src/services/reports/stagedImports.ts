import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { InputError } from '../commands/command.ts'
import type { Extraction } from './reportReader.ts'

export interface PendingImport {
  token: string
  laCode: string
  userId: number | null
  fileName: string
  createdAt: string
  extraction: Extraction
}

const TOKEN = /^[a-f0-9]{32}$/
const STALE_MS = 24 * 3600_000
const EXPIRED = 'This import has expired: upload the report again'

/**
 * The private folder (`<dataDir>/imports`) where a report waits for its review: `<token>.pdf` and `<token>.json` (the
 * pending import with its extraction), owner-only. Tokens are random; files older than a day are removed.
 */
export function stagedImports(dataDir: string) {
  const dir = path.join(dataDir, 'imports')
  const files = (token: string) => {
    if (!TOKEN.test(token)) throw InputError.field('report', EXPIRED)
    return { pdf: path.join(dir, `${token}.pdf`), json: path.join(dir, `${token}.json`) }
  }

  function removeStale() {
    if (!fs.existsSync(dir)) return
    for (const f of fs.readdirSync(dir)) {
      const full = path.join(dir, f)
      if (Date.now() - fs.statSync(full).mtimeMs > STALE_MS) fs.rmSync(full, { force: true })
    }
  }

  return {
    /** Keeps the PDF and its pending import under a new token (after clearing stale ones). */
    save(bytes: Buffer, pending: Omit<PendingImport, 'token'>): PendingImport {
      removeStale()
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
      const staged: PendingImport = { token: crypto.randomBytes(16).toString('hex'), ...pending }
      const f = files(staged.token)
      fs.writeFileSync(f.pdf, bytes, { mode: 0o600 })
      fs.writeFileSync(f.json, JSON.stringify(staged), { mode: 0o600 })
      return staged
    },

    load(token: string): PendingImport {
      const f = files(token)
      if (!fs.existsSync(f.json)) throw InputError.field('report', EXPIRED)
      return JSON.parse(fs.readFileSync(f.json, 'utf8')) as PendingImport
    },

    pdf(token: string): Buffer {
      const f = files(token)
      if (!fs.existsSync(f.pdf)) throw InputError.field('report', EXPIRED)
      return fs.readFileSync(f.pdf)
    },

    remove(token: string) {
      const f = files(token)
      fs.rmSync(f.pdf, { force: true })
      fs.rmSync(f.json, { force: true })
    },
  }
}
