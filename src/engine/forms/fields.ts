import { z, type ZodErrorMap } from 'zod'

/**
 * Field builders for command schemas: each returns a zod schema whose every message is plain English in GOV.UK's
 * words, so a form or a JSON client never sees raw validator text. Labels are noun phrases used inside sentences
 * ('the due date', 'the title'); a message starting with one gets a capital letter.
 *
 * @example
 *   const schema = z.object({
 *     title: requiredText({ label: 'the title', missing: 'Enter a title', max: 200 }),
 *     due: dateInput({ label: 'the due date' }),
 *   }).strict()
 */

/** Marks a date input schema, so errors the command raises for it link to `#<name>-day`. */
export const DATE_INPUT = 'govuk-date-input'
export const DATE_PARTS = ['day', 'month', 'year'] as const
export type DatePart = (typeof DATE_PARTS)[number]

export const FORM_MESSAGES = {
  unexpectedField: 'The form sent something this page does not expect. Reload the page and try again.',
  invalid: 'Check what you entered: it is not in the form this page expects',
  realDate: 'Enter a real date, for example 22 7 2014',
  selectOne: 'Select one of the options',
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const and = (parts: string[]) => (parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0])
const raw = z.unknown().transform((v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v)))

interface TextOptions {
  /** Used in the too-long message: 'the title' -> 'The title must be 200 characters or less'. */
  label: string
  max: number
}

/** A required text field, trimmed. */
export function requiredText(o: TextOptions & { missing: string }) {
  return raw.pipe(
    z
      .string()
      .trim()
      .min(1, o.missing)
      .max(o.max, `${capital(o.label)} must be ${o.max.toLocaleString('en-GB')} characters or less`),
  )
}

/** An optional text field, trimmed; empty becomes null. */
export function optionalText(o: TextOptions) {
  return raw
    .pipe(
      z
        .string()
        .trim()
        .max(o.max, `${capital(o.label)} must be ${o.max.toLocaleString('en-GB')} characters or less`),
    )
    .transform((v) => v || null)
}

/** One of a fixed list of values (radios, selects). */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, missing: string) {
  return raw.pipe(z.enum(values, { errorMap: () => ({ message: missing }) }))
}

interface NumberOptions {
  label: string
  missing: string
  min?: number
  max?: number
  /** Whole numbers only (default true). */
  whole?: boolean
}

function rangeMessage(label: string, min?: number, max?: number) {
  if (min !== undefined && max !== undefined) return `${capital(label)} must be between ${min} and ${max}`
  if (min !== undefined) return `${capital(label)} must be ${min} or more`
  return `${capital(label)} must be ${max} or less`
}

/** A number field: 'Enter …' when empty, 'must be a number' / 'a whole number', then the range. */
export function numberField(o: NumberOptions & { required?: boolean }) {
  const whole = o.whole ?? true
  return raw.transform((text, ctx): number | null => {
    const s = text.trim().replace(/,/g, '')
    if (!s) {
      if (o.required === false) return null
      ctx.addIssue({ code: 'custom', message: o.missing })
      return z.NEVER
    }
    const n = Number(s)
    if (!/^-?\d+(\.\d+)?$/.test(s) || !Number.isFinite(n) || (whole && !Number.isInteger(n))) {
      ctx.addIssue({ code: 'custom', message: `${capital(o.label)} must be ${whole ? 'a whole number' : 'a number'}` })
      return z.NEVER
    }
    if ((o.min !== undefined && n < o.min) || (o.max !== undefined && n > o.max)) {
      ctx.addIssue({ code: 'custom', message: rangeMessage(o.label, o.min, o.max) })
      return z.NEVER
    }
    return n
  })
}

export interface DateOptions {
  /** 'the due date': 'Enter the due date', 'The due date must include a month'. */
  label: string
  /** Message when nothing is entered (default 'Enter <label>'). */
  missing?: string
  notInFuture?: boolean
  notInPast?: boolean
  /** ISO dates the date must not be before / after. */
  min?: string
  max?: string
  /** Today as an ISO date (tests pass a fixed one). */
  today?: () => string
}

/** The three boxes of a GOV.UK date input, or an ISO date from a JSON client. */
function partsOf(value: unknown): Record<DatePart, string> {
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value.trim())
    if (m) return { day: m[3], month: m[2], year: m[1] }
    return { day: value.trim() ? 'x' : '', month: value.trim() ? 'x' : '', year: value.trim() ? 'x' : '' }
  }
  const o = (value ?? {}) as Record<string, unknown>
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim())
  return { day: text(o.day), month: text(o.month), year: text(o.year) }
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** '7', '07', 'July', 'jul' -> 7; GOV.UK asks services to accept month names. */
function monthNumber(s: string): number {
  const named = MONTH_NAMES.indexOf(s.slice(0, 3).toLowerCase())
  if (named >= 0 && /^[a-z]+$/i.test(s)) return named + 1
  return /^\d{1,2}$/.test(s) ? Number(s) : NaN
}

/** The ISO date for day, month and year, or undefined when the date does not exist (30 February). */
export function realDate(parts: Record<DatePart, string>): string | undefined {
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{4}$/.test(parts.year)) return undefined
  const day = Number(parts.day)
  const month = monthNumber(parts.month)
  const year = Number(parts.year)
  if (!(month >= 1 && month <= 12) || day < 1 || year < 1000) return undefined
  const d = new Date(Date.UTC(year, month - 1, day))
  if (d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return undefined
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

const formatIso = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number)
  return `${d} ${new Date(Date.UTC(y, m - 1, d)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${y}`
}

/** Checks one date input; adds the GOV.UK-worded issue (with the part to link to) and returns the ISO date. */
function checkDate(value: unknown, o: DateOptions, ctx: z.RefinementCtx, required: boolean): string | null {
  const parts = partsOf(value)
  const issue = (message: string, datePart: DatePart = 'day') => {
    ctx.addIssue({ code: 'custom', message, params: { datePart } })
    return z.NEVER
  }
  const missing = DATE_PARTS.filter((p) => !parts[p])
  if (missing.length === 3) return required ? issue(o.missing ?? `Enter ${o.label}`) : null
  if (missing.length) return issue(`${capital(o.label)} must include a ${and([...missing])}`, missing[0])
  const iso = realDate(parts)
  if (!iso) return issue(FORM_MESSAGES.realDate)
  const today = (o.today ?? (() => new Date().toISOString().slice(0, 10)))()
  if (o.notInFuture && iso > today) return issue(`${capital(o.label)} must be today or in the past`)
  if (o.notInPast && iso < today) return issue(`${capital(o.label)} must be today or in the future`)
  if (o.min && iso < o.min) return issue(`${capital(o.label)} must be the same as or after ${formatIso(o.min)}`)
  if (o.max && iso > o.max) return issue(`${capital(o.label)} must be the same as or before ${formatIso(o.max)}`)
  return iso
}

/** A required GOV.UK date input (`<name>-day`, `<name>-month`, `<name>-year`) -> one ISO date. */
export function dateInput(o: DateOptions) {
  return z
    .unknown()
    .transform((v, ctx) => checkDate(v, o, ctx, true) as string)
    .describe(DATE_INPUT)
}

/** An optional GOV.UK date input: all three boxes empty -> null. */
export function optionalDateInput(o: DateOptions) {
  return z
    .unknown()
    .transform((v, ctx) => checkDate(v, o, ctx, false))
    .describe(DATE_INPUT)
}

/**
 * The fallback for anything a schema did not word itself (a builder not used, a strict object's stray field): plain
 * English, never zod's own text. Parse every form and request body with it.
 */
export const plainErrorMap: ZodErrorMap = (issue, ctx) => {
  // A message the schema chose itself (an errorMap or required_error on the field) wins.
  if (ctx.defaultError !== z.defaultErrorMap(issue, { data: ctx.data, defaultError: '' }).message)
    return { message: ctx.defaultError }
  if (issue.code === 'unrecognized_keys') return { message: FORM_MESSAGES.unexpectedField }
  if (issue.code === 'invalid_enum_value' || issue.code === 'invalid_literal')
    return { message: FORM_MESSAGES.selectOne }
  if (issue.code === 'invalid_date') return { message: FORM_MESSAGES.realDate }
  if (issue.code === 'too_big' && issue.type === 'string')
    return { message: `This must be ${Number(issue.maximum).toLocaleString('en-GB')} characters or less` }
  if (issue.code === 'too_small' && issue.type === 'string' && Number(issue.minimum) <= 1)
    return { message: 'Enter a value' }
  return { message: FORM_MESSAGES.invalid }
}
