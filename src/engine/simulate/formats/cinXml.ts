import { isoOf, type Day } from '../days.ts'
import type { SimChild, SimEpisode } from '../model.ts'
import { TextFile, type Output } from '../output.ts'
import type { LaPlan } from '../plan.ts'
import type { FormatWriter } from './writer.ts'

/**
 * The DfE CIN census XML for the collection year (year ending 31 March), shaped to that year's XSD
 * (CIN_schema_YYYY.xsd; years before 2021 use the 2021 schema, the earliest we hold): `GenderCurrent` (1/2/0) before
 * 2025 and `Sex` (M/F/U) from 2025; `CINPlanDates` from 2022. Every episode open at some time in the year, with all
 * its assessments, enquiries and plans. Schemas before 2025 type NumberOfPreviousCPP as xs:positiveInteger, which
 * refuses 0: there the simulator writes 1 for a first plan (docs/indicators.md: repeat plans then come from Annex A
 * List 7 or the API).
 */
export const cinSchemaYear = (year: number) => Math.min(2026, Math.max(2021, year))

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const el = (name: string, v: string | number | null | undefined) =>
  v === null || v === undefined || v === '' ? '' : `<${name}>${esc(String(v))}</${name}>`
const d = (x: Day | null | undefined) => (x === null || x === undefined ? null : isoOf(x))

function episodeXml(ep: SimEpisode, schema: number): string {
  const parts = [
    el('CINreferralDate', d(ep.referral)),
    el('ReferralSource', ep.source),
    el('PrimaryNeedCode', ep.primaryNeed),
    el('CINclosureDate', d(ep.closure)),
    el('ReasonForClosure', ep.closureReason),
  ]
  const icpc = ep.s47s.find((s) => s.icpc !== null)
  parts.push(el('DateOfInitialCPC', d(icpc?.icpc)))
  for (const a of ep.assessments) {
    const factors =
      a.authorised !== null && a.factors.length
        ? `<FactorsIdentifiedAtAssessment>${a.factors.map((f) => el('AssessmentFactors', f)).join('')}</FactorsIdentifiedAtAssessment>`
        : ''
    parts.push(
      `<Assessments>${el('AssessmentActualStartDate', d(a.start))}${el('AssessmentAuthorisationDate', d(a.authorised))}${factors}</Assessments>`,
    )
  }
  if (schema >= 2022)
    for (const p of ep.cinPlans)
      parts.push(`<CINPlanDates>${el('CINPlanStartDate', d(p.start))}${el('CINPlanEndDate', d(p.end))}</CINPlanDates>`)
  for (const s of ep.s47s)
    parts.push(
      `<Section47>${el('S47ActualStartDate', d(s.start))}${el('InitialCPCtarget', d(s.icpcTarget))}${el('DateOfInitialCPC', d(s.icpc))}${el('ICPCnotRequired', s.icpcNotRequired ? 1 : 0)}</Section47>`,
    )
  parts.push(el('ReferralNFA', ep.nfa ? 1 : 0))
  for (const p of ep.cpPlans) {
    const reviews = p.reviews.length
      ? `<Reviews>${p.reviews.map((r) => el('CPPreviewDate', d(r))).join('')}</Reviews>`
      : ''
    const previous = schema >= 2025 ? p.previousPlans : Math.max(1, p.previousPlans)
    parts.push(
      `<ChildProtectionPlans>${el('CPPstartDate', d(p.start))}${el('CPPendDate', d(p.end))}${el('InitialCategoryOfAbuse', p.initialCategory)}${el('LatestCategoryOfAbuse', p.latestCategory)}${el('NumberOfPreviousCPP', previous)}${reviews}</ChildProtectionPlans>`,
    )
  }
  return `<CINdetails>${parts.join('')}</CINdetails>`
}

export function childXml(c: SimChild, plan: LaPlan, schema: number): string | null {
  const eps = c.episodes.filter((e) => e.referral <= plan.asAt && (e.closure === null || e.closure > plan.yearStart))
  if (!eps.length) return null
  const gender = schema >= 2025 ? el('Sex', c.sex) : el('GenderCurrent', { M: 1, F: 2, U: 0 }[c.sex])
  const ids = `<ChildIdentifiers>${el('LAchildID', c.id)}${el('UPN', c.upn)}${c.upn ? '' : el('UPNunknown', 'UN1')}${el('PersonBirthDate', d(c.dob))}${gender}</ChildIdentifiers>`
  const dis = (c.disabilities.length ? c.disabilities : ['NONE']).map((x) => el('Disability', x)).join('')
  const chars = `<ChildCharacteristics>${el('Ethnicity', c.ethnicity)}<Disabilities>${dis}</Disabilities></ChildCharacteristics>`
  return `<Child>${ids}${chars}${eps.map((e) => episodeXml(e, schema)).join('')}</Child>\n`
}

export function cinXmlWriter(out: Output, dir: string): FormatWriter {
  const file = new TextFile(out.text(`${dir}cin-census.xml`))
  let plan: LaPlan
  let schema = 2021
  return {
    begin(p) {
      plan = p
      schema = cinSchemaYear(p.collectionYear)
      const header = `<Header><CollectionDetails><Collection>CIN</Collection><Year>${p.collectionYear}</Year><ReferenceDate>${p.collectionYear}-03-31</ReferenceDate></CollectionDetails><Source><SourceLevel>L</SourceLevel><LEA>${p.laCode}</LEA><SoftwareCode>Sightline simulator</SoftwareCode><Release>1</Release><SerialNo>001</SerialNo><DateTime>${isoOf(p.asAt)}T00:00:00</DateTime></Source></Header>`
      return file.write(`<?xml version="1.0" encoding="UTF-8"?>\n<Message>${header}\n<Children>\n`)
    },
    child(c) {
      const x = childXml(c, plan, schema)
      if (x) return file.write(x)
    },
    async end() {
      await file.write('</Children>\n</Message>\n')
      await file.close()
    },
  }
}
