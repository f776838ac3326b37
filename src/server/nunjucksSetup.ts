import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Express } from 'express'
import nunjucks from 'nunjucks'
import { formatDate, readableDates } from '../engine/dates.ts'
import { useCompiledTemplateCache } from '../services/compiledTemplates.ts'
import { urls } from './urls.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..', '..')

const GRADE_TAGS: Record<string, string> = {
  Outstanding: 'govuk-tag--blue',
  Good: 'govuk-tag--green',
  'Requires improvement': 'govuk-tag--yellow',
  Inadequate: 'govuk-tag--red',
}

const RAG_TAGS: Record<string, string> = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
  blue: 'govuk-tag--blue',
  grey: 'govuk-tag--grey',
}

// Intl.NumberFormat is costly to build: one per number of decimal places, reused (tables call this thousands of times).
const numberFormats = new Map<number, Intl.NumberFormat>()

export function formatNumber(value: unknown, digits = 0): string {
  if (value === null || value === undefined || value === '') return ''
  const n = Number(value)
  if (!Number.isFinite(n)) return String(value)
  let f = numberFormats.get(digits)
  if (!f)
    numberFormats.set(
      digits,
      (f = new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })),
    )
  return f.format(n)
}

/** All Nunjucks filters and globals are registered here, once. */
export function nunjucksSetup(app: Express, options: { cache: boolean }) {
  const env = nunjucks.configure(
    [
      path.join(here, 'views'),
      path.join(root, 'node_modules', 'govuk-frontend', 'dist'),
      path.join(root, 'node_modules', '@ministryofjustice', 'frontend'),
    ],
    { autoescape: true, express: app, noCache: !options.cache },
  )
  useCompiledTemplateCache(env)
  app.set('view engine', 'njk')
  // Express caches a view's resolved file only in production unless told: follow the template cache instead.
  app.set('view cache', options.cache)
  env.addGlobal('urls', urls)
  env.addGlobal('serviceName', 'Sightline')
  env.addFilter('date', formatDate)
  env.addFilter('readableDates', readableDates)
  env.addFilter('number', formatNumber)
  env.addFilter('gradeTag', (grade: string) => GRADE_TAGS[grade] ?? 'govuk-tag--grey')
  env.addFilter('ragTag', (rag: string) => RAG_TAGS[String(rag).toLowerCase()] ?? 'govuk-tag--grey')
  /** An Ofsted grade as a GOV.UK tag (a filter, not a macro: it is used in 153-row tables). */
  env.addFilter(
    'gradeHtml',
    (grade: string | null | undefined) =>
      new nunjucks.runtime.SafeString(
        grade
          ? `<strong class="govuk-tag ${GRADE_TAGS[grade] ?? 'govuk-tag--grey'}">${String(grade).replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`)}</strong>`
          : '<span class="govuk-body-s">Not graded</span>',
      ),
  )
  env.addFilter('json', (v: unknown) => JSON.stringify(v))
  // Nunjucks' own trim (`replace(/^\s*|\s*$/g, '')`) is quadratic in runs of whitespace: GOV.UK components trim whole
  // blocks of indented HTML with it (a fifth of the plan overview's time). String.prototype.trim strips the same
  // characters (\s is exactly its white space and line terminators) in one pass; the result keeps the input's safeness.
  env.addFilter('trim', (str: unknown) =>
    (nunjucks.runtime as unknown as { copySafeness: (d: unknown, t: string) => unknown }).copySafeness(
      str,
      str === null || str === undefined ? '' : String(str).trim(),
    ),
  )
  /** The MoJ timeline's date filter ('date' | 'datetime' | 'shortdate' | 'time'), without moment.js. */
  env.addFilter('mojDate', (v: unknown, type = 'datetime') => {
    const d = new Date(String(v))
    if (Number.isNaN(d.getTime())) return ''
    const time = d
      .toLocaleTimeString('en-GB', { hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZone: 'Europe/London' })
      .replace(' ', '')
      .toLowerCase()
    if (type === 'time') return time
    const date = formatDate(d.toLocaleDateString('en-CA', { timeZone: 'Europe/London' }))
    return type === 'datetime' ? `${date} at ${time}` : date
  })
  /** Turns { field: message } (in field order) into the items the GOV.UK error summary wants, with each link. */
  env.addFilter('errorList', (errors: Record<string, string> | undefined, hrefs?: Record<string, string>) =>
    Object.entries(errors ?? {}).map(([field, text]) => ({
      text,
      href: hrefs?.[field] ?? `#${field.replace(/\./g, '-')}`,
    })),
  )
  env.addFilter('fieldError', (errors: Record<string, string> | undefined, field: string) =>
    errors?.[field] ? { text: errors[field] } : undefined,
  )
  return env
}
