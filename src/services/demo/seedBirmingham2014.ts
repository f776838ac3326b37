import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { SYSTEM_ACTOR, type Actor } from '../auditService.ts'
import { interventionRegisterService } from '../interventionRegisterService.ts'
import { faultPoint } from '../setupProgress.ts'
import type { Store } from '../../data/store.ts'
import { COMMITMENTS, EVENTS, LETTERS, MEETINGS, PEOPLE, STUDIES, type PersonKey } from './birmingham2014/story.ts'

const LETTERS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'demo')
const BIRMINGHAM = '330'

function letterFile(file: string) {
  const full = path.join(LETTERS_DIR, file)
  return fs.existsSync(full) ? { name: file, bytes: fs.readFileSync(full) } : undefined
}

/**
 * Seeds the 2014 Birmingham story (birmingham2014/story.ts) through the register's own commands, so it passes the
 * checks a person's input passes. Idempotent: does nothing if the letters are already there. The story is written in
 * one transaction (the commands' own become savepoints), so a start stopped half way leaves no people or events
 * without their letters for the next start to add again.
 */
export async function seedBirmingham2014(store: Store, actor: Actor = SYSTEM_ACTOR) {
  const existing = (await store.db.execute(
    sql`SELECT count(*)::int AS n FROM letter WHERE la_code = ${BIRMINGHAM}`,
  )) as unknown as { rows: Array<{ n: number }> }
  if (existing.rows[0].n > 0) return false
  return store.db.transaction(async (tx) => {
    await tellStory(interventionRegisterService({ ...store, db: tx as unknown as Store['db'] }), actor)
    return true
  })
}

async function tellStory(register: ReturnType<typeof interventionRegisterService>, actor: Actor) {
  const ids = {} as Record<PersonKey, number>
  for (const [key, p] of Object.entries(PEOPLE) as Array<[PersonKey, (typeof PEOPLE)[PersonKey]]>) {
    ids[key] = await register.addPerson(actor, { name: p.name, organisation: p.organisation })
    const { name: _name, organisation: _org, ...role } = p
    await register.assignRole(actor, { endDate: null, ...role, personId: ids[key] })
  }
  for (const e of EVENTS) await register.addEvent(actor, { laCode: BIRMINGHAM, ...e })
  faultPoint('set-up:birmingham-2014-half-told')
  const letters = {} as Record<string, number>
  for (const { key, from, to, cc, file, ...l } of LETTERS)
    letters[key] = await register.addLetter(
      actor,
      {
        laCode: BIRMINGHAM,
        direction: 'out',
        ...l,
        fromPersonId: ids[from],
        to: to.map((k) => ids[k]),
        cc: cc.map((k) => ids[k]),
      },
      letterFile(file),
    )
  for (const c of COMMITMENTS)
    await register.addCommitment(actor, {
      laCode: BIRMINGHAM,
      letterId: letters[c.letter],
      what: c.what,
      ownerPersonId: ids[c.owner],
      dueDate: c.dueDate,
    })
  for (const s of STUDIES) await register.addStudy(actor, { ...s, commissionedBy: ids[s.commissionedBy] })
  for (const m of MEETINGS) await register.addMeeting(actor, m)
}
