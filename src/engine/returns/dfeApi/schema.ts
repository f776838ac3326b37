import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import type AjvModule from 'ajv'
import type { ErrorObject, ValidateFunction } from 'ajv'
import type addFormatsModule from 'ajv-formats'

// ajv and ajv-formats are CommonJS with a default export, loaded on first use (about 0.1 s of CPU, not on every start
// and command): required, and the default taken from the module.
const requireCjs = createRequire(import.meta.url)

/** The DfE's OpenAPI document, as published (data/public/SOURCES.md). */
export const OPENAPI_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../data/public/dfe-csc-api-openapi.json',
)
export const OPENAPI = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8'))

/** The most children one request may carry (the CSC schema's maxItems; more is answered 413, "Too many records"). */
export const MAX_CHILDREN: number = OPENAPI.components.schemas.CSC.maxItems

/** One child as the API sends it; the schema says what else it may hold. */
export interface ApiChild {
  la_child_id: string
  mis_child_id?: string
  purge?: boolean
  child_details?: Record<string, unknown>
  health_and_wellbeing?: Record<string, unknown>
  social_care_episodes?: Record<string, unknown>[]
}

/** A place in the body (`[3, 'child_details', 'sex']`) and what is wrong there, in plain English. */
export interface SchemaProblem {
  path: (string | number)[]
  message: string
}

let compiled: { csc: ValidateFunction; receipt: ValidateFunction } | undefined
/** The schema's validators, compiled on first use (a third of a second): not by every start and command. */
function validators() {
  if (!compiled) {
    const Ajv = (requireCjs('ajv') as typeof AjvModule).default
    const addFormats = (requireCjs('ajv-formats') as typeof addFormatsModule).default
    const ajv = new Ajv({ allErrors: true, strict: false })
    addFormats(ajv)
    ajv.addSchema({ components: OPENAPI.components }, 'dfe-csc-api')
    compiled = {
      csc: ajv.getSchema('dfe-csc-api#/components/schemas/CSC')!,
      receipt: ajv.getSchema('dfe-csc-api#/components/schemas/Receipt')!,
    }
  }
  return compiled
}

/** Whether a value is a Receipt as the document defines it (a UUID). */
export const isReceipt = (value: unknown): boolean => validators().receipt(value) === true

const TYPES: Record<string, string> = {
  string: 'text in quotes',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object ({ ... })',
  array: 'a list ([ ... ])',
}
const PATTERNS: Record<string, string> = {
  '^[A-Za-z0-9]+$': 'must be letters and digits only',
  '^[A-Za-z0-9_-]*$': 'must be letters, digits, hyphens and underscores only',
}

function messageOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'required':
      return 'is missing: the DfE CSC API requires it'
    case 'type':
      return `must be ${TYPES[String(p.type)] ?? p.type}`
    case 'format':
      return p.format === 'date'
        ? 'must be a real date in the form YYYY-MM-DD, for example 2024-06-14'
        : `must be a ${p.format}`
    case 'pattern':
      return PATTERNS[String(p.pattern)] ?? `must match the pattern ${p.pattern}`
    case 'maxLength':
      return `must be ${p.limit} ${p.limit === 1 ? 'character' : 'characters'} or fewer`
    case 'minLength':
      return `must be at least ${p.limit} characters`
    case 'maxItems':
      return `must list no more than ${p.limit} items`
    case 'uniqueItems':
      return `lists the same value twice (items ${p.j} and ${p.i})`
    case 'additionalProperties':
      return 'is not a field the DfE CSC API defines'
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).join(', ')}`
    default:
      return e.message ?? 'is not valid'
  }
}

function pathOf(e: ErrorObject): (string | number)[] {
  const parts: (string | number)[] = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s))
  const p = e.params as Record<string, unknown>
  if (e.keyword === 'required') parts.push(String(p.missingProperty))
  if (e.keyword === 'additionalProperties') parts.push(String(p.additionalProperty))
  return parts
}

/**
 * Checks a request body against the document's CSC schema. Every problem is reported (a sender fixes a batch in one
 * go), each at its place in the body: the child's index first.
 * @example validateChildren([{ la_child_id: 'A B' }]) // [{ path: [0, 'la_child_id'], message: 'must be letters and digits only' }]
 */
export function validateChildren(body: unknown): SchemaProblem[] {
  const { csc } = validators()
  if (csc(body)) return []
  const seen = new Set<string>()
  const problems: SchemaProblem[] = []
  for (const e of csc.errors ?? []) {
    // A value of the wrong type also fails its other keywords: one message for one place is enough.
    const problem = { path: pathOf(e), message: messageOf(e) }
    const key = problem.path.join('/')
    if (seen.has(key)) continue
    seen.add(key)
    problems.push(problem)
  }
  return problems
}
