import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { collectOnce } from './collectOnce.ts'

describe('collectOnce', () => {
  it('collects dead buffers now, without leaving gc exposed to the process', () => {
    let buffers: ArrayBuffer[] | undefined = Array.from({ length: 64 }, () => new ArrayBuffer(1 << 20))
    assert.equal(buffers.length, 64)
    const held = process.memoryUsage().arrayBuffers
    buffers = undefined
    collectOnce()
    const after = process.memoryUsage().arrayBuffers
    assert.ok(held - after >= 60 * (1 << 20), `64 MB of dead buffers collected (${held} -> ${after} bytes)`)
    assert.equal((globalThis as { gc?: unknown }).gc, undefined)
  })
})
