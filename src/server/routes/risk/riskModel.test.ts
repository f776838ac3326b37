import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { MeasureEstimate } from '../../../services/riskService.ts'
import { headline, intervalInWords } from './riskModel.ts'

describe('the risk headline says the interval in the words of its sentence', () => {
  it('an excess (expected minus actual below zero) reads as children more, never as negative numbers', () => {
    const excess = {
      title: 'Child protection plans at 31 March',
      count: 1677,
      rate: 57.3,
      comparatorRate: 38.3,
      expected: 1121,
      gap: -556,
      interval: [-808, -307],
    } as unknown as MeasureEstimate
    const text = headline('Birmingham', 2025, excess, 'Statistical neighbours (mean)')
    assert.match(
      text,
      /556 more children than expected, with a 95% interval of between 307 and 808 more, so the excess/,
    )
    assert.doesNotMatch(text, /-\d/)
  })

  it('a shortfall reads as children fewer; an interval across zero names both sides', () => {
    assert.equal(intervalInWords([120.4, 410]), 'with a 95% interval of between 120 and 410 fewer')
    assert.equal(intervalInWords([-35, 1250]), 'with a 95% interval from 35 more to 1,250 fewer')
    assert.equal(intervalInWords([0, 12]), 'with a 95% interval from no difference to 12 fewer')
  })
})
