import type { CaseworkRecord } from '../../casework/model.ts'
import type { FieldChecks } from '../checks.ts'
import { cleanId, cleanText, codeOf, monthOf, parseSex } from '../values.ts'

/** One Annex A row, read by Ofsted heading. */
export interface ListRow {
  get(heading: string): unknown
  has(heading: string): boolean
  sheet: string
  row: number
}

type Emit = (r: CaseworkRecord) => void
interface Cx {
  r: ListRow
  checks: FieldChecks
  childId: string
  birth: string | null
  date: (heading: string) => string | null
  yes: (heading: string) => boolean | null
  int: (heading: string) => number | null
  code: (heading: string) => string | null
  emit: Emit
}

const ID = 'Child Unique ID'

function allocation(cx: Cx) {
  const workerId = cleanId(cx.r.get('Allocated Worker'))
  const team = cleanText(cx.r.get('Allocated Team'))
  if (!workerId && !team) return
  cx.emit({ entity: 'allocation', row: { childId: cx.childId, workerId, team } })
  if (workerId) cx.emit({ entity: 'worker', row: { workerId, team } })
}

/** What each list gives, by Ofsted heading; the key date (when the list has one) must be present for the row to count. */
const LISTS: Record<number, { key?: string; rows(cx: Cx): void }> = {
  1: {
    key: 'Date of Contact',
    rows: (cx) => {
      const contactDate = cx.date('Date of Contact')
      const source = cx.code('Contact Source')
      cx.emit({
        entity: 'contact',
        row: { childId: cx.childId, contactId: `${cx.childId}/${contactDate}`, contactDate, source },
      })
    },
  },
  3: {
    key: 'Date of referral',
    rows: (cx) => {
      const referralDate = cx.date('Date of referral')
      const row = { childId: cx.childId, referralId: `${cx.childId}/${referralDate}`, referralDate }
      cx.emit({ entity: 'referral', row: { ...row, source: cx.code('Referral Source'), nfa: cx.yes('Referral NFA?') } })
      allocation(cx)
    },
  },
  4: {
    key: 'Continuous Assessment Start Date',
    rows: (cx) => {
      const startDate = cx.date('Continuous Assessment Start Date')
      const authorisedDate = cx.date('Continuous Assessment Date of Authorisation')
      cx.checks.order(
        startDate,
        authorisedDate,
        { sheet: cx.r.sheet, row: cx.r.row, column: 'Continuous Assessment Date of Authorisation' },
        'The assessment',
      )
      const inNeed = cx.yes("Was the child assessed as requiring LA children's social care support?")
      const childSeen = cx.yes('Child Seen During Continuous Assessment')
      const assessmentId = `${cx.childId}/${startDate}`
      cx.emit({
        entity: 'assessment',
        row: { childId: cx.childId, assessmentId, startDate, authorisedDate, childSeen, inNeed },
      })
      allocation(cx)
    },
  },
  5: {
    key: 'Strategy discussion initiating Section 47 Enquiry Start Date',
    rows: (cx) => {
      const strategyDate = cx.date('Strategy discussion initiating Section 47 Enquiry Start Date')
      cx.emit({
        entity: 'section47',
        row: {
          childId: cx.childId,
          enquiryId: `${cx.childId}/${strategyDate}`,
          strategyDate,
          icpcNotRequired: cx.yes('Was an Initial Child Protection Conference deemed unnecessary?'),
          icpcDate: cx.date('Date of Initial Child Protection Conference'),
          icpcToPlan: cx.yes('Did the Initial Child Protection Conference Result in a Child Protection Plan'),
        },
      })
      allocation(cx)
    },
  },
  6: {
    key: 'CIN Start Date',
    rows: (cx) => {
      const referralDate = cx.date('CIN Start Date')
      const closureDate = cx.date('CIN Closure Date')
      cx.emit({
        entity: 'referral',
        row: {
          childId: cx.childId,
          referralId: `${cx.childId}/${referralDate}`,
          referralDate,
          primaryNeed: cx.code('Primary Need Code'),
          lastSeenDate: cx.date('Date Child Was Last Seen'),
          closureDate,
          closureReason: cx.code('Reason for Closure'),
        },
      })
      allocation(cx)
    },
  },
  7: { key: 'Child Protection Plan Start Date', rows: cpPlanRows },
  8: { key: 'Date Started to be Looked After', rows: lookedAfterRows },
  9: { rows: careLeaverRows },
  10: {
    key: 'Date of Decision that Child Should be Placed for Adoption',
    rows: (cx) =>
      cx.emit({
        entity: 'adoption',
        row: {
          childId: cx.childId,
          decisionDate: cx.date('Date of Decision that Child Should be Placed for Adoption'),
          placementOrderDate: cx.date('Date of Placement Order'),
          matchedDate: cx.date('Date of Matching Child and Prospective Adopters'),
          placedDate: cx.date('Date Placed for Adoption'),
          orderDate: cx.date('Date of Adoption Order'),
          placedCeasedDate: cx.date('Date of Decision that Child Should No Longer be Placed for Adoption'),
        },
      }),
  },
}

function cpPlanRows(cx: Cx) {
  const startDate = cx.date('Child Protection Plan Start Date')
  const endDate = cx.date('Child Protection Plan End Date')
  const planId = `${cx.childId}/${startDate}`
  cx.emit({
    entity: 'cpPlan',
    row: {
      childId: cx.childId,
      planId,
      startDate,
      endDate,
      initialCategory: cx.code('Initial Category of Abuse'),
      latestCategory: cx.code('Latest Category of Abuse'),
      previousPlans: cx.int('Number of Previous Child Protection Plans'),
    },
  })
  const visitDate = cx.date('Date of the Last Statutory Visit')
  if (visitDate)
    cx.emit({
      entity: 'cpVisit',
      row: { childId: cx.childId, planId, visitDate, seenAlone: cx.yes('Was the Child Seen Alone?') },
    })
  const reviewDate = cx.date('Date of latest review conference')
  if (reviewDate) cx.emit({ entity: 'cpReview', row: { childId: cx.childId, planId, reviewDate } })
  allocation(cx)
}

const MISSING_COUNT = "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"

function lookedAfterRows(cx: Cx) {
  const childId = cx.childId
  cx.emit({
    entity: 'lacEpisode',
    row: {
      childId,
      periodStartDate: cx.date('Date Started to be Looked After'),
      startDate: cx.date('Start Date of Most Recent Placement'),
      endDate: cx.date('Date Ceased to be Looked After'),
      legalStatus: cx.code("Child's Legal Status"),
      needCode: cx.code("Child's Category of Need"),
      placement: cx.code('Placement Type'),
      placementProvider: cx.code('Placement Provider'),
      reasonEnded: cx.code('Reason Ceased to be Looked After'),
    },
  })
  const dated: Array<[string, (d: string) => CaseworkRecord]> = [
    ['Date of Latest Statutory Review', (reviewDate) => ({ entity: 'lacReview', row: { childId, reviewDate } })],
    [
      'Date of Last Social Work Visit',
      (visitDate) => ({ entity: 'lacVisit', row: { childId, visitDate, kind: 'social worker' } }),
    ],
    [
      'Date of Last IRO Visit / Contact to the Child',
      (visitDate) => ({ entity: 'lacVisit', row: { childId, visitDate, kind: 'IRO' } }),
    ],
    [
      'Date of Last Health Assessment',
      (checkDate) => ({ entity: 'healthCheck', row: { childId, kind: 'health', checkDate } }),
    ],
    [
      'Date of Last Dental Check',
      (checkDate) => ({ entity: 'healthCheck', row: { childId, kind: 'dental', checkDate } }),
    ],
  ]
  for (const [heading, record] of dated) {
    const d = cx.date(heading)
    if (d) cx.emit(record(d))
  }
  // List 8 counts missing episodes (no dates) and says whether a return interview followed the last one.
  const ri = (verb: string) => cx.yes(`${verb} a Return Interview after their last missing episode (Y/N)?`)
  if ((cx.int(MISSING_COUNT) ?? 0) >= 1) {
    const row = {
      childId,
      kind: 'M',
      returnInterviewOffered: ri('Was the child offered'),
      returnInterviewAccepted: ri('Did the child accept'),
    }
    cx.emit({ entity: 'missingEpisode', row })
  }
  allocation(cx)
}

/** "a) Suitable" / "b) Unsuitable" (Ofsted's codes), or a plain yes or no. */
const suitability = (cx: Cx, h = 'Suitability of Accommodation') =>
  new Map([
    ['suitable', true],
    ['unsuitable', false],
  ]).get((cx.code(h) ?? '').toLowerCase()) ?? cx.yes(h)

function careLeaverRows(cx: Cx) {
  cx.emit({
    entity: 'careLeaver',
    row: {
      childId: cx.childId,
      eligibility: cleanText(cx.r.get('Eligibility Category')),
      inTouch: cx.code('LA in Touch'),
      lastContactDate: cx.date('Latest Date of Contact'),
      accommodation: cx.code('Type of Accommodation'),
      suitable: suitability(cx),
      activity: cx.code('Activity Status'),
      pathwayReviewDate: cx.date('Latest Pathway Plan Review Date'),
      personalAdviser: cleanId(cx.r.get('Allocated Personal Advisor')),
    },
  })
  allocation(cx)
}

/** Lists Sightline reads (2 is early help and 11 adopters: neither is a child's social care record). */
export const LISTS_NOT_READ: Record<number, string> = { 2: 'early help assessments', 11: 'adopters' }
export const LISTS_READ = Object.keys(LISTS).map(Number)

/**
 * The canonical records of one Annex A row: the child (merged across lists by the ingest) and what its list gives.
 * A row without a child id or without its list's key date is an error and gives nothing.
 */
export function listRecords(list: number, r: ListRow, checks: FieldChecks, emit: Emit) {
  const spec = LISTS[list]
  if (!spec) return
  const where = (column: string) => ({ sheet: r.sheet, row: r.row, column })
  const childId = cleanId(r.get(ID))
  if (!checks.required(childId, where(ID), 'The Child Unique ID')) return
  const birth = checks.date(r.get('Date of Birth'), where('Date of Birth'))
  const dates = new Map<string, string | null>()
  const date = (h: string) => {
    if (!dates.has(h)) dates.set(h, r.has(h) ? checks.date(r.get(h), where(h), birth) : null)
    return dates.get(h)!
  }
  if (spec.key && !checks.required(date(spec.key), where(spec.key), `The ${spec.key.toLowerCase()}`)) return
  const sexValue = r.get('Gender')
  const sex = parseSex(sexValue)
  if (sex === undefined) checks.issue('warning', where('Gender'), sexValue, 'is not a recognised gender')
  const uasc = [
    ...[
      'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)',
      'Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)',
    ],
  ].find((h) => r.has(h))
  emit({
    entity: 'child',
    row: {
      childId,
      sex: sex ?? null,
      birthMonth: monthOf(birth),
      birthDate: birth,
      ethnicity: codeOf(r.get('Ethnicity')),
      unaccompanied: uasc ? checks.yesNo(r.get(uasc), where(uasc)) : null,
    },
  })
  spec.rows({
    r,
    checks,
    childId,
    birth,
    date,
    yes: (h) => (r.has(h) ? checks.yesNo(r.get(h), where(h)) : null),
    int: (h) => (r.has(h) ? checks.integer(r.get(h), where(h)) : null),
    code: (h) => codeOf(cleanText(r.get(h))),
    emit,
  })
}
