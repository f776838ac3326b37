import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { toCopyCsv, toCsv } from './csv.ts'

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

describe('toCopyCsv', () => {
  it('writes NULL as an empty unquoted field, an empty string quoted, and quotes separators', () => {
    const body = toCopyCsv(
      [
        { a: null, b: '', c: 'x,y' },
        { a: 1, b: '-', c: 'say "hi"' },
      ],
      ['a', 'b', 'c'],
    )
    assert.equal(body, ',"","x,y"\n1,-,"say ""hi"""')
  })
})
