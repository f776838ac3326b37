import type { Permission, Principal } from '../../engine/access/permissions.ts'
import { can } from '../../engine/access/permissions.ts'

/**
 * Links each feature adds to the service navigation and to an LA's page. Add an entry here when a feature has a
 * page to link to; entries show only to users with the permission (and, for LA links, who can see that LA).
 */
export interface NavItem {
  text: string
  href: string
  permission: Permission
}
export interface LaLink {
  text: string
  href: (laCode: string) => string
  permission: Permission
}

export const SERVICE_NAV: NavItem[] = [
  { text: 'Unidentified risk', href: '/risk', permission: 'risk:view' },
  { text: 'Improvement plans', href: '/plans', permission: 'plan:view' },
  { text: 'My actions', href: '/my-actions', permission: 'plan:edit' },
  { text: 'Interventions', href: '/interventions', permission: 'intervention:view' },
  { text: 'Deadlines', href: '/calendar', permission: 'intervention:view' },
]
export const LA_LINKS: LaLink[] = [
  { text: 'Intervention oversight', href: (la) => `/la/${la}/intervention`, permission: 'intervention:view' },
  { text: 'Unidentified risk analysis', href: (la) => `/la/${la}/risk`, permission: 'risk:view' },
  { text: 'Improvement plans and Ofsted reports', href: (la) => `/la/${la}/plans`, permission: 'plan:view' },
]

export function navFor(user: Principal, currentPath: string) {
  return SERVICE_NAV.filter((i) => can(user, i.permission)).map((i) => ({
    href: i.href,
    text: i.text,
    active: currentPath === i.href || currentPath.startsWith(i.href + '/'),
  }))
}

export function laLinksFor(user: Principal, laCode: string) {
  return LA_LINKS.filter((l) => can(user, l.permission)).map((l) => ({ text: l.text, href: l.href(laCode) }))
}
