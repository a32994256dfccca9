import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PLATFORM_IDS } from '../../platform.js'
import { toPlaceForm } from './city.js'
import { toLowerText, toNfc } from './lower-text.js'
import { dropAffixes, toNameLetters } from './name.js'
import { normalizePostalCode } from './postal-code.js'
import { toRegionCode } from './region.js'
import { CA_PROVINCES } from './tables/ca-provinces.js'
import { US_STATES } from './tables/us-states.js'

// The normalisers' shortcuts for plain a–z values (lower-text.ts isLowerLetters, city.ts, postal-code.ts)
// against their general rules, as they were before the shortcuts (the title and suffix rule is name.ts's own,
// which has no shortcut): the same result for every input.
const referenceNameLetters = (lower: string, part: 'first' | 'last') =>
  dropAffixes(dropAffixes(lower, part).replace(/[^\p{L}\p{M}\s]/gu, '').replace(/\s+/g, ' ').trim(), part)
const referencePlaceForm = (lower: string, platform: string) =>
  toNfc(
    platform === 'meta'
      ? lower.replace(/[^\p{L}\p{M}]/gu, '')
      : platform === 'tiktok'
        ? lower.replace(/[^\p{L}\p{M}\p{N}]/gu, '')
        : lower.replace(/[^\p{L}\p{M}\s]/gu, '').replace(/\s+/g, ' ').trim(),
  )
const regionKey = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]/g, '')
const referenceRegionCode = (lower: string) => {
  const key = regionKey(lower)
  const of = (table: Readonly<Record<string, string>>) => (Object.hasOwn(table, key) ? table[key] : undefined)
  return of(US_STATES) ?? of(CA_PROVINCES) ?? (/^[a-z]{2}$/.test(key) ? key : undefined)
}
const referencePostalCode = (value: string, platform: string, country?: string) => {
  const lower = toLowerText(value)
  if (lower === '') return undefined
  if (platform === 'ga4') {
    const code = toNfc(lower.replace(/[.~]/g, '').replace(/\s+/g, ' ').trim())
    return code.replace(/[^\p{L}\p{N}]/gu, '').length < 2 ? undefined : code
  }
  const zipPlus4 = /^(\d{5})[-\s]\d{4}$/.exec(lower)
  if (zipPlus4?.[1] !== undefined) return zipPlus4[1]
  const code = lower.replace(/[^\p{L}\p{N}]/gu, '')
  if (country === 'us' && /^\d{5}/.test(code)) return code.slice(0, 5)
  return code.length < 2 ? undefined : code
}

const plain = fc.oneof(
  fc.stringMatching(/^[a-z]{0,12}$/),
  fc.stringMatching(/^[a-z]{1,6}( [a-z]{1,6}){0,3}$/),
  fc.stringMatching(/^(mr|dr|ms|sir)[ .]?[a-z]{0,6}( (jr|iii|md))?$/),
  fc.string({ unit: fc.constantFrom(...'ab .-\t1,é'), maxLength: 10 }),
  fc.constantFrom(...Object.keys(US_STATES), ...Object.keys(CA_PROVINCES), 'ca', 'new york', 'qc'),
)

describe('the a–z shortcuts give what the general rules give', () => {
  it('names, places and regions', () => {
    fc.assert(
      fc.property(plain, (lower) => {
        for (const part of ['first', 'last'] as const) expect(toNameLetters(lower, part)).toBe(referenceNameLetters(lower, part))
        for (const platform of PLATFORM_IDS) expect(toPlaceForm(lower, platform)).toBe(referencePlaceForm(lower, platform))
        expect(toRegionCode(lower)).toBe(referenceRegionCode(lower))
      }),
      { numRuns: 5_000 },
    )
  })

  it('postal codes', () => {
    const zip = fc.oneof(fc.stringMatching(/^[0-9]{0,11}$/), fc.stringMatching(/^ ?[0-9]{1,6}[ -]?[0-9]{0,4} ?$/), fc.string({ unit: fc.constantFrom(...'09 .~-aB'), maxLength: 9 }))
    fc.assert(
      fc.property(zip, fc.constantFrom(undefined, 'us', 'gb'), (value, country) => {
        for (const platform of PLATFORM_IDS) {
          const result = normalizePostalCode(value, platform, country)
          expect(result.ok ? result.value : undefined).toBe(referencePostalCode(value, platform, country))
        }
      }),
      { numRuns: 5_000 },
    )
  })
})
