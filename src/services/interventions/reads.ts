import type { Store } from '../../data/store.ts'
import {
  allEvents,
  allLaRoleHolders,
  allPeople,
  decisionsOf,
  directoryOf,
  eventsOf,
} from '../../data/repositories/interventionRegisterRepository.ts'
import {
  commitmentsWhere,
  deadlines,
  letterDocument,
  lettersOf,
  recipientsOf,
  meetingsOf,
  studiesOf,
} from '../../data/repositories/interventionCorrespondenceRepository.ts'
import { standingOn, type EventKind, type RegisterEvent, type RoleHolder } from '../../engine/intervention/events.ts'

const toEvent = (e: { id: number; kind: string; eventDate: string; title: string }): RegisterEvent => ({
  id: e.id,
  kind: e.kind as EventKind,
  date: e.eventDate,
  title: e.title,
})
const toHolder = (p: { name: string; role: string; startDate: string; endDate: string | null }): RoleHolder => ({
  name: p.name,
  role: p.role,
  startDate: p.startDate,
  endDate: p.endDate,
})

/** The register's two facts (intervention in force, delivery arrangement), for one LA or every LA, on a date. */
export function standingReads(store: Store) {
  const db = store.db
  /** The register's events and the LA's people, as the engine reads them. */
  async function facts(laCode: string): Promise<{ events: RegisterEvent[]; people: RoleHolder[] }> {
    return { events: (await eventsOf(db, laCode)).map(toEvent), people: (await directoryOf(db, laCode)).map(toHolder) }
  }
  /**
   * Every LA's events and people in two queries (the national dashboard assesses all of them), ordered as `facts` orders
   * one LA's. An LA with nothing recorded is absent.
   */
  async function factsForAll(): Promise<Map<string, { events: RegisterEvent[]; people: RoleHolder[] }>> {
    const [events, people] = await Promise.all([allEvents(db), allLaRoleHolders(db)])
    const byLa = new Map<string, { events: RegisterEvent[]; people: RoleHolder[] }>()
    const at = (la: string) => byLa.get(la) ?? byLa.set(la, { events: [], people: [] }).get(la)!
    for (const e of [...events].sort((a, b) => a.eventDate.localeCompare(b.eventDate) || a.id - b.id))
      at(e.laCode).events.push(toEvent(e))
    for (const p of [...people].sort((a, b) => a.startDate.localeCompare(b.startDate) || a.name.localeCompare(b.name)))
      at(p.laCode).people.push(toHolder(p))
    return byLa
  }
  return {
    facts,
    factsForAll,
    /** The two facts on a date: the intervention in force and the delivery arrangement. */
    async standing(laCode: string, date: string) {
      const { events, people } = await facts(laCode)
      return standingOn(events, date, people)
    },
    /** Every LA's two facts on a date (the national dashboard and the watch list), computed as for one LA. */
    async standings(date: string) {
      const [events, people] = await Promise.all([allEvents(db), allLaRoleHolders(db)])
      const result = new Map<string, ReturnType<typeof standingOn>>()
      for (const la of new Set(events.map((e) => e.laCode)))
        result.set(
          la,
          standingOn(
            events.filter((e) => e.laCode === la).map(toEvent),
            date,
            people.filter((p) => p.laCode === la).map(toHolder),
          ),
        )
      return result
    },
  }
}

/** What the LA's oversight page lists: register, directory, letters with their commitments, studies, meetings. */
export function registerReads(store: Store) {
  const db = store.db
  const commitments = (filter: { laCode?: string; laCodes?: string[] | null; openOnly?: boolean } = {}) =>
    commitmentsWhere(db, filter)
  return {
    events: (laCode: string) => eventsOf(db, laCode),
    directory: (laCode: string | null) => directoryOf(db, laCode),
    people: () => allPeople(db),
    studies: (laCode: string) => studiesOf(db, laCode),
    meetings: (laCode: string) => meetingsOf(db, laCode),
    decisions: (laCode: string) => decisionsOf(db, laCode),
    letterDocument: (laCode: string, id: number) => letterDocument(db, laCode, id),
    commitments,
    async letters(laCode: string) {
      const [letters, recipients, held] = await Promise.all([
        lettersOf(db, laCode),
        recipientsOf(db, laCode),
        commitments({ laCode }),
      ])
      return letters.map((l) => ({
        ...l,
        to: recipients.filter((r) => r.letterId === l.id && r.kind === 'to'),
        cc: recipients.filter((r) => r.letterId === l.id && r.kind === 'cc'),
        commitments: held.filter((c) => c.sourceType === 'letter' && c.sourceId === l.id),
      }))
    },
  }
}

/** Every dated deadline the user may see: commitments, study reports, plan actions; overdue ones marked. */
export async function calendar(store: Store, laScope: string[] | null, today = new Date().toISOString().slice(0, 10)) {
  const { commitments, studies, planActions } = await deadlines(store.db, laScope)
  return [
    ...commitments.map((c) => ({
      date: c.date,
      kind: 'Commitment',
      title: `${c.title} (owner: ${c.owner})`,
      laCode: c.laCode as string | null,
      laName: c.laName,
      done: c.status === 'done',
    })),
    ...studies.map((s) => ({
      date: s.date,
      kind: 'Study report due',
      title: s.title,
      laCode: s.laCode,
      laName: s.laName ?? 'National',
      done: s.status === 'reported',
    })),
    ...planActions.map((p) => ({
      date: p.date,
      kind: 'Plan action',
      title: p.title,
      laCode: p.laCode as string | null,
      laName: p.laName,
      done: p.status === 'complete',
    })),
  ]
    .map((i) => ({ ...i, overdue: !i.done && i.date < today }))
    .sort((a, b) => a.date.localeCompare(b.date))
}
