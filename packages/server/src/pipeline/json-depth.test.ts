import { describe, expect, it } from 'vitest'
import { exceedsJsonDepth } from './json-depth.js'

describe('exceedsJsonDepth', () => {
  it.each([
    ['{}', 1, false],
    ['{"a":{}}', 1, true],
    ['{"a":{}}', 2, false],
    ['[[[[1]]]]', 3, true],
    ['[[[[1]]]]', 4, false],
    ['{"a":"[[[[[[{{{{"}', 1, false],
    ['{"a":"\\"[[[[","b":1}', 1, false],
    ['{"a":"\\\\"}', 1, false],
    ['[{}, {}, {}, [1], [2]]', 2, false],
    ['"just a string"', 0, false],
  ])('%s with at most %i levels: %s', (text, max, expected) => {
    expect(exceedsJsonDepth(text, max)).toBe(expected)
  })

  it('scans a 64 KB bracket bomb without recursion', () => {
    expect(exceedsJsonDepth('['.repeat(65_536), 8)).toBe(true)
  })
})
