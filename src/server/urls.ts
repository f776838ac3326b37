/** Every path in the web app, built in one place. */
const enc = encodeURIComponent

/** Where every JSON endpoint lives (app.ts answers any other path under it with a JSON 404). */
export const API_PREFIX = '/api'

export const urls = {
  home: () => '/',
  /** The national overview, with its filters and sort. */
  overview: (query: Record<string, string | undefined> = {}) => withQuery('/', query),
  signIn: (next?: string) => (next ? `/sign-in?next=${enc(next)}` : '/sign-in'),
  signOut: () => '/sign-out',
  health: () => '/health',
  audit: (query: Record<string, string | undefined> = {}) => withQuery('/audit', query),
  la: (code: string) => `/la/${enc(code)}`,
  laStatisticsCsv: (code: string, measure?: string) =>
    `/la/${enc(code)}/statistics.csv${measure ? `?measure=${enc(measure)}` : ''}`,
  overviewCsv: (query: Record<string, string | undefined> = {}) => withQuery('/overview.csv', query),
  /** Every improvement plan the user may see, across LAs. */
  allPlans: () => '/plans',
  // Improvement plans (src/server/routes/la/plans, routes/la/reports, routes/plans, routes/my-actions)
  plans: (la: string) => `/la/${enc(la)}/plans`,
  plan: (la: string, plan: number | string, query?: Record<string, string>) =>
    `/la/${enc(la)}/plans/${enc(String(plan))}${query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`,
  planItem: (la: string, plan: number | string, item: number | string) =>
    `/la/${enc(la)}/plans/${enc(String(plan))}/items/${enc(String(item))}`,
  planItemAction: (la: string, plan: number | string, item: number | string, what: string) =>
    `/la/${enc(la)}/plans/${enc(String(plan))}/items/${enc(String(item))}/${what}`,
  planActionEdit: (la: string, plan: number | string, action: number | string) =>
    `/la/${enc(la)}/plans/${enc(String(plan))}/actions/${enc(String(action))}`,
  planEvidenceFile: (la: string, plan: number | string, evidence: number | string) =>
    `/la/${enc(la)}/plans/${enc(String(plan))}/evidence/${enc(String(evidence))}`,
  planReview: (la: string, plan: number | string) => `/la/${enc(la)}/plans/${enc(String(plan))}/review`,
  planReviewAction: (la: string, plan: number | string, what: string) =>
    `/la/${enc(la)}/plans/${enc(String(plan))}/review/${what}`,
  planTimeline: (la: string, plan: number | string) => `/la/${enc(la)}/plans/${enc(String(plan))}/timeline`,
  planBoard: (la: string, plan: number | string, asAt?: string, format?: 'pdf' | 'xlsx') =>
    `/la/${enc(la)}/plans/${enc(String(plan))}/board${format ? `.${format}` : ''}${asAt ? `?asAt=${enc(asAt)}` : ''}`,
  planNew: (la: string) => `/la/${enc(la)}/plans/new`,
  planKpis: (la: string, plan: number | string) => `/la/${enc(la)}/plans/${enc(String(plan))}/kpis`,
  /** A form's target on the plan: 'kpis/values', 'kpis/new', 'commitments', 'commitments/met'. */
  planPart: (la: string, plan: number | string, what: string) => `/la/${enc(la)}/plans/${enc(String(plan))}/${what}`,
  /** A form's target on an action: 'milestones', 'milestones/met', 'archive'. */
  planActionPart: (la: string, plan: number | string, action: number | string, what: string) =>
    `/la/${enc(la)}/plans/${enc(String(plan))}/actions/${enc(String(action))}/${what}`,
  planRecordHistory: (la: string, plan: number | string, type: string, id: number | string) =>
    `/la/${enc(la)}/plans/${enc(String(plan))}/history/${enc(type)}/${enc(String(id))}`,
  reportImport: (la: string) => `/la/${enc(la)}/reports/import`,
  reportReview: (la: string, token: string) => `/la/${enc(la)}/reports/import/${enc(token)}`,
  /** The staged report itself, opened at a page ('#page=N') beside the review form. */
  reportStagedPdf: (la: string, token: string, page?: number | string) =>
    `/la/${enc(la)}/reports/import/${enc(token)}/report.pdf${page ? `#page=${enc(String(page))}` : ''}`,
  reportReviewAdd: (la: string, token: string) => `/la/${enc(la)}/reports/import/${enc(token)}/add`,
  /** Add an imported report to an existing plan; `report` and `plan` preselect the choices. */
  reportAddToPlan: (la: string, choose: { report?: number | string; plan?: number | string } = {}) => {
    const q = new URLSearchParams()
    if (choose.report !== undefined && choose.report !== '') q.set('report', String(choose.report))
    if (choose.plan !== undefined && choose.plan !== '') q.set('plan', String(choose.plan))
    return `/la/${enc(la)}/reports/add-to-plan${q.size ? `?${q}` : ''}`
  },
  myActions: () => '/my-actions',
  // Where each role's work is (src/server/routes/to-review, src/server/routes/partnership)
  toReview: () => '/to-review',
  partnership: () => '/partnership',
  // JSON endpoints for machine clients (src/server/routes/api)
  apiToken: () => '/api/oauth2/token',
  cscChildren: (la: string) => `/api/children_social_care_data/${enc(la)}/children`,
  // The LA's casework store (src/server/routes/la/casework)
  caseworkSnapshots: (la: string) => `/la/${enc(la)}/casework`,
  caseworkUpload: (la: string) => `/la/${enc(la)}/casework/upload`,
  caseworkUploadStatus: (la: string, upload: string) => `/la/${enc(la)}/casework/uploads/${enc(upload)}`,
  caseworkQuality: (la: string, snapshot: number | string, query: Record<string, string | undefined> = {}) =>
    withQuery(`/la/${enc(la)}/casework/snapshots/${enc(String(snapshot))}/quality`, query),
  caseworkQualityExport: (
    la: string,
    snapshot: number | string,
    format: 'csv' | 'xlsx',
    query: Record<string, string | undefined> = {},
  ) => withQuery(`/la/${enc(la)}/casework/snapshots/${enc(String(snapshot))}/quality.${format}`, query),
  // Casework insight (src/server/routes/la/indicators, la/unworked, unworked)
  laIndicators: (la: string) => `/la/${enc(la)}/indicators`,
  laIndicatorsCsv: (la: string) => `/la/${enc(la)}/indicators.csv`,
  laUnworked: (la: string, query: Record<string, string | undefined> = {}) =>
    withQuery(`/la/${enc(la)}/unworked`, query),
  laUnworkedExport: (la: string, format: 'csv' | 'xlsx', query: Record<string, string | undefined> = {}) =>
    withQuery(`/la/${enc(la)}/unworked.${format}`, query),
  // The child ID goes in the query, never the path: page views are audited with their path parameters.
  laChild: (la: string, child: string, query: Record<string, string | undefined> = {}) =>
    withQuery(`/la/${enc(la)}/unworked/child`, { child, ...query }),
  unworkedCounts: () => '/unworked-demand',
  // Unidentified risk (src/server/routes/risk)
  riskRanking: (query: Record<string, string> = {}) => withQuery('/risk', query),
  riskRankingCsv: (query: Record<string, string> = {}) => withQuery('/risk.csv', query),
  laRisk: (la: string, query: Record<string, string> = {}) => withQuery(`/la/${enc(la)}/risk`, query),
  laRiskCsv: (la: string, query: Record<string, string> = {}) => withQuery(`/la/${enc(la)}/risk.csv`, query),
  laRiskPdf: (la: string, query: Record<string, string> = {}) => withQuery(`/la/${enc(la)}/risk.pdf`, query),
  // Intervention oversight (src/server/routes/interventions, src/server/routes/la/intervention, calendar, notifications)
  interventions: () => '/interventions',
  /** An LA's intervention page; `section` jumps to a part of it (register, commitments, decisions). */
  laIntervention: (la: string, query: Record<string, string> = {}, section?: string) =>
    withQuery(`/la/${enc(la)}/intervention`, query) + (section ? `#${section}` : ''),
  laInterventionPart: (la: string, part: 'commitments' | 'events' | 'decisions') =>
    `/la/${enc(la)}/intervention/${part}`,
  laInterventionCommitmentDone: (la: string, id: number | string) =>
    `/la/${enc(la)}/intervention/commitments/${enc(String(id))}/done`,
  laInterventionLetterPdf: (la: string, id: number | string) =>
    `/la/${enc(la)}/intervention/letters/${enc(String(id))}.pdf`,
  calendar: () => '/calendar',
  calendarIcs: () => '/calendar.ics',
  notifications: () => '/notifications',
}

/** A path with its query string; empty values are left out. */
function withQuery(path: string, query: Record<string, string | undefined>) {
  const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]))
  return q.size ? `${path}?${q}` : path
}
