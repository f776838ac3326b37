import type { DataAccess } from '../dataAccess.ts'
import { auditService } from './auditService.ts'
import { userService } from './userService.ts'
import { laProfileService } from './laProfileService.ts'
import { riskService } from './riskService.ts'
import { interventionService } from './interventionService.ts'
import { interventionRegisterService } from './interventionRegisterService.ts'
import { planService } from './plans/index.ts'
import { worklistService } from './worklistService.ts'
import { demoStoryService } from './demoStoryService.ts'
import { planReadService } from './planReadService.ts'
import { boardReportService } from './reports/boardReportService.ts'

/** Composition root, second step: application services over the data access layer. */
export function services(da: DataAccess) {
  const planViews = planReadService(da.store)
  const risk = riskService(da.store)
  const interventionRegister = interventionRegisterService(da.store)
  return {
    config: da.config,
    store: da.store,
    audit: auditService(da.store),
    users: userService(da.store),
    laProfiles: laProfileService(da.store),
    risk,
    intervention: interventionService(da.store, risk, {
      register: (la) => interventionRegister.facts(la),
    }),
    interventionRegister,
    worklists: worklistService(da.store),
    demoStory: demoStoryService(da.store),
    plans: planService(da.store, da.config),
    planViews,
    boardReports: boardReportService(da.store, planViews, { chromiumPath: da.config.chromiumPath }),
  }
}

export type Services = ReturnType<typeof services>
