import fs from 'node:fs'
import {
  analysesOf,
  firstPlanOfLa,
  itemIdsInOrder,
  milestoneByTitle,
} from '../../data/repositories/planLinkRepository.ts'
import { addWorkingDays } from '../../engine/calendar/workingDays.ts'
import { recordAudit, SYSTEM_ACTOR } from '../auditService.ts'
import { faultPoint } from '../setupProgress.ts'
import type { Config } from '../../config.ts'
import type { Store } from '../../data/store.ts'
import type { UserService } from '../userService.ts'
import { planService, type PlanActor, type PlanService } from '../plans/index.ts'
import { extractionAsReport, reportImportService } from '../reports/reportImportService.ts'
import { ANALYSES, REVISED_ANALYSES } from './coventryAnalyses.ts'
import { MORE_ACTIONS, MORE_ACTIONS_ON } from './coventryMoreActions.ts'
import * as story from './coventryStory.ts'

/** Ofsted's real report (public, Open Government Licence), read by the report reader as an import would read it. */
const REPORT_PDF = new URL('../../../data/demo/coventry_2014-03-21_inspection.pdf', import.meta.url)
export const DEMO_PLAN_LA = '331'

/** What the seed works through: the store (it replays the story through the plan service), the users and the config. */
export interface DemoPlanDeps {
  store: Store
  users: UserService
  config: Config
}

type Cast = Record<story.CastMember, PlanActor & { id: number }>

/** The story's clock: every write is dated the day the story says it happened. */
class StoryClock {
  now = new Date(`${story.STORY_STARTS}T09:00:00Z`)
  on(day: string) {
    this.now = new Date(`${day}T10:00:00Z`)
  }
}

/** What each step of the replay needs: the plan commands on the story's clock, the people and the plan's items. */
interface Replay {
  plans: PlanService
  clock: StoryClock
  cast: Cast
  planId: number
  item(position: number): number
  actions: Record<number, { id: number; version: number }>
  commitments: { manual: number }
}

/**
 * Seeds a demo improvement plan from Ofsted's real 2014 SIF report on Coventry (inadequate overall): the story in
 * coventryStory.ts, replayed on its real dates through the plan commands, so that the version history, timeline and
 * "as at" reports work. People are the invented demo accounts. Idempotent: does nothing when the LA already has a
 * plan. Returns the plan id.
 */
export async function seedDemoPlan(services: DemoPlanDeps): Promise<number> {
  const existing = await firstPlanOfLa(services.store.db, DEMO_PLAN_LA)
  if (existing) return existing
  const cast = await castOf(services)
  // The whole story is written in one transaction (the plan commands' own transactions become savepoints in it), so
  // a start stopped half way leaves no half-told plan behind for the next start to mistake for a seeded one.
  return services.store.db.transaction(async (tx) => {
    const store: Store = { ...services.store, db: tx as unknown as Store['db'] }
    const clock = new StoryClock()
    const plans = planService(store, { ...services.config, now: () => clock.now })
    const planId = await importAndStart(services, plans, cast)
    const items = await itemIdsInOrder(tx, planId)
    const r: Replay = { plans, clock, cast, planId, item: (n) => items[n], actions: {}, commitments: { manual: 0 } }
    await commitments(r)
    await analyses(r)
    faultPoint('set-up:demo-plan-half-told')
    await actions(r)
    await evidence(r)
    await kpis(r)
    await oversight(r)
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: 'demo.plan.seeded',
      subjectType: 'plan',
      subjectId: planId,
      laCode: DEMO_PLAN_LA,
    })
    return planId
  })
}

/** The demo accounts in the story, each appointed to the demo plan's LA (through the user service, audited). */
async function castOf(services: DemoPlanDeps): Promise<Cast> {
  const cast = {} as Cast
  for (const username of story.CAST) {
    const u = await services.users.findByUsername(username)
    if (!u) throw new Error(`The demo plan needs the demo account ${username}: create the demo accounts first`)
    cast[username] = { id: u.id, name: u.username, role: u.role }
    await services.users.grantLaScope(u.id, DEMO_PLAN_LA, 'demo plan')
  }
  // The safeguarding partnership chair follows the LSCB recommendations of the demo plan too.
  const chair = await services.users.findByUsername('partnership.chair')
  if (chair) await services.users.grantLaScope(chair.id, DEMO_PLAN_LA, 'demo plan')
  return cast
}

async function importAndStart(services: DemoPlanDeps, plans: PlanService, cast: Cast) {
  const lead = cast['improvement.lead']
  const bytes = fs.readFileSync(REPORT_PDF)
  const extraction = await reportImportService(plans, services.config).readFor(bytes, DEMO_PLAN_LA)
  const report = extractionAsReport(extraction, DEMO_PLAN_LA)
  const file = { bytes, fileName: 'coventry_2014-03-21_inspection.pdf' }
  const { reportId } = await plans.importReport({ ...report, file }, lead)
  const plan = { laCode: DEMO_PLAN_LA, title: story.PLAN_TITLE, reportIds: [reportId] }
  return (await plans.createPlan(plan, lead)).planId
}

async function commitments(r: Replay) {
  const { plans, clock, cast, planId } = r
  clock.on(story.COMMITMENTS_ON)
  for (const { workingDaysAfterReport, ...c } of story.COMMITMENTS) {
    const dueDate = c.dueDate ?? addWorkingDays(story.REPORT_PUBLISHED, workingDaysAfterReport!)
    const row = await plans.addCommitment(planId, { ...c, dueDate }, cast.commissioner)
    if (c.measure === 'manual') r.commitments.manual = row.id
  }
}

/** Written by the improvement lead; agreed by the DCS (never by their author), the drafts once rewritten. */
async function analyses({ plans, clock, cast, item }: Replay) {
  const drafts = new Map<number, { id: number; version: number }>()
  for (const [n, day, text] of ANALYSES) {
    clock.on(day)
    const a = await plans.addAnalysis(item(n), { text, writtenOn: day }, cast['improvement.lead'])
    if (text.startsWith('Draft')) drafts.set(n, a)
    else await plans.agreeAnalysis(a.id, a.version, cast.dcs, day)
  }
  for (const [n, day, text] of REVISED_ANALYSES) {
    clock.on(day)
    const draft = drafts.get(n)!
    const revised = await plans.updateAnalysis(draft.id, draft.version, { text }, cast['improvement.lead'])
    const agreedOn = addWorkingDays(day, 1)
    clock.on(agreedOn)
    await plans.agreeAnalysis(revised.id, revised.version, cast.dcs, agreedOn)
  }
}

async function actions(r: Replay) {
  const { plans, clock, cast, item } = r
  const lead = cast['improvement.lead']
  clock.on(story.ACTIONS_ON)
  for (const [n, title, startDate, dueDate, status, milestones] of story.ACTIONS) {
    const owner = story.DCS_OWNS.includes(n) ? cast.dcs : cast['action.owner']
    const leadOfficer =
      n === story.POLICE_LEAD_ITEM ? 'Detective Superintendent, Public Protection' : 'Head of Safeguarding'
    const input = { title, ownerId: owner.id, leadOfficer, startDate, dueDate, status }
    const a = await plans.addAction(item(n), input, lead)
    r.actions[n] = { id: a.id, version: a.version }
    for (const [m, d] of milestones) await plans.addMilestone(a.id, { title: m, dueDate: d }, lead)
  }
  const { item: at, ...unowned } = story.UNOWNED_ACTION
  await plans.addAction(item(at), unowned, lead)
  clock.on(MORE_ACTIONS_ON)
  for (const [n, title, startDate, dueDate, status, leadOfficer] of MORE_ACTIONS) {
    const input = { title, ownerId: cast['action.owner'].id, leadOfficer, startDate, dueDate, status }
    await plans.addAction(item(n), input, lead)
  }
  for (const [n, title, day] of story.MILESTONES_MET) {
    clock.on(day)
    const m = (await milestoneByTitle(plans.deps.records.db, r.actions[n].id, title))!
    await plans.completeMilestone(m.id, m.version, day, cast['action.owner'])
  }
  const o = story.RAG_OVERRIDE
  clock.on(o.day)
  const action = (await plans.deps.records.find(plans.deps.records.db, 'action', r.actions[o.item].id))!
  await plans.overrideRag(action.id, action.version, o.rag, o.reason, cast.dcs)
}

async function evidence({ plans, cast, item }: Replay) {
  for (const e of story.EVIDENCE) await plans.addEvidence(item(e.item), e.input, cast[e.by])
}

function addMonthsIso(month: string, n: number) {
  const [y, m] = month.split('-').map(Number)
  const i = y * 12 + (m - 1) + n
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`
}

async function kpis({ plans, clock, cast, planId, item }: Replay) {
  const ids = {} as Record<keyof typeof story.KPIS, number>
  for (const [key, { items, ...k }] of Object.entries(story.KPIS) as Array<
    [keyof typeof story.KPIS, (typeof story.KPIS)['seen']]
  >) {
    const trajectory = k.trajectory?.values.map((value, i) => ({ month: addMonthsIso(k.trajectory!.from, i), value }))
    const input = { ...k, itemIds: items.map(item), trajectory }
    ids[key] = (await plans.addKpi(planId, input, cast.analyst)).id
  }
  for (const [key, month, value] of story.KPI_VALUES) {
    clock.on(`${addMonthsIso(month, 1).slice(0, 8)}07`)
    await plans.setKpiValue(ids[key], { month, value }, cast.analyst)
  }
}

async function oversight(r: Replay) {
  const { plans, clock, cast, planId, item } = r
  const o = story.OVERSIGHT
  const lead = cast['improvement.lead']
  clock.on(o.submitted.day)
  const sub = await plans.submit(planId, { kind: 'plan', summary: o.submitted.summary }, lead)
  clock.on(o.challenged.day)
  const challenge = await plans.comment(
    planId,
    { kind: 'challenge', itemId: item(o.challenged.item), text: o.challenged.text },
    cast.commissioner,
  )
  const comment = { kind: 'comment' as const, itemId: item(o.commented.item), text: o.commented.text }
  await plans.comment(planId, comment, cast['panel.member'])
  clock.on(o.answered.day)
  await plans.answer(challenge.id, challenge.version, o.answered.text, lead)
  clock.on(o.accepted.day)
  await plans.decide(sub.id, sub.version, 'accepted', o.accepted.reason, cast.commissioner)
  clock.on(o.planSent.day)
  const sent = (await plans.deps.records.find(plans.deps.records.db, 'commitment', r.commitments.manual))!
  await plans.meetCommitment(sent.id, sent.version, o.planSent.day, cast.commissioner)
  clock.on(o.challengedAgain.day)
  const again = { kind: 'challenge' as const, itemId: item(o.challengedAgain.item), text: o.challengedAgain.text }
  await plans.comment(planId, again, cast.commissioner)
  await rewrite(r)
}

/** The police analysis is withdrawn (archived, with why) and rewritten as a draft for someone else to agree. */
async function rewrite({ plans, clock, cast, item }: Replay) {
  const w = story.OVERSIGHT.rewritten
  clock.on(w.day)
  const records = plans.deps.records
  const old = (await analysesOf(records.db, item(w.item))).find((a) => a.status === 'agreed')!
  await plans.archive('analysis', old.id, old.version, w.reason, cast['improvement.lead'])
  await plans.addAnalysis(item(w.item), { text: w.text, writtenOn: w.day }, cast['improvement.lead'])
}
