import type { Permission, Principal } from '../../engine/access/permissions.ts'
import { can } from '../../engine/access/permissions.ts'
import { urls } from '../urls.ts'

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
  { text: 'Unidentified risk', href: urls.riskRanking(), permission: 'risk:view' },
  { text: 'Improvement plans', href: urls.allPlans(), permission: 'plan:view' },
  { text: 'My actions', href: urls.myActions(), permission: 'plan:edit' },
  { text: 'Interventions', href: urls.interventions(), permission: 'intervention:view' },
  { text: 'Deadlines', href: urls.calendar(), permission: 'intervention:view' },
]
export const LA_LINKS: LaLink[] = [
  { text: 'Intervention oversight', href: (la) => urls.laIntervention(la), permission: 'intervention:view' },
  { text: 'Unidentified risk analysis', href: (la) => urls.laRisk(la), permission: 'risk:view' },
  { text: 'Improvement plans and Ofsted reports', href: (la) => urls.plans(la), permission: 'plan:view' },
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
