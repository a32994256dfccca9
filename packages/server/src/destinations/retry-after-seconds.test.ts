import { describe, expect, it } from 'vitest'
import { parseRetryAfterSeconds } from './retry-after-seconds.js'

describe('parseRetryAfterSeconds', () => {
  it.each([
    ['120', 120_000],
    [' 5 ', 5_000],
    ['0', 0],
  ])('reads delay-seconds %j as %i ms', (value, ms) => {
    expect(parseRetryAfterSeconds({ 'retry-after': value })).toBe(ms)
  })

  it.each(['Mon, 01 Jun 2026 12:05:00 GMT', '-1', '1.5', ''])('leaves %j to the delivery worker (undefined)', (value) => {
    expect(parseRetryAfterSeconds({ 'retry-after': value })).toBeUndefined()
  })

  it('is undefined without the header', () => {
    expect(parseRetryAfterSeconds({})).toBeUndefined()
  })
})
