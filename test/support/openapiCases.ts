/**
 * Request bodies built from a JSON schema (the DfE's OpenAPI document), independently of the code under test: a
 * valid instance with every property filled, and for each property the ways it can be wrong, each with the place
 * the answer must name.
 */
export interface JsonSchema {
  type?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  additionalProperties?: boolean
  pattern?: string
  minLength?: number
  maxLength?: number
  maxItems?: number
  uniqueItems?: boolean
  format?: string
  enum?: unknown[]
}

export type Path = (string | number)[]

export interface InvalidCase {
  name: string
  /** Where in the child the problem is: the answer's error path is `[index]` followed by this. */
  path: Path
  mutate(child: Record<string, unknown>): void
}

/** A short string the schema accepts: letters and digits, within the length limits (distinct for each `n`). */
function validString(s: JsonSchema, n = 0): string {
  if (s.format === 'date') return '2022-06-14'
  if (s.format === 'uuid') return '0b9d6a3c-52b5-4d5e-9f3a-0d2b7c1e9a11'
  const base = `A${n.toString(36)}`
  const min = s.minLength ?? 1
  const max = s.maxLength ?? 20
  return base.padEnd(min, '0').slice(0, Math.max(max, 1))
}

/** A valid instance with every property present (purge flags false, so nothing is purged). */
export function validInstance(s: JsonSchema, n = 0): unknown {
  if (s.enum) return s.enum[0]
  switch (s.type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, p]) => [k, validInstance(p, n)]))
    case 'array':
      return s.items ? [validInstance(s.items, n)] : []
    case 'string':
      return validString(s, n)
    case 'integer':
    case 'number':
      return 1
    case 'boolean':
      return false
    default:
      return null
  }
}

const WRONG_TYPE: Record<string, unknown> = {
  string: 12345,
  integer: 'one',
  number: 'one',
  boolean: 'yes',
  object: 'x',
  array: 'x',
}

function at(root: Record<string, unknown>, path: Path): Record<string, unknown> {
  let v: unknown = root
  for (const p of path) v = (v as Record<string | number, unknown>)[p]
  return v as Record<string, unknown>
}

function propertyCases(parent: Path, key: string, s: JsonSchema, required: boolean): InvalidCase[] {
  const path = [...parent, key]
  const set = (value: () => unknown) => (c: Record<string, unknown>) => void (at(c, parent)[key] = value())
  const cases: InvalidCase[] = []
  if (s.type) cases.push({ name: `${path.join('.')}: wrong type`, path, mutate: set(() => WRONG_TYPE[s.type!]) })
  if (required) cases.push({ name: `${path.join('.')}: missing`, path, mutate: (c) => void delete at(c, parent)[key] })
  if (s.maxLength !== undefined)
    cases.push({ name: `${path.join('.')}: too long`, path, mutate: set(() => 'A'.repeat(s.maxLength! + 1)) })
  if (s.minLength !== undefined && s.minLength > 1)
    cases.push({ name: `${path.join('.')}: too short`, path, mutate: set(() => 'A'.repeat(s.minLength! - 1)) })
  if (s.pattern) cases.push({ name: `${path.join('.')}: pattern`, path, mutate: set(() => 'A B') })
  if (s.format === 'date') cases.push({ name: `${path.join('.')}: not a date`, path, mutate: set(() => '2022-02-30') })
  if (s.enum) cases.push({ name: `${path.join('.')}: not in the enum`, path, mutate: set(() => 'NOT-A-CODE') })
  if (s.type === 'array' && s.items) {
    if (s.maxItems !== undefined) {
      const items = () => Array.from({ length: s.maxItems! + 1 }, (_, i) => validInstance(s.items!, i + 1))
      cases.push({ name: `${path.join('.')}: too many items`, path, mutate: set(items) })
    }
    if (s.uniqueItems) {
      const twice = () => [validInstance(s.items!, 7), validInstance(s.items!, 7)]
      cases.push({ name: `${path.join('.')}: the same item twice`, path, mutate: set(twice) })
    }
    cases.push(...schemaCases(s.items, [...path, 0]))
  }
  if (s.type === 'object') cases.push(...schemaCases(s, path))
  return cases
}

/** Every invalid case of an object schema (and of the objects and lists inside it), at `parent` in the child. */
export function schemaCases(s: JsonSchema, parent: Path = []): InvalidCase[] {
  if (s.type !== 'object') return []
  const cases: InvalidCase[] = []
  for (const [key, p] of Object.entries(s.properties ?? {}))
    cases.push(...propertyCases(parent, key, p, (s.required ?? []).includes(key)))
  if (s.additionalProperties === false) {
    const path = [...parent, 'not_in_the_schema']
    cases.push({
      name: `${path.join('.')}: unknown field`,
      path,
      mutate: (c) => void (at(c, parent).not_in_the_schema = 1),
    })
  }
  return cases
}

/** The schema's enum keywords (the document may have none: its codes are strings limited by length). */
export function countEnums(s: unknown): number {
  if (!s || typeof s !== 'object') return 0
  return Object.entries(s as Record<string, unknown>).reduce(
    (n, [k, v]) => n + (k === 'enum' ? 1 : 0) + countEnums(v),
    0,
  )
}
