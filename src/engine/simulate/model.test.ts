import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'
import { loadPublicFigures } from './calibration.ts'
import { ageOn, isoOf } from './days.ts'
import { childrenOf, planLa } from './generate.ts'
import { parseProfiles } from './profiles.ts'
import { stageOf } from './rules.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

describe('simulated case histories', () => {
  const pf = loadPublicFigures((f) => fs.readFileSync(path.join(root, 'data', 'public', f), 'utf8'))
  // 2016-03-27 is Easter Sunday: as-at dates that are not working days must not push events past them
  for (const [la, asAt] of [
    ['330', '2014-03-31'],
    ['886', '2016-03-27'],
  ])
    it(`are internally consistent (LA ${la} as at ${asAt}): nothing after the as-at date, nothing before birth or referral, ages fit the stage`, () => {
      const plan = planLa(pf, {
        laCode: la,
        asAt,
        years: 2,
        seed: 'x',
        scale: 0.05,
        profiles: parseProfiles('birmingham-2014'),
      })
      const A = plan.asAt
      let n = 0
      for (const c of childrenOf(plan)) {
        n++
        const where = `${c.id}`
        for (const k of c.contacts) assert.ok(k.date <= A && k.date >= c.dob, `${where} contact ${isoOf(k.date)}`)
        for (const e of c.episodes) {
          assert.ok(e.referral <= A && e.referral >= c.dob, `${where} referral ${isoOf(e.referral)}`)
          if (e.closure !== null) assert.ok(e.closure >= e.referral && e.closure <= A, `${where} closure`)
          for (const a of e.assessments) {
            assert.ok(a.start >= e.referral && a.start <= A, `${where} assessment start`)
            if (a.authorised !== null) assert.ok(a.authorised >= a.start && a.authorised <= A, `${where} authorisation`)
          }
          for (const s of e.s47s) if (s.icpc !== null) assert.ok(s.icpc >= s.start && s.icpc <= A, `${where} ICPC`)
          for (const p of e.cpPlans) {
            assert.ok(p.start <= A && (p.end === null || (p.end >= p.start && p.end <= A)), `${where} CP plan`)
            for (const d of [...p.reviews, ...p.visits])
              assert.ok(d > p.start && d <= A, `${where} CP review/visit ${isoOf(d)}`)
          }
          const care = e.care
          if (care) {
            assert.ok(care.start >= e.referral && care.start <= A, `${where} care start`)
            let prev = care.start
            for (const ep of care.episodes) {
              assert.equal(ep.start, prev, `${where} 903 episodes chain`)
              if (ep.end !== null) prev = ep.end
            }
            for (const d of [...care.reviews, ...care.visits, ...care.healthChecks])
              assert.ok(d >= care.start && d <= A, `${where} care review/visit`)
          }
        }
        for (const a of c.allocations)
          assert.ok(a.start <= A && (a.end === null || (a.end >= a.start && a.end <= A)), `${where} allocation`)
        const stage = stageOf(c, A)
        if (stage) assert.ok(ageOn(c.dob, A) <= 17, `${where} open case aged ${ageOn(c.dob, A)}`)
        if (c.careLeaver) assert.ok(ageOn(c.dob, A) >= 18 && ageOn(c.dob, A) <= 21, `${where} care leaver age`)
      }
      assert.ok(n > 1000)
    })
})
