import { ALL_API_SCOPES } from '../../engine/access/apiCredentials.ts'
import type { ZodTypeAny } from 'zod'
import { can, type Permission, type Role } from '../../engine/access/permissions.ts'
import { execute, type Command } from '../commands/command.ts'
import { PlanForbiddenError } from '../planErrors.ts'
import type { PlanActor, VersionedRecords } from './versionedRecords.ts'

/** What every plan command runs over: the versioned-record kernel and the upload limits. */
export interface PlanDeps {
  records: VersionedRecords
  limits: { uploadLimitBytes: number; reportLimitBytes: number }
}

/** A plan command acting on a record named by the page's URL (the item, the plan, the action). */
export type On<T> = PlanDeps & { on: T }

const describe = (permission: string) =>
  permission === 'plan:review'
    ? 'review'
    : permission === 'report:import'
      ? 'import reports for'
      : permission.replace('plan:', '')

/**
 * Runs a plan command outside a page (CLI, demo seed, tests): the command's permission (the one place it is declared;
 * a page's router checks the same one) against the actor's role, then its schema, then its run.
 */
export async function runPlanCommand<S extends ZodTypeAny, D, R>(
  command: Command<S, D, PlanActor, R>,
  deps: D,
  input: unknown,
  actor: PlanActor,
): Promise<R> {
  const p = command.permission
  // A token scope (an API command) is never a person's permission.
  const tokenScope = (ALL_API_SCOPES as string[]).includes(p)
  if (
    p !== 'public' &&
    actor.role &&
    (tokenScope || !can({ role: actor.role as Role, isAdmin: false }, p as Permission))
  )
    throw new PlanForbiddenError(`Your role cannot ${describe(p)} plans`)
  return execute(command, deps, input, actor)
}
