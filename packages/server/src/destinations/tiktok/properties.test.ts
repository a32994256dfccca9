import { toTiktokProperties } from '@pairtrack/shared'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { customDataArbitrary } from '../custom-data-arbitrary.js'
import { toTiktokProps } from './properties.js'

describe('the relay’s TikTok properties', () => {
  it('are the shared mapper’s (the pixel’s), undefined when empty', () => {
    fc.assert(
      fc.property(customDataArbitrary, (customData) => {
        const shared = toTiktokProperties(customData)
        const expected = Object.keys(shared).length > 0 ? shared : undefined
        const properties = toTiktokProps(customData)
        expect(JSON.stringify(properties)).toBe(JSON.stringify(expected))
        expect(properties).toStrictEqual(expected)
      }),
      { numRuns: 2_000 },
    )
  })
})
