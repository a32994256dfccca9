import { describe, expect, it } from 'vitest'
import { parseRetryAfter } from './retry-after.js'

const NOW = Date.parse('2015-10-21T07:28:00Z')

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Wed, 21 Oct 2015 07:29:30 GMT', 90_000],
    ['Wednesday, 21-Oct-15 07:28:10 GMT', 10_000],
    ['Wed Oct 21 07:28:05 2015', 5_000],
    ['Wed, 21 Oct 2015 07:00:00 GMT', 0],
  ])('reads %j as %i ms from now', (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected)
  })

  it.each([undefined, '', 'soon', '-5', '1.5', '2015-10-21T07:29:00Z', 'Wed, 21 Oct 2015 07:29:30'])(
    'answers undefined for %j',
    (header) => {
      expect(parseRetryAfter(header, NOW)).toBeUndefined()
    },
  )
})
