import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { addDays, COVERED_YEARS, isWorkingDay } from '../../calendar/workingDays.ts'
import { openCaseworkStore } from '../store.ts'
import { prepareCalendar } from './index.ts'

// The table DuckDB builds is checked day by day against workingDays.ts (the shipped bank-holiday CSV, read in JS).
test('the working-day table holds every covered day, its working flag and running working-day count', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-calendar-'))
  const store = await openCaseworkStore({ dataDir, laCode: '330' })
  try {
    await prepareCalendar(store)
    const rows = await store.rows<{ day: string; idx: number; working: boolean }>(
      `SELECT strftime(day, '%Y-%m-%d') AS day, idx, working FROM wd_day ORDER BY day`,
    )
    const expected: Array<{ day: string; idx: number; working: boolean }> = []
    let idx = 0
    for (let day = `${COVERED_YEARS.from}-01-01`; day <= `${COVERED_YEARS.to}-12-31`; day = addDays(day, 1)) {
      const working = isWorkingDay(day)
      if (working) idx++
      expected.push({ day, idx, working })
    }
    assert.equal(rows.length, expected.length)
    assert.deepEqual(
      rows.map((r) => ({ day: r.day, idx: Number(r.idx), working: r.working })),
      expected,
    )
    // Spot checks a reader can verify by hand: Easter Monday 2014 and Christmas 2014 are not working days.
    const byDay = new Map(rows.map((r) => [r.day, r]))
    assert.equal(byDay.get('2014-04-21')?.working, false)
    assert.equal(byDay.get('2014-12-25')?.working, false)
    assert.equal(byDay.get('2014-04-22')?.working, true)
  } finally {
    store.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})
