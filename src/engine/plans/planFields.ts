import { z } from 'zod'
import { FORM_MESSAGES } from '../forms/fields.ts'
import { monthStart } from './reports.ts'

/** Field builders for plan commands beyond the GOV.UK ones in engine/forms/fields.ts. */

const raw = z.unknown().transform((v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v)))

/** A record id or version the form carries in a hidden field: a positive whole number, else the form was tampered with. */
export function recordId(message: string = FORM_MESSAGES.invalid) {
  return raw.pipe(z.string().trim().regex(/^\d+$/, message).transform(Number))
}

/** An id chosen from a list ('' is none). */
export function optionalRecordId(message: string = FORM_MESSAGES.invalid) {
  return raw.pipe(
    z
      .string()
      .trim()
      .regex(/^\d*$/, message)
      .transform((v) => (v ? Number(v) : null)),
  )
}

/** Ticked checkboxes: nothing, one id or several -> a list of ids; `missing` makes at least one required. */
export function idList(message: string = FORM_MESSAGES.invalid, missing?: string) {
  return z
    .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])
    .optional()
    .transform((v, ctx) => {
      const list = (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((x) => String(x).trim()).filter(Boolean)
      if (list.some((x) => !/^\d+$/.test(x))) {
        ctx.addIssue({ code: 'custom', message })
        return z.NEVER
      }
      if (missing && !list.length) {
        ctx.addIssue({ code: 'custom', message: missing })
        return z.NEVER
      }
      return list.map(Number)
    })
}

/** A month as '2014-07' (or a date in it) -> the first day of the month. */
export function monthField(o: { missing: string; invalid: string }) {
  return raw.transform((v, ctx) => {
    const s = v.trim()
    const month = s ? monthStart(s) : undefined
    if (!month) {
      ctx.addIssue({ code: 'custom', message: s ? o.invalid : o.missing })
      return z.NEVER
    }
    return month
  })
}
