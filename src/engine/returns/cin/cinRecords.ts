import type { RowSink } from '../../casework/csvRows.ts'
import type { FieldChecks } from '../checks.ts'
import { cleanId, cleanText, codeOf, monthOf, parseInteger, parseSex, parseYesNo } from '../values.ts'
import { ASSESSMENT, CHILD, CIN_PLAN, CP_PLAN, EPISODE, S47 } from './cinParser.ts'
import type { RawChild, RawEpisode } from './cinTokens.ts'
import type { CinYear } from './versions.ts'

/**
 * A copy of the string that holds nothing else alive: a value read by saxes may be a slice of the whole text chunk
 * it came from (V8 keeps the chunk while the slice lives), and the ids kept for the duplicate check live until the
 * file is read, so kept as they are they would hold the whole file in memory.
 */
const detached = (s: string) => (' ' + s).slice(1)

type RawAssessment = RawEpisode['assessments'][number]
type RawCpPlan = RawEpisode['cpPlans'][number]

/**
 * One CIN census child as canonical rows, written straight into the store's row sink (no object per row): the child,
 * each CINdetails as a referral (episode) with its assessments and factors, CIN plans, section 47 enquiries and CP
 * plans with reviews. Ids are built from the child's id and the referral date, so the same episode from another
 * source has the same id. Columns are written in the model's order (model.ts).
 */
export class CinChildMapper {
  private seen = new Set<string>()
  private ids = new Set<string>()
  /** The child being written: its row (position in the file) and date of birth, for date checks. */
  private row = 0
  private birth: string | null = null

  constructor(
    private checks: FieldChecks,
    private year: CinYear | undefined,
    private collectionYear: number,
    private rows: RowSink,
  ) {}

  map(raw: RawChild): void {
    const row = raw.position
    const f = raw.values
    const childId = cleanId(f[CHILD.LAchildID])
    if (!this.checks.required(childId, { row, column: 'LAchildID' }, 'The child’s LAchildID')) return
    if (this.seen.has(childId)) {
      this.checks.issue(
        'error',
        { row, column: 'LAchildID' },
        childId,
        'appears for a second child; this one was skipped',
      )
      return
    }
    this.seen.add(detached(childId))
    this.checkSexElement(raw)
    const birth = this.checks.date(f[CHILD.PersonBirthDate] ?? f[CHILD.ExpectedPersonBirthDate], {
      row,
      column: 'PersonBirthDate',
    })
    const sexValue = f[CHILD.Sex] ?? f[CHILD.GenderCurrent]
    const sex = parseSex(sexValue)
    if (sex === undefined)
      this.checks.issue('warning', { row, column: 'Sex' }, sexValue, 'is not a recognised sex code')
    const w = this.rows
    w.begin('child')
    w.text(childId)
    w.text(sex)
    w.text(monthOf(birth))
    w.date(birth)
    w.text(cleanText(f[CHILD.Ethnicity]))
    w.text(raw.disabilities.length ? raw.disabilities.filter(Boolean).join(',') : null)
    w.bool(Boolean(cleanText(f[CHILD.UPN])))
    w.bool(null) // unaccompanied: not in the census
    w.end()
    this.ids.clear()
    this.row = row
    this.birth = birth
    for (const ep of raw.episodes) this.episode(childId, ep)
  }

  /** A date of the current child (a method, not a closure per episode: closures cost a name each under tsx). */
  private d(value: string | undefined, column: string): string | null {
    return this.checks.date(value, { row: this.row, column }, this.birth)
  }

  private checkSexElement(raw: RawChild) {
    if (!this.year) return
    const other = this.year.sexElement === 'Sex' ? 'GenderCurrent' : 'Sex'
    if (raw.values[CHILD[other]] !== undefined && raw.values[CHILD[this.year.sexElement]] === undefined)
      this.checks.issue(
        'warning',
        { row: raw.position, column: other },
        undefined,
        `is not in the ${this.collectionYear - 1}-${String(this.collectionYear).slice(2)} census, which uses ${this.year.sexElement}; read anyway`,
      )
  }

  private episode(childId: string, ep: RawEpisode) {
    const f = ep.values
    const row = this.row
    const referralDate = this.d(f[EPISODE.CINreferralDate], 'CINreferralDate')
    if (!this.checks.required(referralDate, { row, column: 'CINreferralDate' }, 'The referral date')) return
    let referralId = `${childId}/${referralDate}`
    for (let n = 2; this.ids.has(referralId); n++) referralId = `${childId}/${referralDate}#${n}`
    this.ids.add(referralId)
    const closureDate = this.d(f[EPISODE.CINclosureDate], 'CINclosureDate')
    this.checks.order(referralDate, closureDate, { row, column: 'CINclosureDate' }, 'The episode')
    const w = this.rows
    w.begin('referral')
    w.text(childId)
    w.text(referralId)
    w.date(referralDate)
    w.text(codeOf(f[EPISODE.ReferralSource]))
    w.bool(parseYesNo(f[EPISODE.ReferralNFA]))
    w.text(codeOf(f[EPISODE.PrimaryNeedCode]))
    w.date(closureDate)
    w.text(codeOf(f[EPISODE.ReasonForClosure]))
    w.date(null) // lastSeenDate: not in the census
    w.end()
    for (let i = 0; i < ep.assessments.length; i++) this.assessment(childId, referralId, i, ep.assessments[i])
    for (let i = 0; i < ep.cinPlans.length; i++) {
      const p = ep.cinPlans[i]
      const startDate = this.d(p[CIN_PLAN.CINPlanStartDate], 'CINPlanStartDate')
      const endDate = this.d(p[CIN_PLAN.CINPlanEndDate], 'CINPlanEndDate')
      this.checks.order(startDate, endDate, { row, column: 'CINPlanEndDate' }, 'The CIN plan')
      w.begin('cinPlan')
      w.text(childId)
      w.text(`${referralId}/CIN${i + 1}`)
      w.text(referralId)
      w.date(startDate)
      w.date(endDate)
      w.end()
    }
    for (let i = 0; i < ep.s47s.length; i++) {
      const s = ep.s47s[i]
      w.begin('section47')
      w.text(childId)
      w.text(`${referralId}/S${i + 1}`)
      w.text(referralId)
      w.date(this.d(s[S47.S47ActualStartDate], 'S47ActualStartDate'))
      w.date(this.d(s[S47.InitialCPCtarget], 'InitialCPCtarget'))
      w.date(this.d(s[S47.DateOfInitialCPC], 'DateOfInitialCPC'))
      w.bool(parseYesNo(s[S47.ICPCnotRequired]))
      w.bool(null) // icpcToPlan: not in the census
      w.end()
    }
    for (let i = 0; i < ep.cpPlans.length; i++) this.cpPlan(childId, referralId, i, ep.cpPlans[i])
  }

  private assessment(childId: string, referralId: string, i: number, a: RawAssessment) {
    const row = this.row
    const assessmentId = `${referralId}/A${i + 1}`
    const startDate = this.d(a.values[ASSESSMENT.AssessmentActualStartDate], 'AssessmentActualStartDate')
    const authorisedDate = this.d(a.values[ASSESSMENT.AssessmentAuthorisationDate], 'AssessmentAuthorisationDate')
    this.checks.order(startDate, authorisedDate, { row, column: 'AssessmentAuthorisationDate' }, 'The assessment')
    const w = this.rows
    w.begin('assessment')
    w.text(childId)
    w.text(assessmentId)
    w.text(referralId)
    w.date(startDate)
    w.date(authorisedDate)
    w.bool(null) // childSeen, inNeed: not in the census
    w.bool(null)
    w.end()
    for (const factor of a.factors) {
      if (!factor) continue
      w.begin('assessmentFactor')
      w.text(childId)
      w.text(assessmentId)
      w.text(factor)
      w.end()
    }
  }

  private cpPlan(childId: string, referralId: string, i: number, p: RawCpPlan) {
    const row = this.row
    const planId = `${referralId}/CPP${i + 1}`
    const startDate = this.d(p.values[CP_PLAN.CPPstartDate], 'CPPstartDate')
    const endDate = this.d(p.values[CP_PLAN.CPPendDate], 'CPPendDate')
    this.checks.order(startDate, endDate, { row, column: 'CPPendDate' }, 'The child protection plan')
    const w = this.rows
    w.begin('cpPlan')
    w.text(childId)
    w.text(planId)
    w.text(referralId)
    w.date(startDate)
    w.date(endDate)
    w.text(codeOf(p.values[CP_PLAN.InitialCategoryOfAbuse]))
    w.text(codeOf(p.values[CP_PLAN.LatestCategoryOfAbuse]))
    w.int(parseInteger(p.values[CP_PLAN.NumberOfPreviousCPP]))
    w.end()
    for (const r of p.reviews) {
      const reviewDate = this.d(r, 'CPPreviewDate')
      if (!reviewDate) continue
      w.begin('cpReview')
      w.text(childId)
      w.text(planId)
      w.date(reviewDate)
      w.end()
    }
  }
}
