import fc from 'fast-check'
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min'
import metadata from 'libphonenumber-js/min/metadata'
import { describe, expect, it } from 'vitest'
import { normalizePhone } from './phone.js'
import { normalizePhoneQuickly, quickInternational } from './quick-phone.js'

// The reference: normalizePhone as it was before international numbers skipped libphonenumber's country
// search, every parse with the full metadata. The fast path must give exactly this, for every input.
function referencePhone(value: string, country?: string): string | undefined {
  const trimmed = value.trim()
  if (trimmed === '') return undefined
  const international = trimmed.replace(/^\(?\s*(?:00|\+)\s*(?=[1-9])/, '+').replace(/^\+\s*\(?\s*\+/, '+')
  if (international.startsWith('+')) {
    const parsed = parsePhoneNumberFromString(international)
    return parsed?.isPossible() ? parsed.number : undefined
  }
  const upper = country?.trim().toUpperCase()
  const defaultCountry = upper !== undefined && /^[A-Z]{2}$/.test(upper) && upper in metadata.countries ? (upper as CountryCode) : undefined
  const national = defaultCountry ? parsePhoneNumberFromString(international, { defaultCountry }) : undefined
  if (national?.isPossible()) {
    const again = parsePhoneNumberFromString(national.number)
    if (again?.isPossible() && again.number === national.number) return national.number
  }
  const digits = international.replace(/\D/g, '')
  const asInternational = /^[1-9]\d{6,14}$/.test(digits) ? parsePhoneNumberFromString(`+${digits}`) : undefined
  return asInternational?.isValid() ? asInternational.number : undefined
}

// Both of the relay's paths: normalizePhone (the browser's too) and the table's normalizePhoneQuickly.
const resultOf = (value: string, country?: string) => {
  const result = normalizePhone(value, country)
  expect(normalizePhoneQuickly(value, country), value).toEqual(result)
  return result.ok ? result.value : undefined
}

// Calling codes shared by several countries (+1, +44, +61, +7, ...) are the ones the fast path treats
// differently; the others are there too.
const SHARED = Object.entries(metadata.country_calling_codes)
  .filter(([, countries]) => countries.length > 1)
  .map(([code]) => code)
const ALL = Object.keys(metadata.country_calling_codes)
const callingCode = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SHARED) }, { weight: 1, arbitrary: fc.constantFrom(...ALL) })
const nationalDigits = fc.stringMatching(/^[0-9]{1,17}$/)
const separator = fc.constantFrom('', ' ', '-', '.', ' (', ') ')
const countries = fc.constantFrom(undefined, 'US', 'CA', 'GB', 'JE', 'AU', 'CC', 'RU', 'KZ', 'DE', 'FR', 'xx')

describe('normalizePhone, international numbers without the country search', () => {
  it('gives what a parse with every country of the calling code gives', () => {
    fc.assert(
      fc.property(fc.constantFrom('+', '00', '+ ', '(+'), callingCode, separator, nationalDigits, countries, (prefix, code, sep, digits, country) => {
        const value = `${prefix}${code}${sep}${digits}`
        expect(resultOf(value, country)).toBe(referencePhone(value, country))
      }),
      { numRuns: 20_000 },
    )
  })

  it('gives the reference result for national numbers read in a country, and for bare digits', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '0', '1', '44', '61'), nationalDigits, countries, (prefix, digits, country) => {
        const value = `${prefix}${digits}`
        expect(resultOf(value, country)).toBe(referencePhone(value, country))
      }),
      { numRuns: 10_000 },
    )
  })

  it('gives the reference result with punctuation anywhere among the digits (the table path)', () => {
    // Digits and ` ().-` in any mix after `+`, `00` or `00 `: what quickInternational answers itself.
    const punctuated = fc.array(fc.tuple(fc.constantFrom('', '', ' ', '-', '.', '(', ')', ' (', ') ', '--', ' . '), fc.stringMatching(/^[0-9]{1,4}$/)), {
      minLength: 1,
      maxLength: 8,
    })
    fc.assert(
      fc.property(fc.constantFrom('+', '00', '00 ', '+ ', '+(', '00  '), callingCode, punctuated, countries, (prefix, code, parts, country) => {
        const value = `${prefix}${code}${parts.map(([sep, digits]) => sep + digits).join('')}`
        expect(resultOf(value, country)).toBe(referencePhone(value, country))
      }),
      { numRuns: 20_000 },
    )
  })

  it('answers the usual international forms from its table, without a parse', () => {
    for (const value of ['+1 (650) 555-1212', '+16505551212', '0044 20 7946 0958', '+49 30 1234567', '+33 1 23 45 67 89', '+61 8 9162 1234']) {
      expect(quickInternational(value), value).toBe(referencePhone(value))
    }
    // A 7-digit +1 number (possible in Canada only), an extension, letters: left to libphonenumber.
    for (const value of ['+1 204 2345', '+1 650 555 1212 ext. 7', '+1 650 CALL NOW', '+44 020 7946 0958']) expect(quickInternational(value), value).toBeUndefined()
  })

  it('gives the reference result for hand-picked +1, +44 and +61 numbers', () => {
    // Among the +1 countries, 7 digits are a possible length in Canada only: such a number takes the full search.
    for (const value of ['+1 204 2345', '+1 650 555 1212', '+1 2042345678', '+44 20 7946 0958', '+44 1534 123456', '+44 7700 900123', '+61 8 9162 1234']) {
      expect(resultOf(value)).toBe(referencePhone(value))
    }
  })
})
