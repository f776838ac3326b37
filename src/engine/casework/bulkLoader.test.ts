import assert from 'node:assert/strict'
import { test } from 'node:test'
import { CHUNK_BYTES, FIRST_BUFFER_BYTES, newChunk } from './bulkLoader.ts'
import { CsvRows, type EntityChunk } from './csvRows.ts'

test('a chunk buffer starts small and doubles to exactly the full size (CHUNK_BYTES and room for a row), then fills', () => {
  const c: EntityChunk = newChunk('contact', false)
  assert.equal(c.buffer.length, FIRST_BUFFER_BYTES)
  assert.ok(FIRST_BUFFER_BYTES <= 66 * 1024, 'a small upload takes kilobytes per entity, not 8 MB')
  const sizes = new Set<number>()
  let full: number | undefined
  const rows = new CsvRows({ chunk: () => c }, '1,"cin"', (chunk) => {
    sizes.add(chunk.buffer.length)
    if (chunk.used >= CHUNK_BYTES) full ??= chunk.buffer.length
  })
  for (let i = 0; full === undefined; i++) {
    rows.begin('contact')
    rows.text(`C${i}`)
    rows.text(`C${i}-K1`)
    rows.date('2014-01-06')
    rows.text('1A')
    rows.text('REFERRAL')
    rows.end()
  }
  assert.deepEqual(
    [...sizes],
    Array.from({ length: 8 }, (_, k) => FIRST_BUFFER_BYTES * 2 ** k),
  )
  assert.equal(full, CHUNK_BYTES + 64 * 1024, 'a full buffer is the size the loader keeps for reuse')
})
