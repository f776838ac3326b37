import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Role } from '../engine/access/permissions.ts'
import type { Services } from './index.ts'
import { faultPoint } from './setupProgress.ts'

export interface DemoAccount {
  username: string
  displayName: string
  role: Role
  title: string
  isAdmin?: boolean
  laCodes?: string[]
}

/**
 * Demo accounts: one per kind of user, scoped to Birmingham (330) where the role is LA-scoped (the demo plan adds
 * Coventry, 331, for its cast), and an improvement lead for Norfolk (926), so a real Ofsted report (Norfolk's 2023
 * ILACS report) can be imported and taken through a new plan from start to sign-off. Invented people.
 */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: 'Alex Admin', role: 'national', title: 'Sightline administrator', isAdmin: true },
  {
    username: 'minister.office',
    displayName: 'Morgan Private-Office',
    role: 'national',
    title: "Minister's private office",
  },
  { username: 'dfe.adviser', displayName: 'Dana Adviser', role: 'national', title: 'DfE intervention adviser' },
  {
    username: 'commissioner',
    displayName: 'Casey Commissioner',
    role: 'oversight',
    title: 'Commissioner',
    laCodes: ['330'],
  },
  {
    username: 'panel.member',
    displayName: 'Pat Panel',
    role: 'oversight',
    title: 'Expert panel member',
    laCodes: ['330'],
  },
  {
    username: 'dcs',
    displayName: 'Drew Director',
    role: 'local',
    title: "Director of children's services",
    laCodes: ['330'],
  },
  {
    username: 'improvement.lead',
    displayName: 'Imogen Lead',
    role: 'local',
    title: 'Improvement lead',
    laCodes: ['330'],
  },
  { username: 'action.owner', displayName: 'Omar Owner', role: 'local', title: 'Action owner', laCodes: ['330'] },
  { username: 'analyst', displayName: 'Ana Analyst', role: 'local', title: 'Performance analyst', laCodes: ['330'] },
  {
    username: 'partnership.chair',
    displayName: 'Parker Chair',
    role: 'partner',
    title: 'Safeguarding partnership chair',
    laCodes: ['330'],
  },
  {
    username: 'norfolk.lead',
    displayName: 'Noor Lead',
    role: 'local',
    title: 'Improvement lead, Norfolk',
    laCodes: ['926'],
  },
  { username: 'readonly', displayName: 'Robin Reader', role: 'readonly', title: 'Read-only observer' },
]

const CREDENTIALS_FILE = 'demo-accounts.json'

/**
 * Creates the demo accounts with random passwords (written to the data directory, readable only by its owner) unless
 * they exist. Returns the credentials so the start-up banner can print them.
 */
export async function ensureDemoAccounts(services: Services, dataDir: string) {
  const file = path.join(dataDir, CREDENTIALS_FILE)
  let saved: Record<string, string> = {}
  if (fs.existsSync(file)) saved = JSON.parse(fs.readFileSync(file, 'utf8'))
  const existing = new Set((await services.users.list()).map((u) => u.username))
  const missing = DEMO_ACCOUNTS.filter((a) => !existing.has(a.username))
  for (const account of missing) saved[account.username] ??= `demo-${crypto.randomBytes(6).toString('base64url')}`
  // The passwords are on disk before any account has them, so a start stopped half way never leaves an account whose
  // password nobody was shown. Written to a temporary file and renamed: never half a file.
  fs.mkdirSync(dataDir, { recursive: true })
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(saved, null, 2), { mode: 0o600 })
  fs.renameSync(`${file}.tmp`, file)
  for (const [n, account] of missing.entries()) {
    await services.users.add({ ...account, password: saved[account.username] })
    if (n === 0) faultPoint('set-up:first-demo-account')
  }
  return DEMO_ACCOUNTS.map((a) => ({ ...a, password: saved[a.username] }))
}

export function demoBanner(url: string, accounts: Awaited<ReturnType<typeof ensureDemoAccounts>>) {
  const width = Math.max(...accounts.map((a) => a.username.length))
  const lines = [
    '',
    '================================ DEMO MODE ================================',
    `Sightline is running at ${url} with demo data and these demo accounts:`,
    '',
    ...accounts.map(
      (a) =>
        `  ${a.username.padEnd(width)}  ${a.password ?? '(password changed)'}  ${a.title}${a.laCodes ? ` (LA ${a.laCodes.join(', ')})` : ''}`,
    ),
    '',
    'Demo accounts exist only in demo mode. Do not put real data into a demo instance.',
    '===========================================================================',
    '',
  ]
  return lines.join('\n')
}
