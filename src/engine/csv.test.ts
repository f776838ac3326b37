import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { toCsv } from './csv.ts'

describe('toCsv', () => {
  it('quotes separators and quotes, leaves nulls empty, keeps negative numbers', () => {
    const csv = toCsv([{ a: 'x,"y"', b: null, c: -2.5 }], ['a', 'b', 'c'])
    assert.equal(csv, 'a,b,c\r\n"x,""y""",,-2.5\r\n')
  })
  it('neutralises spreadsheet formulas in text cells', () => {
    assert.equal(toCsv([{ a: '=HYPERLINK("x")' }], ['a']), 'a\r\n"\'=HYPERLINK(""x"")"\r\n')
    assert.equal(toCsv([{ a: '@SUM(1)' }], ['a']), "a\r\n'@SUM(1)\r\n")
  })
})
