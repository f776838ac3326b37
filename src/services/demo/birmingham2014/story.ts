/**
 * The 2014 Birmingham story from public facts only (domain.md; the minister's letters of 27 March and 23 May 2014, in
 * data/demo/): people in their public roles, the interventions register, both letters with addressees and copy lists,
 * their commitments, and the two commissioned studies. People are named by key; the seeder resolves them to ids.
 */

export interface StoryPerson {
  name: string
  organisation: string
  role: string
  laCode: string | null
  startDate: string
  endDate?: string
}

export const PEOPLE = {
  timpson: {
    name: 'Edward Timpson MP',
    organisation: 'Department for Education',
    role: "Parliamentary Under Secretary of State for Children and Families (Children's Minister)",
    laCode: null,
    startDate: '2012-09-04',
    endDate: '2017-06-12',
  },
  leGrand: {
    name: 'Professor Julian Le Grand',
    organisation: 'London School of Economics',
    role: 'Chair, review of Birmingham children’s services',
    laCode: '330',
    startDate: '2013-11-01',
    endDate: '2014-03-27',
  },
  wood: {
    name: 'Alan Wood',
    organisation: 'Hackney',
    role: 'Review panel member',
    laCode: '330',
    startDate: '2013-11-01',
    endDate: '2014-03-27',
  },
  trowler: {
    name: 'Isabelle Trowler',
    organisation: 'Department for Education',
    role: 'Expert panel member (Chief Social Worker for Children)',
    laCode: '330',
    startDate: '2014-03-27',
  },
  warner: {
    name: 'Lord Norman Warner',
    organisation: 'Department for Education',
    role: "Commissioner for Children's Social Care",
    laCode: '330',
    startDate: '2014-03-27',
    endDate: '2015-12-16',
  },
  christie: {
    name: 'Andrew Christie',
    organisation: 'Department for Education',
    role: "Commissioner for Children's Social Care",
    laCode: '330',
    startDate: '2015-12-17',
  },
  bore: {
    name: 'Councillor Sir Albert Bore',
    organisation: 'Birmingham City Council',
    role: 'Leader',
    laCode: '330',
    startDate: '2012-05-01',
  },
  jones: {
    name: 'Councillor Brigid Jones',
    organisation: 'Birmingham City Council',
    role: "Lead Member for Children's Services",
    laCode: '330',
    startDate: '2012-05-01',
  },
  rogers: {
    name: 'Mark Rogers',
    organisation: 'Birmingham City Council',
    role: 'Chief Executive',
    laCode: '330',
    startDate: '2014-01-01',
  },
  hay: {
    name: 'Peter Hay',
    organisation: 'Birmingham City Council',
    role: "Director for People (Director of Children's Services)",
    laCode: '330',
    startDate: '2011-01-01',
  },
  held: {
    name: 'Jane Held',
    organisation: 'Birmingham Safeguarding Children Board',
    role: 'Independent chair, safeguarding board',
    laCode: '330',
    startDate: '2013-01-01',
  },
} satisfies Record<string, StoryPerson>

export type PersonKey = keyof typeof PEOPLE

export const EVENTS = [
  {
    kind: 'improvement-notice-issued',
    date: '2009-02-01',
    title: 'Improvement notice issued',
    details: "After the 2008 annual performance assessment rated 'Staying Safe' inadequate",
  },
  {
    kind: 'direction-issued',
    date: '2014-03-27',
    title: 'Statutory direction (Education Act 1996 s.497A)',
    details: 'The Council to co-operate with the Commissioner and act on his directions',
  },
  {
    kind: 'commissioner-appointed',
    date: '2014-03-27',
    title: 'Lord Warner appointed Commissioner',
    details: 'Terms of reference: direct improvement work, assess capacity, advise the minister',
  },
  {
    kind: 'expert-panel-appointed',
    date: '2014-03-27',
    title: 'Expert panel appointed',
    details: 'Isabelle Trowler and other experts and leaders in their field',
  },
  {
    kind: 'direction-replaced',
    date: '2015-12-17',
    title: 'New direction; Andrew Christie appointed Commissioner',
    details: 'Essex becomes improvement partner',
  },
  {
    kind: 'partner-council-assigned',
    date: '2015-12-17',
    title: 'Essex County Council improvement partner',
  },
  {
    kind: 'alternative-delivery-live',
    date: '2018-04-01',
    title: "Birmingham Children's Trust starts",
    details: 'A community interest company wholly owned by the council',
  },
  {
    kind: 'direction-revoked',
    date: '2023-05-26',
    title: 'Direction lifted; new 10-year contract with the trust',
  },
]
export interface StoryLetter {
  key: 'march' | 'may'
  sentOn: string
  from: PersonKey
  to: PersonKey[]
  cc: PersonKey[]
  subject: string
  summary: string
  /** The PDF in data/demo/, held when the file is there. */
  file: string
}

export const LETTERS: StoryLetter[] = [
  {
    key: 'march',
    sentOn: '2014-03-27',
    from: 'timpson',
    to: ['leGrand'],
    cc: ['wood', 'trowler'],
    subject:
      "Your report on children's social care in Birmingham; Commissioner, expert panel and studies of intervention options",
    summary:
      'Accepts the review. Appoints Lord Warner as Commissioner and an expert panel including Isabelle Trowler; asks for a proper analysis of the unidentified risk issue; commissions a national study of intervention options (report in September) and a study of future commissioning in Birmingham (report in December).',
    file: '2014-03-27-timpson-to-le-grand.pdf',
  },
  {
    key: 'may',
    sentOn: '2014-05-23',
    from: 'timpson',
    to: ['bore'],
    cc: ['jones', 'rogers', 'hay', 'warner', 'held'],
    subject: "Ofsted's inspection of Birmingham's services for children in need of help and protection",
    summary:
      'Inadequate in every area. Requires a revised, action-oriented and rigorous improvement plan, and by 22 July a clear explanation of the issues underlying each of the Ofsted recommendations and how the council will address them.',
    file: '2014-05-23-timpson-to-bore.pdf',
  },
]

export const COMMITMENTS: Array<{ letter: StoryLetter['key']; what: string; owner: PersonKey; dueDate: string }> = [
  { letter: 'march', what: 'A proper analysis of the unidentified risk issue', owner: 'warner', dueDate: '2014-07-31' },
  {
    letter: 'march',
    what: 'Report of the national study of intervention options for failing councils',
    owner: 'leGrand',
    dueDate: '2014-09-30',
  },
  {
    letter: 'march',
    what: "Report on the future commissioning of Birmingham's children's services",
    owner: 'warner',
    dueDate: '2014-12-31',
  },
  {
    letter: 'may',
    what: 'Revised improvement plan: action-oriented, rigorous, with the specific steps that will deliver the improvements',
    owner: 'hay',
    dueDate: '2014-07-22',
  },
  {
    letter: 'may',
    what: 'A clear explanation of the issues underlying each of the Ofsted recommendations and how the council will address them',
    owner: 'bore',
    dueDate: '2014-07-22',
  },
]

export const STUDIES = [
  {
    laCode: null,
    title: 'Options for intervention in failing children’s services (national study)',
    termsOfReference:
      'How improvement capacity can be created or promoted in the children’s services system, so that a range of intervention options is available when local authorities fail to protect children.',
    commissionedBy: 'timpson' as PersonKey,
    team: 'Julian Le Grand, Alan Wood, Isabelle Trowler',
    commissionedOn: '2014-03-27',
    reportDue: '2014-09-30',
  },
  {
    laCode: '330',
    title: "Future commissioning of Birmingham's children's social care",
    termsOfReference:
      'Drawing on the national study, how children’s social care in Birmingham should be commissioned in future.',
    commissionedBy: 'timpson' as PersonKey,
    team: 'To be commissioned',
    commissionedOn: '2014-03-27',
    reportDue: '2014-12-31',
  },
]

export const MEETINGS = [
  {
    laCode: '330',
    kind: 'Commissioner and minister',
    heldOn: '2014-06-05',
    attendees: 'Edward Timpson MP; Lord Warner',
    minutes: "Lord Warner's views after two months, and the response to the Ofsted report",
    decisions: 'Revised plan and 22 July explanation required (letter of 23 May)',
  },
]
