import type { CaseworkRecord } from '../../casework/model.ts'
import type { FieldChecks } from '../checks.ts'
import { cleanId, cleanText, codeOf, monthOf, parseInteger, parseSex, parseYesNo } from '../values.ts'
import type { RawChild, RawEpisode } from './cinParser.ts'
import type { CinYear } from './versions.ts'

/**
 * One CIN census child as canonical records: the child, each CINdetails as a referral (episode) with its
 * assessments and factors, CIN plans, section 47 enquiries and CP plans with reviews. Ids are built from the child's
 * id and the referral date, so the same episode from another source has the same id.
 */
export class CinChildMapper {
  private seen = new Set<string>()

  constructor(
    private checks: FieldChecks,
    private year: CinYear | undefined,
    private collectionYear: number,
  ) {}

  map(raw: RawChild): CaseworkRecord[] {
    const row = raw.position
    const f = raw.fields
    const childId = cleanId(f.LAchildID)
    if (!this.checks.required(childId, { row, column: 'LAchildID' }, 'The child’s LAchildID')) return []
    if (this.seen.has(childId)) {
      this.checks.issue(
        'error',
        { row, column: 'LAchildID' },
        childId,
        'appears for a second child; this one was skipped',
      )
      return []
    }
    this.seen.add(childId)
    this.checkSexElement(raw)
    const birth = this.checks.date(f.PersonBirthDate ?? f.ExpectedPersonBirthDate, { row, column: 'PersonBirthDate' })
    const sexValue = f.Sex ?? f.GenderCurrent
    const sex = parseSex(sexValue)
    if (sex === undefined)
      this.checks.issue('warning', { row, column: 'Sex' }, sexValue, 'is not a recognised sex code')
    const out: CaseworkRecord[] = [
      {
        entity: 'child',
        row: {
          childId,
          sex: sex ?? null,
          birthMonth: monthOf(birth),
          birthDate: birth,
          ethnicity: cleanText(f.Ethnicity),
          disabilities: raw.disabilities.filter(Boolean).join(',') || null,
          upnKnown: Boolean(cleanText(f.UPN)),
        },
      },
    ]
    const ids = new Set<string>()
    for (const ep of raw.episodes) this.episode(childId, ep, birth, row, ids, out)
    return out
  }

  private checkSexElement(raw: RawChild) {
    if (!this.year) return
    const other = this.year.sexElement === 'Sex' ? 'GenderCurrent' : 'Sex'
    if (raw.elements.has(other) && !raw.elements.has(this.year.sexElement))
      this.checks.issue(
        'warning',
        { row: raw.position, column: other },
        undefined,
        `is not in the ${this.collectionYear - 1}-${String(this.collectionYear).slice(2)} census, which uses ${this.year.sexElement}; read anyway`,
      )
  }

  private episode(
    childId: string,
    ep: RawEpisode,
    birth: string | null,
    row: number,
    ids: Set<string>,
    out: CaseworkRecord[],
  ) {
    const f = ep.fields
    const d = (v: string | undefined, column: string) => this.checks.date(v, { row, column }, birth)
    const referralDate = d(f.CINreferralDate, 'CINreferralDate')
    if (!this.checks.required(referralDate, { row, column: 'CINreferralDate' }, 'The referral date')) return
    let referralId = `${childId}/${referralDate}`
    for (let n = 2; ids.has(referralId); n++) referralId = `${childId}/${referralDate}#${n}`
    ids.add(referralId)
    const closureDate = d(f.CINclosureDate, 'CINclosureDate')
    this.checks.order(referralDate, closureDate, { row, column: 'CINclosureDate' }, 'The episode')
    out.push({
      entity: 'referral',
      row: {
        childId,
        referralId,
        referralDate,
        source: codeOf(f.ReferralSource),
        nfa: parseYesNo(f.ReferralNFA) ?? null,
        primaryNeed: codeOf(f.PrimaryNeedCode),
        closureDate,
        closureReason: codeOf(f.ReasonForClosure),
      },
    })
    ep.assessments.forEach((a, i) => {
      const assessmentId = `${referralId}/A${i + 1}`
      const startDate = d(a.fields.AssessmentActualStartDate, 'AssessmentActualStartDate')
      const authorisedDate = d(a.fields.AssessmentAuthorisationDate, 'AssessmentAuthorisationDate')
      this.checks.order(startDate, authorisedDate, { row, column: 'AssessmentAuthorisationDate' }, 'The assessment')
      out.push({ entity: 'assessment', row: { childId, assessmentId, referralId, startDate, authorisedDate } })
      for (const factor of a.factors.filter(Boolean))
        out.push({ entity: 'assessmentFactor', row: { childId, assessmentId, factor } })
    })
    ep.cinPlans.forEach((p, i) => {
      const startDate = d(p.CINPlanStartDate, 'CINPlanStartDate')
      const endDate = d(p.CINPlanEndDate, 'CINPlanEndDate')
      this.checks.order(startDate, endDate, { row, column: 'CINPlanEndDate' }, 'The CIN plan')
      out.push({
        entity: 'cinPlan',
        row: { childId, planId: `${referralId}/CIN${i + 1}`, referralId, startDate, endDate },
      })
    })
    ep.s47s.forEach((s, i) => {
      out.push({
        entity: 'section47',
        row: {
          childId,
          enquiryId: `${referralId}/S${i + 1}`,
          referralId,
          strategyDate: d(s.S47ActualStartDate, 'S47ActualStartDate'),
          icpcTargetDate: d(s.InitialCPCtarget, 'InitialCPCtarget'),
          icpcDate: d(s.DateOfInitialCPC, 'DateOfInitialCPC'),
          icpcNotRequired: parseYesNo(s.ICPCnotRequired) ?? null,
        },
      })
    })
    ep.cpPlans.forEach((p, i) => this.cpPlan(childId, referralId, `${referralId}/CPP${i + 1}`, p, d, row, out))
  }

  private cpPlan(
    childId: string,
    referralId: string,
    planId: string,
    p: RawEpisode['cpPlans'][number],
    d: (v: string | undefined, column: string) => string | null,
    row: number,
    out: CaseworkRecord[],
  ) {
    const startDate = d(p.fields.CPPstartDate, 'CPPstartDate')
    const endDate = d(p.fields.CPPendDate, 'CPPendDate')
    this.checks.order(startDate, endDate, { row, column: 'CPPendDate' }, 'The child protection plan')
    const previous = parseInteger(p.fields.NumberOfPreviousCPP)
    out.push({
      entity: 'cpPlan',
      row: {
        childId,
        planId,
        referralId,
        startDate,
        endDate,
        initialCategory: codeOf(p.fields.InitialCategoryOfAbuse),
        latestCategory: codeOf(p.fields.LatestCategoryOfAbuse),
        previousPlans: previous ?? null,
      },
    })
    for (const r of p.reviews) {
      const reviewDate = d(r, 'CPPreviewDate')
      if (reviewDate) out.push({ entity: 'cpReview', row: { childId, planId, reviewDate } })
    }
  }
}
