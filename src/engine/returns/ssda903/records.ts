import type { CaseworkRecord } from '../../casework/model.ts'
import type { FieldChecks } from '../checks.ts'
import { cleanId, cleanText, monthOf, parseSex } from '../values.ts'
import type { Ssda903Table } from './tables.ts'

/** One SSDA903 row by column name (CSV header or XML element), with where it came from. */
export interface Row903 {
  get(column: string): string | undefined
  sheet: string
  row: number
}

interface Cx {
  childId: string
  date: (column: string) => string | null
  text: (column: string) => string | null
  emit: (r: CaseworkRecord) => void
  checks: FieldChecks
  where: (column: string) => { sheet: string; row: number; column: string }
  r: Row903
  asAt: string
}

const flag = (v: string | null) => (v === null ? null : v === '1' || v.toUpperCase() === 'TRUE')

/** What each table gives; `key` is the date the row cannot be used without. */
const TABLES: Record<Ssda903Table, { key?: string; rows(cx: Cx): void }> = {
  header: {
    rows(cx) {
      const birth = cx.date('DOB')
      const sexValue = cx.r.get('SEX')
      const sex = parseSex(sexValue)
      if (sex === undefined) cx.checks.issue('warning', cx.where('SEX'), sexValue, 'is not a recognised sex code')
      cx.emit({
        entity: 'child',
        row: {
          childId: cx.childId,
          sex: sex ?? null,
          birthMonth: monthOf(birth),
          birthDate: birth,
          ethnicity: cx.text('ETHNIC'),
          upnKnown: Boolean(cx.text('UPN')),
        },
      })
    },
  },
  uasc: { rows: (cx) => cx.emit({ entity: 'child', row: { childId: cx.childId, unaccompanied: true } }) },
  episodes: {
    key: 'DECOM',
    rows(cx) {
      const startDate = cx.date('DECOM')
      const endDate = cx.date('DEC')
      cx.checks.order(startDate, endDate, cx.where('DEC'), 'The episode')
      cx.emit({
        entity: 'lacEpisode',
        row: {
          childId: cx.childId,
          startDate,
          endDate,
          reasonNewEpisode: cx.text('RNE'),
          legalStatus: cx.text('LS'),
          needCode: cx.text('CIN'),
          placement: cx.text('PLACE') ?? cx.text('PL'),
          placementProvider: cx.text('PLACE_PROVIDER'),
          reasonEnded: cx.text('REC'),
          reasonPlaceChange: cx.text('REASON_PLACE_CHANGE'),
        },
      })
    },
  },
  reviews: {
    key: 'REVIEW',
    rows: (cx) =>
      cx.emit({
        entity: 'lacReview',
        row: { childId: cx.childId, reviewDate: cx.date('REVIEW'), reviewCode: cx.text('REVIEW_CODE') },
      }),
  },
  oc2: {
    rows(cx) {
      for (const [kind, column] of [
        ['health', 'HEALTH_CHECK'],
        ['dental', 'TEETH_CHECK'],
      ] as const)
        cx.emit({
          entity: 'healthCheck',
          row: { childId: cx.childId, kind, yearEnding: cx.asAt, done: flag(cx.text(column)) },
        })
    },
  },
  oc3: {
    rows: (cx) =>
      cx.emit({
        entity: 'careLeaver',
        row: {
          childId: cx.childId,
          inTouch: cx.text('IN_TOUCH'),
          activity: cx.text('ACTIV'),
          accommodation: cx.text('ACCOM'),
        },
      }),
  },
  ad1: {
    rows: (cx) =>
      cx.emit({
        entity: 'adoption',
        row: { childId: cx.childId, decisionDate: cx.date('DATE_INT'), matchedDate: cx.date('DATE_MATCH') },
      }),
  },
  placed_for_adoption: {
    key: 'DATE_PLACED',
    rows: (cx) =>
      cx.emit({
        entity: 'adoption',
        row: {
          childId: cx.childId,
          placedDate: cx.date('DATE_PLACED'),
          placedCeasedDate: cx.date('DATE_PLACED_CEASED'),
        },
      }),
  },
  missing: {
    key: 'MIS_START',
    rows(cx) {
      const startDate = cx.date('MIS_START')
      const endDate = cx.date('MIS_END')
      cx.checks.order(startDate, endDate, cx.where('MIS_END'), 'The missing episode')
      cx.emit({ entity: 'missingEpisode', row: { childId: cx.childId, kind: cx.text('MISSING'), startDate, endDate } })
    },
  },
  prev_perm: { rows: () => undefined },
  sw_episodes: {
    key: 'SW_DECOM',
    rows(cx) {
      const workerId = cleanId(cx.r.get('SW_ID'))
      cx.emit({
        entity: 'allocation',
        row: {
          childId: cx.childId,
          workerId,
          startDate: cx.date('SW_DECOM'),
          endDate: cx.date('SW_DEC'),
          reason: cx.text('SW_REASON'),
        },
      })
      if (workerId) cx.emit({ entity: 'worker', row: { workerId } })
    },
  },
}

/** The canonical records of one SSDA903 row; a row without CHILD, or without its table's key date, gives nothing. */
export function rowRecords(table: Ssda903Table, r: Row903, checks: FieldChecks, asAt: string, emit: Cx['emit']) {
  const spec = TABLES[table]
  const where = (column: string) => ({ sheet: r.sheet, row: r.row, column })
  const childId = cleanId(r.get('CHILD'))
  if (!checks.required(childId, where('CHILD'), 'CHILD (the child’s id)')) return
  const birthRaw = r.get('DOB')
  const dates = new Map<string, string | null>()
  const date = (c: string) => {
    if (!dates.has(c)) dates.set(c, checks.date(r.get(c), where(c), c === 'DOB' ? null : dates.get('DOB')))
    return dates.get(c)!
  }
  if (birthRaw !== undefined) date('DOB')
  if (spec.key && !checks.required(date(spec.key), where(spec.key), spec.key)) return
  spec.rows({ childId, date, text: (c) => cleanText(r.get(c)), emit, checks, where, r, asAt })
}
