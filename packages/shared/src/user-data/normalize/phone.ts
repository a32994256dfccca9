import { Metadata, parsePhoneNumberFromString as parseWithMetadata, type MetadataJson } from 'libphonenumber-js/core'
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/min'
import metadata from 'libphonenumber-js/min/metadata'
import { err, ok, type Result } from '../../result.js'
import type { NormalizeError } from './normalize-error.js'

// `00` is the international prefix in most of the world, and people type it (`0044 20 7946 0958`) even
// when the site's country dials out with another one; `(+44)` and `+ 44` are the same prefix.
const toPlusPrefix = (value: string) => value.replace(/^\(?\s*(?:00|\+)\s*(?=[1-9])/, '+').replace(/^\+\s*\(?\s*\+/, '+')

const toCountryCode = (country: string | undefined): CountryCode | undefined => {
  const upper = country?.trim().toUpperCase()
  return upper !== undefined && /^[A-Z]{2}$/.test(upper) && isSupportedCountry(upper) ? upper : undefined
}

/**
 * A phone number in E.164 (`+16505551212`), parsed with libphonenumber-js (platforms.md 2.3, 3.3, 11.1).
 * A number with an international prefix (`+`, `00`) needs no country. One without is read in `country`
 * (the event's, else the relay's default); failing that, digits that already start with a country code
 * (`16505551212`, the form Meta hashes) are read as international, but then only a number
 * libphonenumber finds valid is kept: a national number read with a wrong country code would hash
 * somebody else's number. Anything else is an error, never hashed as typed.
 * @example normalizePhone('(650)555-1212', 'US') // ok('+16505551212')
 */
export function normalizePhone(value: string, country?: string): Result<string, NormalizeError> {
  const trimmed = value.trim()
  if (trimmed === '') return err('empty')
  const international = toPlusPrefix(trimmed)
  // With a country code in the input, "possible" (the length fits the country) is enough: the costly
  // isValid() pattern match is kept for the guesses below.
  if (international.startsWith('+')) {
    const parsed = parseInternational(international)
    return parsed?.isPossible() ? ok(parsed.number) : err('invalid')
  }
  const defaultCountry = toCountryCode(country)
  const national = defaultCountry ? parsePhoneNumberFromString(international, { defaultCountry }) : undefined
  if (national?.isPossible() && readsBack(national.number)) return ok(national.number)
  const digits = international.replace(/\D/g, '')
  const asInternational = /^[1-9]\d{6,14}$/.test(digits) ? parsePhoneNumberFromString(`+${digits}`) : undefined
  return asInternational?.isValid() ? ok(asInternational.number) : err('invalid')
}

// A national reading is kept only if its E.164 reads back as itself, a possible number: for some input
// libphonenumber keeps a national 0 after the country code (`0100` in the Cocos Islands → `+61010000`,
// which reads back as `+6110000`) or accepts a local-only length (7 digits in Canada) that the
// international form does not have. A value that changes when normalised again would be hashed in two forms.
function readsBack(e164: string): boolean {
  const again = parseInternational(e164)
  return again !== undefined && again.isPossible() && again.number === e164
}

// Where the result is only `.number` and `.isPossible()`, the exact country among those sharing a calling
// code (+1: 25 of them, +44: 4) does not matter unless the countries disagree on the number's length:
// `.number` is the calling code and the national number, found before the country, and `isPossible()`
// checks the length against the country's possible lengths (else the calling code's first country's).
// Finding the country is libphonenumber's costliest step (a regex per number type per country, compiled
// on each call: 40% of a +1 parse, 60% of a +44 one). So an international number is parsed first with
// metadata that lists only the first country of each calling code, which skips that search, and kept if
// every country of the code agrees on its length; otherwise (a 7-digit +1 number: possible in Canada
// only) it is parsed again with the full list. phone.property.test.ts checks the two paths agree.
let firstCountryOnly: MetadataJson | undefined
let lengthsByCallingCode: Map<string, ReadonlyArray<readonly number[]>> | undefined

function parseInternational(value: string): PhoneNumber | undefined {
  firstCountryOnly ??= withFirstCountryOnly(metadata)
  const quick = parseWithMetadata(value, firstCountryOnly)
  if (quick === undefined || countriesAgreeOnLength(quick.countryCallingCode, quick.nationalNumber.length)) return quick
  return parsePhoneNumberFromString(value)
}

function withFirstCountryOnly(full: MetadataJson): MetadataJson {
  const codes: MetadataJson['country_calling_codes'] = {}
  for (const [code, countries] of Object.entries(full.country_calling_codes)) codes[code] = countries.slice(0, 1)
  return { ...full, country_calling_codes: codes }
}

function countriesAgreeOnLength(callingCode: string, length: number): boolean {
  lengthsByCallingCode ??= possibleLengthsByCallingCode(metadata)
  const lengths = lengthsByCallingCode.get(callingCode)
  if (lengths === undefined) return true
  const possible = lengths[0]!.includes(length)
  return lengths.every((list) => list.includes(length) === possible)
}

// For each calling code shared by several countries, each country's possible national number lengths.
function possibleLengthsByCallingCode(full: MetadataJson): Map<string, ReadonlyArray<readonly number[]>> {
  const plans = new Metadata(full)
  const out = new Map<string, ReadonlyArray<readonly number[]>>()
  for (const [code, countries] of Object.entries(full.country_calling_codes)) {
    if (countries.length < 2) continue
    out.set(
      code,
      countries.map((country) => {
        plans.selectNumberingPlan(country)
        return plans.numberingPlan?.possibleLengths() ?? []
      }),
    )
  }
  return out
}

/**
 * Meta (and Pinterest, Snap) hash the digits with the country code and without `+` (platforms.md 1.3, 11.1).
 * @example toMetaPhone('+16505551212') // '16505551212'
 */
export function toMetaPhone(e164: string): string {
  return e164.startsWith('+') ? e164.slice(1) : e164
}
