import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadConfig } from './config.ts'

describe('configuration', () => {
  it('listens on this machine only unless HOST says otherwise', () => {
    assert.equal(loadConfig({}).host, '127.0.0.1')
    assert.equal(loadConfig({ HOST: '' }).host, '127.0.0.1')
    assert.equal(loadConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0')
  })

  it('names the bad variable when a value is wrong', () => {
    assert.throws(() => loadConfig({ PORT: '70000' }), /Invalid configuration:\n {2}port: /)
  })
})
