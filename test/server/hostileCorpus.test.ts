import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { toCsv } from '../../src/engine/csv.ts'
import { FORMULAS, liveFormula, readCsv } from '../../scripts/hostile/corpus.ts'
import { runHostile } from '../../scripts/hostile/harness.ts'
import { demoPlanApp } from '../support/demoPlanApp.ts'

/**
 * The fast subset of `npm run test:hostile` (scripts/hostile): every upload endpoint gets the hostile files, every
 * free-text field of every form gets script, attribute, template and formula payloads, and the requests no browser
 * sends go to the forms; over the demo plan, on a real HTTP server on loopback.
 */
describe('hostile corpus (fast subset)', () => {
  const demo = demoPlanApp()

  it('crashes nothing, stores no hostile file and renders no payload active; every control still goes through', async () => {
    const tally = await runHostile(
      {
        url: demo.app.url,
        store: demo.store,
        services: demo.app.services,
        planId: demo.planId,
        passwords: demo.passwords,
      },
      { fast: true },
    )
    assert.deepEqual(tally.brokenControls, [], 'a control was refused: the harness would measure nothing')
    assert.deepEqual(tally.findings, [])
    assert.ok(tally.inputs >= 100, `only ${tally.inputs} inputs`)
    assert.equal(tally.crashes, 0)
    assert.equal(tally.stored, 0)
  })

  it('writes every formula payload into a CSV export as inert text, read back by a plain CSV reader', () => {
    const rows = FORMULAS.map((f, i) => ({ n: i, text: f, negative: -2.5 }))
    const cells = readCsv(toCsv(rows, ['n', 'text', 'negative'])).slice(1)
    assert.equal(cells.length, FORMULAS.length)
    for (const [i, row] of cells.entries()) {
      assert.equal(liveFormula(row[1]), false, `row ${i}: ${JSON.stringify(row[1])} would run`)
      assert.equal(row[1], `'${FORMULAS[i]}`, 'kept whole after the apostrophe')
      assert.equal(row[2], '-2.5', 'a negative number stays a number')
    }
  })
})
