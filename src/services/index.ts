import type { DataAccess } from '../dataAccess.ts'
import { auditService } from './auditService.ts'
import { userService } from './userService.ts'
import { laProfileService } from './laProfileService.ts'
import { planService } from './planService.ts'
import { planReadService } from './planReadService.ts'

/** Composition root, second step: application services over the data access layer. */
export function services(da: DataAccess) {
  return {
    config: da.config,
    store: da.store,
    audit: auditService(da.store),
    users: userService(da.store),
    laProfiles: laProfileService(da.store),
    plans: planService(da.store, da.config),
    planViews: planReadService(da.store),
  }
}

export type Services = ReturnType<typeof services>
