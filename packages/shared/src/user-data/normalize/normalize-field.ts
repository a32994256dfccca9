import type { PlatformId } from '../../platform.js'
import { err, ok, type Result } from '../../result.js'
import { normalizeBirthDate } from './birth-date.js'
import { normalizeCity } from './city.js'
import { normalizeCountry } from './country.js'
import { normalizeEmail, toGoogleEmail } from './email.js'
import { normalizeExternalId } from './external-id.js'
import { normalizeGender } from './gender.js'
import { normalizeName } from './name.js'
import type { NormalizeError } from './normalize-error.js'
import { normalizePhone, toMetaPhone } from './phone.js'
import { normalizePostalCode } from './postal-code.js'
import { normalizeRegion } from './region.js'
import { normalizeStreet } from './street.js'

/** The PII fields of `RawUserData`: each is normalised per platform, then hashed or sent in clear. */
export type UserDataField =
  | 'email'
  | 'phone'
  | 'first_name'
  | 'last_name'
  | 'street'
  | 'city'
  | 'state'
  | 'zip'
  | 'country'
  | 'gender'
  | 'date_of_birth'
  | 'external_id'

/** What else a field's normaliser may need: the country a phone or zip belongs to, and today's date. */
export type NormalizeContext = {
  /** ISO 3166-1 alpha-2 (either case): the event's country, else the relay's default. */
  country?: string
  /** Today, for the date-of-birth year range. @default new Date() */
  now?: Date
}

/**
 * The fields each platform takes, from platforms.md 1.3 (Meta `user_data`), 2.3 (GA4 `user_data`) and 3.3
 * (TikTok `user`). GA4 has no gender, birth date or external id; TikTok no gender or birth date; only GA4
 * takes a street (`sha256_street`).
 */
export const PLATFORM_FIELDS: Readonly<Record<PlatformId, readonly UserDataField[]>> = {
  meta: ['email', 'phone', 'first_name', 'last_name', 'gender', 'date_of_birth', 'city', 'state', 'zip', 'country', 'external_id'],
  ga4: ['email', 'phone', 'first_name', 'last_name', 'street', 'city', 'state', 'zip', 'country'],
  tiktok: ['email', 'phone', 'external_id', 'first_name', 'last_name', 'city', 'state', 'country', 'zip'],
}

/**
 * One clear value normalised for one platform's field: the exact string the platform hashes (or, for
 * GA4's address and TikTok's city/state/country, takes in clear). `unsupported` when the platform has
 * no such field. The relay goes through `normalizeUserData`, which parses each phone once for all
 * platforms; this is the same rules one field at a time.
 * @example normalizeField('phone', '+1 (202) 555-1234', 'meta') // ok('12025551234')
 */
export function normalizeField(
  field: UserDataField,
  value: string,
  platform: PlatformId,
  context: NormalizeContext = {},
): Result<string, NormalizeError | 'unsupported'> {
  if (!PLATFORM_FIELDS[platform].includes(field)) return err('unsupported')
  const country = context.country?.toLowerCase()
  switch (field) {
    case 'email':
      return mapOk(normalizeEmail(value), platform === 'ga4' ? toGoogleEmail : undefined)
    case 'phone':
      return mapOk(normalizePhone(value, country), platform === 'meta' ? toMetaPhone : undefined)
    case 'first_name':
      return normalizeName(value, platform, 'first')
    case 'last_name':
      return normalizeName(value, platform, 'last')
    case 'street':
      return normalizeStreet(value)
    case 'city':
      return normalizeCity(value, platform)
    case 'state':
      return normalizeRegion(value, platform)
    case 'zip':
      return normalizePostalCode(value, platform, country)
    case 'country':
      return normalizeCountry(value)
    case 'gender':
      return normalizeGender(value)
    case 'date_of_birth':
      return normalizeBirthDate(value, context.now)
    case 'external_id':
      return normalizeExternalId(value, platform)
  }
}

function mapOk<E>(result: Result<string, E>, map: ((value: string) => string) | undefined): Result<string, E> {
  return result.ok && map !== undefined ? ok(map(result.value)) : result
}
