import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min'
import { err, ok, type Result } from '../../result.js'
import type { NormalizeError } from './email.js'

/**
 * A phone number in E.164 (`+16505551212`), parsed with libphonenumber-js. A number without an
 * international prefix needs a country: the event's, else the relay's default. `00` is read as the
 * international prefix. An unparseable number is an error, never hashed as typed.
 * @example normalizePhone('(650)555-1212', 'US') // ok('+16505551212')
 */
export function normalizePhone(value: string, defaultCountry?: string): Result<string, NormalizeError> {
  const trimmed = value.trim()
  if (trimmed === '') return err('empty')
  const international = trimmed.replace(/^00(?=\d)/, '+').replace(/^\+?\s*\(?\+/, '+')
  const country = defaultCountry && /^[A-Za-z]{2}$/.test(defaultCountry) ? (defaultCountry.toUpperCase() as CountryCode) : undefined
  const parsed = parsePhoneNumberFromString(international, country ? { defaultCountry: country } : undefined)
  if (!parsed || !parsed.isPossible()) return err('invalid')
  return ok(parsed.number)
}

/**
 * Meta (and Pinterest, Snap) hash the digits with the country code and without `+` (platforms.md 1.3, 11.1).
 * @example toMetaPhone('+16505551212') // '16505551212'
 */
export function toMetaPhone(e164: string): string {
  return e164.replace(/^\+/, '')
}
