import type { Store } from '../../src/data/store.ts'
import type { PlanActor } from '../../src/services/plans/index.ts'
import { userService } from '../../src/services/userService.ts'

/** Adds a user for service tests and returns them as the plan services' actor (with their LA scope). */
export async function addPlanActor(
  store: Store,
  username: string,
  role: 'local' | 'oversight' | 'national',
  laCodes: string[] = [],
): Promise<PlanActor> {
  const p = await userService(store).add({
    username,
    displayName: username.replace('.', ' '),
    role,
    title: username,
    password: 'correct-horse-battery-1',
    laCodes,
  })
  return { id: p.id, name: p.username, role: p.role, laScope: p.laScope }
}
