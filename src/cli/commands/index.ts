import type { Command } from 'commander'
import { registerDb } from './db.ts'
import { registerUsers } from './users.ts'
import { registerAudit } from './audit.ts'
import { registerRegister } from './register.ts'
import { registerRisk } from './risk.ts'
import { registerIntervention } from './intervention.ts'
import { registerNotifications } from './notifications.ts'
import { registerPlans } from './plans.ts'
import { registerReports } from './reports.ts'
import { registerSimulate } from './simulate.ts'
import { registerApi } from './api.ts'
import { registerCasework } from './casework.ts'

/** Every CLI command group, registered once. Each group lives in its own file. */
export function registerCommands(program: Command) {
  registerDb(program)
  registerUsers(program)
  registerAudit(program)
  registerRegister(program)
  registerRisk(program)
  registerIntervention(program)
  registerNotifications(program)
  registerPlans(program)
  registerReports(program)
  registerSimulate(program)
  registerApi(program)
  registerCasework(program)
}
