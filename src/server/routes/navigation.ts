import type { Permission, Principal, Role } from '../../engine/access/permissions.ts'
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
  /** Only for these roles (default: every role with the permission). */
  roles?: Role[]
}
export interface LaLink {
  text: string
  href: (laCode: string) => string
  permission: Permission
}

export const SERVICE_NAV: NavItem[] = [
  { text: 'To review', href: urls.toReview(), permission: 'plan:review' },
  { text: 'Partnership', href: urls.partnership(), permission: 'plan:view', roles: ['partner'] },
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
  { text: 'Casework returns and data quality', href: (la) => urls.caseworkSnapshots(la), permission: 'casework:view' },
]

export function navFor(user: Principal, currentPath: string) {
  const home = homeFor(user).href
  const shown = SERVICE_NAV.filter(
    (i) => can(user, i.permission) && (!i.roles || i.roles.includes(user.role)) && i.href !== home,
  )
  return shown.map((i) => ({
    href: i.href,
    text: i.text,
    active: currentPath === i.href || currentPath.startsWith(i.href + '/'),
  }))
}

export function laLinksFor(user: Principal, laCode: string) {
  return LA_LINKS.filter((l) => can(user, l.permission)).map((l) => ({ text: l.text, href: l.href(laCode) }))
}

/**
 * Where each role lands after signing in (and at "/"): where its work is. A reviewer appointed to LAs on the "to
 * review" list; the safeguarding partnership chair on the partnership's recommendations; an LA user on their LA (or,
 * with several, the overview of just those). National and read-only users on the national overview.
 */
export function landingFor(user: Principal): string {
  if (user.role === 'oversight') return urls.toReview()
  if (user.role === 'partner') return urls.partnership()
  if (user.role === 'local' && user.laScope?.length === 1) return urls.la(user.laScope[0])
  return urls.home()
}

/** The first item of the service navigation: the national overview, or for an LA-scoped user their own start. */
export function homeFor(user: Principal) {
  return user.laScope === null
    ? { href: urls.home(), text: 'National overview' }
    : { href: landingFor(user), text: user.role === 'local' ? 'Your local authorities' : 'Home' }
}
