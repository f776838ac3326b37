import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { SYSTEM_ACTOR, type Actor } from '../auditService.ts'
import type { InterventionRegisterService } from '../interventionRegisterService.ts'
import type { Store } from '../../data/store.ts'

/**
 * The 2014 Birmingham story from public facts only (domain.md; the minister's letters of 27 March and 23 May 2014, in
 * data/demo/): people in their public roles, the interventions register, both letters with addressees and copy lists,
 * their commitments, and the two commissioned studies. Idempotent: does nothing if the letters are already there.
 */
const LETTERS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'demo')

export async function seedBirmingham2014(
  store: Store,
  register: InterventionRegisterService,
  actor: Actor = SYSTEM_ACTOR,
) {
  const existing = (await store.db.execute(
    sql`SELECT count(*)::int AS n FROM letter WHERE la_code = '330'`,
  )) as unknown as { rows: Array<{ n: number }> }
  if (existing.rows[0].n > 0) return false
  const person = async (
    name: string,
    organisation: string,
    role: string,
    laCode: string | null,
    startDate: string,
    endDate?: string,
  ) => {
    const id = await register.addPerson(actor, { name, organisation })
    await register.assignRole(actor, { personId: id, laCode, role, startDate, endDate: endDate ?? null })
    return id
  }
  const timpson = await person(
    'Edward Timpson MP',
    'Department for Education',
    "Parliamentary Under Secretary of State for Children and Families (Children's Minister)",
    null,
    '2012-09-04',
    '2017-06-12',
  )
  const leGrand = await person(
    'Professor Julian Le Grand',
    'London School of Economics',
    'Chair, review of Birmingham children’s services',
    '330',
    '2013-11-01',
    '2014-03-27',
  )
  const wood = await person('Alan Wood', 'Hackney', 'Review panel member', '330', '2013-11-01', '2014-03-27')
  const trowler = await person(
    'Isabelle Trowler',
    'Department for Education',
    'Expert panel member (Chief Social Worker for Children)',
    '330',
    '2014-03-27',
  )
  const warner = await person(
    'Lord Norman Warner',
    'Department for Education',
    "Commissioner for Children's Social Care",
    '330',
    '2014-03-27',
    '2015-12-16',
  )
  await person(
    'Andrew Christie',
    'Department for Education',
    "Commissioner for Children's Social Care",
    '330',
    '2015-12-17',
  )
  const bore = await person('Councillor Sir Albert Bore', 'Birmingham City Council', 'Leader', '330', '2012-05-01')
  const jones = await person(
    'Councillor Brigid Jones',
    'Birmingham City Council',
    "Lead Member for Children's Services",
    '330',
    '2012-05-01',
  )
  const rogers = await person('Mark Rogers', 'Birmingham City Council', 'Chief Executive', '330', '2014-01-01')
  const hay = await person(
    'Peter Hay',
    'Birmingham City Council',
    "Director for People (Director of Children's Services)",
    '330',
    '2011-01-01',
  )
  const held = await person(
    'Jane Held',
    'Birmingham Safeguarding Children Board',
    'Independent chair, safeguarding board',
    '330',
    '2013-01-01',
  )

  await register.addEvent(actor, {
    laCode: '330',
    kind: 'improvement-notice-issued',
    date: '2009-02-01',
    title: 'Improvement notice issued',
    details: "After the 2008 annual performance assessment rated 'Staying Safe' inadequate",
  })
  await register.addEvent(actor, {
    laCode: '330',
    kind: 'direction-issued',
    date: '2014-03-27',
    title: 'Statutory direction (Education Act 1996 s.497A)',
    details: 'The Council to co-operate with the Commissioner and act on his directions',
  })
  await register.addEvent(actor, {
    laCode: '330',
    kind: 'commissioner-appointed',
    date: '2014-03-27',
    title: 'Lord Warner appointed Commissioner',
    details: 'Terms of reference: direct improvement work, assess capacity, advise the minister',
  })
  await register.addEvent(actor, {
    laCode: '330',
    kind: 'expert-panel-appointed',
    date: '2014-03-27',
    title: 'Expert panel appointed',
    details: 'Isabelle Trowler and other experts and leaders in their field',
  })
  await register.addEvent(actor, {
    laCode: '330',
    kind: 'direction-replaced',
    date: '2015-12-17',
    title: 'New direction; Andrew Christie appointed Commissioner',
    details: 'Essex becomes improvement partner',
  })
  await register.addEvent(actor, {
    laCode: '330',
    kind: 'partner-council-assigned',
    date: '2015-12-17',
    title: 'Essex County Council improvement partner',
  })
  await register.addEvent(actor, {
    laCode: '330',
    kind: 'alternative-delivery-live',
    date: '2018-04-01',
    title: "Birmingham Children's Trust starts",
    details: 'A community interest company wholly owned by the council',
  })
  await register.addEvent(actor, {
    laCode: '330',
    kind: 'direction-revoked',
    date: '2023-05-26',
    title: 'Direction lifted; new 10-year contract with the trust',
  })

  const doc = (file: string) => {
    const full = path.join(LETTERS_DIR, file)
    return fs.existsSync(full) ? { name: file, bytes: fs.readFileSync(full) } : undefined
  }
  const march = await register.addLetter(
    actor,
    {
      laCode: '330',
      direction: 'out',
      sentOn: '2014-03-27',
      fromPersonId: timpson,
      to: [leGrand],
      cc: [wood, trowler],
      subject:
        "Your report on children's social care in Birmingham; Commissioner, expert panel and studies of intervention options",
      summary:
        'Accepts the review. Appoints Lord Warner as Commissioner and an expert panel including Isabelle Trowler; asks for a proper analysis of the unidentified risk issue; commissions a national study of intervention options (report in September) and a study of future commissioning in Birmingham (report in December).',
    },
    doc('2014-03-27-timpson-to-le-grand.pdf'),
  )
  const may = await register.addLetter(
    actor,
    {
      laCode: '330',
      direction: 'out',
      sentOn: '2014-05-23',
      fromPersonId: timpson,
      to: [bore],
      cc: [jones, rogers, hay, warner, held],
      subject: "Ofsted's inspection of Birmingham's services for children in need of help and protection",
      summary:
        'Inadequate in every area. Requires a revised, action-oriented and rigorous improvement plan, and by 22 July a clear explanation of the issues underlying each of the Ofsted recommendations and how the council will address them.',
    },
    doc('2014-05-23-timpson-to-bore.pdf'),
  )
  await register.addCommitment(actor, {
    laCode: '330',
    sourceType: 'letter',
    sourceId: march,
    what: 'A proper analysis of the unidentified risk issue',
    ownerPersonId: warner,
    dueDate: '2014-07-31',
  })
  await register.addCommitment(actor, {
    laCode: '330',
    sourceType: 'letter',
    sourceId: march,
    what: 'Report of the national study of intervention options for failing councils',
    ownerPersonId: leGrand,
    dueDate: '2014-09-30',
  })
  await register.addCommitment(actor, {
    laCode: '330',
    sourceType: 'letter',
    sourceId: march,
    what: "Report on the future commissioning of Birmingham's children's services",
    ownerPersonId: warner,
    dueDate: '2014-12-31',
  })
  await register.addCommitment(actor, {
    laCode: '330',
    sourceType: 'letter',
    sourceId: may,
    what: 'Revised improvement plan: action-oriented, rigorous, with the specific steps that will deliver the improvements',
    ownerPersonId: hay,
    dueDate: '2014-07-22',
  })
  await register.addCommitment(actor, {
    laCode: '330',
    sourceType: 'letter',
    sourceId: may,
    what: 'A clear explanation of the issues underlying each of the Ofsted recommendations and how the council will address them',
    ownerPersonId: bore,
    dueDate: '2014-07-22',
  })

  await register.addStudy(actor, {
    laCode: null,
    title: 'Options for intervention in failing children’s services (national study)',
    termsOfReference:
      'How improvement capacity can be created or promoted in the children’s services system, so that a range of intervention options is available when local authorities fail to protect children.',
    commissionedBy: timpson,
    team: 'Julian Le Grand, Alan Wood, Isabelle Trowler',
    commissionedOn: '2014-03-27',
    reportDue: '2014-09-30',
  })
  await register.addStudy(actor, {
    laCode: '330',
    title: "Future commissioning of Birmingham's children's social care",
    termsOfReference:
      'Drawing on the national study, how children’s social care in Birmingham should be commissioned in future.',
    commissionedBy: timpson,
    team: 'To be commissioned',
    commissionedOn: '2014-03-27',
    reportDue: '2014-12-31',
  })
  await register.addMeeting(actor, {
    laCode: '330',
    kind: 'Commissioner and minister',
    heldOn: '2014-06-05',
    attendees: 'Edward Timpson MP; Lord Warner',
    minutes: "Lord Warner's views after two months, and the response to the Ofsted report",
    decisions: 'Revised plan and 22 July explanation required (letter of 23 May)',
  })
  return true
}
