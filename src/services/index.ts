import path from 'node:path'
import type { DataAccess } from '../dataAccess.ts'
import { auditService } from './auditService.ts'
import { userService } from './userService.ts'
import { signInService } from './signInService.ts'
import { laProfileService } from './laProfileService.ts'
import { riskService } from './riskService.ts'
import { interventionService } from './interventionService.ts'
import { interventionRegisterService } from './interventionRegisterService.ts'
import { planService } from './plans/index.ts'
import { worklistService } from './worklistService.ts'
import { demoStoryService } from './demoStoryService.ts'
import { planReadService } from './planReadService.ts'
import { boardReportService } from './reports/boardReportService.ts'
import { healthService } from './healthService.ts'
import { publicDataService } from './publicDataService.ts'
import { seedDemoPlan } from './demo/seedDemoPlan.ts'
import { seedBirmingham2014 } from './demo/seedBirmingham2014.ts'
import { seedBirminghamPlan } from './demo/seedBirminghamPlan.ts'
import { apiClientService } from './api/apiClientService.ts'
import { dfeApiService } from './api/dfeApiService.ts'
import { memoryApiChildStore } from '../engine/returns/dfeApi/memoryStore.ts'
import { caseworkService } from './casework/caseworkService.ts'
import { insightViews } from './casework/insightViews.ts'
import { knownNotWorkedService } from './risk/knownNotWorked.ts'

/**
 * Composition root, second step: application services over the data access layer. The store itself is not among
 * them: services are the only door to it, so no controller, middleware or command runs SQL.
 */
export function services(
  da: DataAccess,
  options: {
    log?: (err: unknown) => void
    /** tests only: the sign-in throttle's clock */ signInClock?: () => Date
  } = {},
) {
  const planViews = planReadService(da.store)
  const risk = riskService(da.store)
  const casework = caseworkService({
    dataDir: da.config.dataDir,
    audit: auditService(da.store),
    db: da.store.db,
    onCurrent: (la, id) => insight.recordSnapshot(la, id),
  })
  const interventionRegister = interventionRegisterService(da.store)
  const users = userService(da.store)
  const laProfiles = laProfileService(da.store)
  const plans = planService(da.store, da.config)
  const insight = insightViews(casework, {
    dataDir: da.config.dataDir,
    audit: auditService(da.store),
    db: da.store.db,
    publicData: da.store,
  })
  return {
    config: da.config,
    health: healthService(da.store, options.log),
    audit: auditService(da.store, { anchorFile: path.join(da.config.dataDir, 'audit-anchors.jsonl') }),
    users,
    signIns: signInService(da.store, { now: options.signInClock }),
    publicData: publicDataService(da.store),
    laProfiles,
    risk,
    /** "Known but not worked" beside the public statistics' gap on the risk page (counts only). */
    knownNotWorked: knownNotWorkedService(casework, da.config.dataDir),
    intervention: interventionService(da.store, risk, {
      register: (la) => interventionRegister.facts(la),
      registerForAll: () => interventionRegister.factsForAll(),
      laProfiles,
      unworked: async (la) => (await insight.nationalCounts([la]))[0],
    }),
    interventionRegister,
    worklists: worklistService(da.store),
    demoStory: demoStoryService(da.store),
    plans,
    planViews,
    boardReports: boardReportService(da.store, planViews, { chromiumPath: da.config.chromiumPath }),
    /** The demo seeds (demo mode, tests): each idempotent. */
    demo: {
      seedPlan: () => seedDemoPlan({ store: da.store, users, config: da.config }),
      seedBirmingham2014: () => seedBirmingham2014(da.store),
      seedBirminghamPlan: () => seedBirminghamPlan({ store: da.store, users, config: da.config }),
    },
    apiClients: apiClientService(da.store, da.config),
    dfeApi: dfeApiService(da.apiChildStore ?? memoryApiChildStore()),
    casework,
    insight,
  }
}

export type Services = ReturnType<typeof services>
