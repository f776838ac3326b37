/**
 * Roles and permissions. Deny by default: a role has only the permissions listed here, and every route declares one.
 * LA-scoped roles (oversight, local, partner) additionally see only the LAs they are appointed to.
 */
export const ROLES = ['national', 'oversight', 'local', 'partner', 'readonly'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  national: "National (minister's office, DfE intervention adviser)",
  oversight: 'Oversight (commissioner, expert panel member)',
  local: 'Local authority (director, improvement lead, action owner, analyst)',
  partner: 'Safeguarding partnership chair',
  readonly: 'Read only',
}

export const PERMISSIONS = [
  'register:view', // national register, LA pages (subject to LA scope)
  'plan:view',
  'plan:edit', // write underlying issues, actions, evidence, KPIs
  'plan:submit', // submit the plan or an update
  'plan:agree', // agree an analysis of underlying issues written by someone else
  'plan:review', // comment, challenge, accept or return submissions
  'report:import', // import an Ofsted report
  'risk:view',
  'intervention:view',
  'intervention:edit',
  'casework:view', // the LA's own casework store: snapshots and data-quality report (child IDs: the LA's users only)
  'casework:upload', // upload returns into the LA's own casework store
  'audit:view', // administrators only (see isAdmin)
  'users:manage', // administrators only
] as const
export type Permission = (typeof PERMISSIONS)[number]

const GRANTS: Record<Role, readonly Permission[]> = {
  national: [
    'register:view',
    'plan:view',
    'plan:review',
    'plan:agree',
    'report:import',
    'risk:view',
    'intervention:view',
    'intervention:edit',
  ],
  oversight: [
    'register:view',
    'plan:view',
    'plan:review',
    'plan:agree',
    'report:import',
    'risk:view',
    'intervention:view',
  ],
  local: [
    'register:view',
    'plan:view',
    'plan:edit',
    'plan:submit',
    'plan:agree',
    'report:import',
    'risk:view',
    'intervention:view',
    'casework:view',
    'casework:upload',
  ],
  partner: ['register:view', 'plan:view', 'risk:view', 'intervention:view'],
  readonly: ['register:view', 'plan:view', 'risk:view', 'intervention:view'],
}

const ADMIN_ONLY: readonly Permission[] = ['audit:view', 'users:manage']

export interface Principal {
  id: number
  username: string
  displayName: string
  role: Role
  title: string
  isAdmin: boolean
  /** LA codes this user may see; null means every LA (national and read-only roles). */
  laScope: string[] | null
}

export function isLaScoped(role: Role): boolean {
  return role === 'oversight' || role === 'local' || role === 'partner'
}

/** @example can({ role: 'local', isAdmin: false, ... }, 'plan:edit') // true */
export function can(user: Pick<Principal, 'role' | 'isAdmin'>, permission: Permission): boolean {
  if (ADMIN_ONLY.includes(permission)) return user.isAdmin
  return GRANTS[user.role].includes(permission)
}

/** Whether the user may see this LA at all. */
export function canSeeLa(user: Pick<Principal, 'laScope'>, laCode: string): boolean {
  return user.laScope === null || user.laScope.includes(laCode)
}
