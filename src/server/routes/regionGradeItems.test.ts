import assert from 'node:assert/strict'
import { test } from 'node:test'
import { regionGradeItems } from './regionGradeItems.ts'

test('region and grade filters: an "all" first, the chosen ones selected', () => {
  const { regionItems, gradeItems } = regionGradeItems(['London', 'West Midlands'], { grade: 'Inadequate' })
  assert.deepEqual(regionItems, [
    { value: '', text: 'All regions' },
    { value: 'London', text: 'London', selected: false },
    { value: 'West Midlands', text: 'West Midlands', selected: false },
  ])
  assert.deepEqual(gradeItems[0], { value: '', text: 'Any grade' })
  assert.deepEqual(
    gradeItems.filter((g) => 'selected' in g && g.selected).map((g) => g.value),
    ['Inadequate'],
  )
  assert.deepEqual(regionGradeItems(['London'], { region: 'London' }).regionItems[1], {
    value: 'London',
    text: 'London',
    selected: true,
  })
})
