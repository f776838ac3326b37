import { z, type ZodTypeAny } from 'zod'
import { ALL_API_SCOPES, type ApiScope } from '../../engine/access/apiCredentials.ts'
import type { Permission } from '../../engine/access/permissions.ts'
import { DATE_INPUT, plainErrorMap } from '../../engine/forms/fields.ts'

/** A GOV.UK-shaped field error: the field's name as the form posts it, and the message shown beside it. */
export interface FieldError {
  field: string
  message: string
  /** Where the error summary links to, when not `#<field>` (a date input's first box: `#<name>-day`). */
  href?: string
}

/**
 * Bad input found while running a command (a rule that needs the store or several records, such as "the due date
 * must be after the start date of the plan"). Nothing was saved; pages show each message beside its field.
 */
export class InputError extends Error {
  constructor(public readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '))
    this.name = 'InputError'
  }

  static field(field: string, message: string) {
    return new InputError([{ field, message }])
  }
}

/**
 * A state-changing use case. Its strict schema is the ONLY place its input is checked; `run` receives the parsed
 * input and may throw one InputError for rules the schema cannot see.
 */
export interface Command<S extends ZodTypeAny, Deps, Actor, Result> {
  name: string
  /**
   * 'public' only for signing in (and a machine client asking for a token); 'signed-in' only for signing out; every
   * other command names the permission it needs: a role's permission for a page, or a token scope for a JSON
   * endpoint's machine client.
   */
  permission: Permission | ApiScope | 'public' | 'signed-in'
  schema: S
  run(deps: Deps, input: z.output<S>, actor: Actor): Promise<Result>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any command, whatever its types
export type AnyCommand = Command<ZodTypeAny, any, any, any>

export function defineCommand<S extends ZodTypeAny, Deps, Actor, Result>(
  command: Command<S, Deps, Actor, Result>,
): Command<S, Deps, Actor, Result> {
  if (!command.name || !command.permission) throw new Error('A command needs a name and a permission')
  return command
}

/** Whether a command is run by machine clients (its permission is a token scope, not a role's permission). */
export function isScopeCommand(command: AnyCommand): boolean {
  return (ALL_API_SCOPES as string[]).includes(command.permission)
}

/** The object schema inside refinements and transforms, or undefined. */
function objectOf(schema: ZodTypeAny): z.AnyZodObject | undefined {
  let s: ZodTypeAny = schema
  for (let i = 0; i < 10; i++) {
    if (s instanceof z.ZodObject) return s
    if (s instanceof z.ZodEffects) s = s.innerType()
    else if (s instanceof z.ZodPipeline) s = s._def.in
    else return undefined
  }
  return undefined
}

/** The schema's fields in declaration order: the order they appear on the page, and so in the error summary. */
export function fieldOrder(schema: ZodTypeAny): string[] {
  return Object.keys(objectOf(schema)?.shape ?? {})
}

/** The names of the schema's GOV.UK date inputs. */
export function dateFields(schema: ZodTypeAny): string[] {
  const shape = (objectOf(schema)?.shape ?? {}) as Record<string, ZodTypeAny>
  return Object.entries(shape)
    .filter(([, s]) => s.description === DATE_INPUT)
    .map(([name]) => name)
}

/** One error per field (the first), each with its summary link, in the schema's field order (form-level errors first). */
export function orderErrors(schema: ZodTypeAny, errors: FieldError[]): FieldError[] {
  const order = fieldOrder(schema)
  const dates = new Set(dateFields(schema))
  const seen = new Set<string>()
  const out: FieldError[] = []
  for (const e of errors) {
    if (seen.has(e.field)) continue
    seen.add(e.field)
    const href = e.href ?? (dates.has(e.field) ? `#${e.field}-day` : `#${e.field.replace(/\./g, '-')}`)
    out.push({ ...e, href })
  }
  const rank = (f: string) => order.indexOf(f.split('.')[0])
  return out.sort((a, b) => rank(a.field) - rank(b.field))
}

function fromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const field = issue.path.join('.') || 'form'
    const part = issue.code === 'custom' ? (issue.params?.datePart as string | undefined) : undefined
    return { field, message: issue.message, ...(part ? { href: `#${field}-${part}` } : {}) }
  })
}

export type Parsed<S extends ZodTypeAny> = { ok: true; input: z.output<S> } | { ok: false; errors: FieldError[] }

/** Parses input against a schema with the plain-English error map; errors come back ordered as the fields are. */
export function parseInput<S extends ZodTypeAny>(schema: S, input: unknown): Parsed<S> {
  const parsed = schema.safeParse(input, { errorMap: plainErrorMap })
  if (parsed.success) return { ok: true, input: parsed.data }
  return { ok: false, errors: orderErrors(schema, fromZod(parsed.error)) }
}

/** Parses and runs a command (CLI, JSON endpoints, tests): bad input throws one InputError, nothing runs. */
export async function execute<S extends ZodTypeAny, Deps, Actor, Result>(
  command: Command<S, Deps, Actor, Result>,
  deps: Deps,
  input: unknown,
  actor: Actor,
): Promise<Result> {
  const parsed = parseInput(command.schema, input)
  if (!parsed.ok) throw new InputError(parsed.errors)
  return command.run(deps, parsed.input, actor)
}
