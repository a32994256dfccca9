import type { RawUserData } from '../event/event.schema.js'
import type { PlatformId } from '../platform.js'
import type { Result } from '../result.js'
import { GA4_MAX_EMAILS_OR_PHONES, type HashedUserDataFields, type PlainIdentifiers } from './hashed-user-data.js'
import { isSha256 } from './is-sha256.js'
import { normalizeBirthDate } from './normalize/birth-date.js'
import { toPlaceForm } from './normalize/city.js'
import { normalizeCountry } from './normalize/country.js'
import { normalizeEmail, toGoogleEmail } from './normalize/email.js'
import { normalizeExternalId } from './normalize/external-id.js'
import { normalizeGender } from './normalize/gender.js'
import { toLowerText } from './normalize/lower-text.js'
import { toNameForm, toNameLetters, type NamePart } from './normalize/name.js'
import type { NormalizeError } from './normalize/normalize-error.js'
import { normalizePhone, toMetaPhone } from './normalize/phone.js'
import { normalizePostalCode } from './normalize/postal-code.js'
import { toRegionCode } from './normalize/region.js'
import { normalizeStreet } from './normalize/street.js'

export type NormalizeUserDataOptions = {
  /** ISO 3166-1 alpha-2 country for phone numbers (and US zips) when the event names no country. */
  defaultCountry?: string
  /** Today, for the date-of-birth year range. @default new Date() */
  now?: Date
  /**
   * Leave out the values GA4 and TikTok take in clear (GA4's address city, region, postal code and
   * country; TikTok's city, state and country), so that the result holds hashes and ids only: for
   * `hashInBrowser`, where only hashes may leave the page. @default false
   */
  hashesOnly?: boolean
  /**
   * The platforms whose slots are filled; the others' stay empty, and their values are neither
   * normalised for them nor hashed (the relay passes its configured destinations). @default all three
   */
  platforms?: readonly PlatformId[]
}

/**
 * User data normalised per platform, laid out like `HashedUserData`, before hashing: each hashed slot
 * holds the exact string that will be hashed, or a SHA-256 digest that came in already hashed and
 * passes through. Raw PII: never log, store or send it.
 */
export type NormalizedUserData = HashedUserDataFields

/**
 * What `layOutUserData` applies to each value bound for a hashed slot: SHA-256 with a per-event memo
 * (`hashUserData`), or nothing (`normalizeUserData`). Never called for a clear slot.
 */
export type SlotHasher = { hash(value: string): string }

/** A phone normaliser: `normalizePhone`, or the relay's `normalizePhoneQuickly` (the same results). */
export type PhoneNormalizer = (value: string, country?: string) => Result<string, NormalizeError>

const AS_IS: SlotHasher = { hash: (value) => value }

/**
 * Normalises every PII value for each platform (platforms.md 1.3, 2.3, 3.3; rules in `normalize/`); an
 * empty or invalid value is dropped, an already hashed one passes through to the hashed slots only (a
 * digest is never put where a platform expects clear text). The phone and zip country is the event's,
 * else `defaultCountry`. Emails and phones: every distinct one to Meta and TikTok, the first 3 to GA4.
 * @example normalizeUserData({ phone: '+1 (202) 555-1234' }).meta.ph // ['12025551234']
 */
export function normalizeUserData(raw: RawUserData, options: NormalizeUserDataOptions = {}): NormalizedUserData {
  return layOutUserData(raw, options, AS_IS, normalizePhone)
}

type Ga4Address = NonNullable<NormalizedUserData['ga4']['address']>[number]
type Many = string | readonly string[] | undefined

/**
 * `normalizeUserData` with `hasher` applied to every value bound for a hashed slot, as it is laid out:
 * one pass over the user data, each value normalised once for the platforms that share a rule, and each
 * record filled key by key in its payload's order with absent values left out (no second pass to hash
 * or compact: this runs for every event on the relay). The normalisation table and property tests check
 * every slot against `normalizeField`.
 */
export function layOutUserData(
  raw: RawUserData,
  options: NormalizeUserDataOptions,
  hasher: SlotHasher,
  phoneOf: PhoneNormalizer,
): HashedUserDataFields {
  const rawCountry = raw.country
  const countryDigest = rawCountry === undefined ? undefined : digestOf(rawCountry)
  const eventCountry = rawCountry === undefined || countryDigest !== undefined ? undefined : valueOf(normalizeCountry(rawCountry))
  // The phone and zip country: the event's, else the default; '' counts as none.
  const country = eventCountry ?? (options.defaultCountry?.trim().toLowerCase() || undefined)
  const { platforms } = options
  const forMeta = platforms === undefined || platforms.includes('meta')
  const forGa4 = platforms === undefined || platforms.includes('ga4')
  const forTiktok = platforms === undefined || platforms.includes('tiktok')
  // The clear slots (GA4's address city/region/postal code/country, TikTok's city/state/country).
  const withClear = options.hashesOnly !== true

  const emails = emailsOf(raw.email, forGa4)
  const phones = phonesOf(raw.phone, country, phoneOf)
  const firstName = namesOf(raw.first_name, 'first', forGa4)
  const lastName = namesOf(raw.last_name, 'last', forGa4)
  // City and state lowercased once for the three platforms (a digest: none, it goes to Meta as it is).
  const cityDigest = raw.city === undefined ? undefined : digestOf(raw.city)
  const city = raw.city === undefined || cityDigest !== undefined ? undefined : toLowerText(raw.city)
  const stateDigest = raw.state === undefined ? undefined : digestOf(raw.state)
  const state = raw.state === undefined || stateDigest !== undefined ? undefined : toLowerText(raw.state)
  // normalizeRegion's rule: a known region's code is every platform's.
  const stateCode = state === undefined || state === '' ? undefined : toRegionCode(state)
  // Meta's zip rule is TikTok's too.
  const zip = raw.zip === undefined || !(forMeta || forTiktok) ? undefined : (digestOf(raw.zip) ?? valueOf(normalizePostalCode(raw.zip, 'meta', country)))

  const meta: NormalizedUserData['meta'] = {}
  if (forMeta) {
    if (emails.plain.length > 0) meta.em = hashedList(emails.plain, hasher, emails.plain.length)
    if (phones.meta.length > 0) meta.ph = hashedList(phones.meta, hasher, phones.meta.length)
    if (firstName?.meta !== undefined) meta.fn = [hasher.hash(firstName.meta)]
    if (lastName?.meta !== undefined) meta.ln = [hasher.hash(lastName.meta)]
    const gender = single(raw.gender, normalizeGender)
    if (gender !== undefined) meta.ge = [hasher.hash(gender)]
    const birthDate = raw.date_of_birth === undefined ? undefined : (digestOf(raw.date_of_birth) ?? valueOf(normalizeBirthDate(raw.date_of_birth, options.now)))
    if (birthDate !== undefined) meta.db = [hasher.hash(birthDate)]
    const ct = cityDigest ?? placeOf(city, 'meta')
    if (ct !== undefined) meta.ct = [hasher.hash(ct)]
    const st = stateDigest ?? stateCode ?? placeOf(state, 'meta')
    if (st !== undefined) meta.st = [hasher.hash(st)]
    if (zip !== undefined) meta.zp = [hasher.hash(zip)]
    const countryCode = countryDigest ?? eventCountry
    if (countryCode !== undefined) meta.country = [hasher.hash(countryCode)]
    const ids = externalIdsOf(raw.external_id, 'meta')
    if (ids.length > 0) meta.external_id = hashedList(ids, hasher, ids.length)
  }

  const ga4: NormalizedUserData['ga4'] = {}
  if (forGa4) {
    if (emails.google.length > 0) ga4.sha256_email_address = hashedList(emails.google, hasher, GA4_MAX_EMAILS_OR_PHONES)
    if (phones.e164.length > 0) ga4.sha256_phone_number = hashedList(phones.e164, hasher, GA4_MAX_EMAILS_OR_PHONES)
    const address: Ga4Address = {}
    if (firstName?.ga4 !== undefined) address.sha256_first_name = hasher.hash(firstName.ga4)
    if (lastName?.ga4 !== undefined) address.sha256_last_name = hasher.hash(lastName.ga4)
    const street = raw.street === undefined ? undefined : (digestOf(raw.street) ?? valueOf(normalizeStreet(raw.street)))
    if (street !== undefined) address.sha256_street = hasher.hash(street)
    // The clear slots; a digest never goes to one.
    if (withClear) {
      const clearCity = placeOf(city, 'ga4')
      if (clearCity !== undefined) address.city = clearCity
      const region = stateCode ?? placeOf(state, 'ga4')
      if (region !== undefined) address.region = region
      const postalCode = raw.zip === undefined || digestOf(raw.zip) !== undefined ? undefined : valueOf(normalizePostalCode(raw.zip, 'ga4'))
      if (postalCode !== undefined) address.postal_code = postalCode
      if (eventCountry !== undefined) address.country = eventCountry
    }
    if (hasKeys(address)) ga4.address = [address]
  }

  const tiktok: NormalizedUserData['tiktok'] = {}
  if (forTiktok) {
    if (emails.plain.length > 0) tiktok.email = hashedList(emails.plain, hasher, emails.plain.length)
    if (phones.e164.length > 0) tiktok.phone = hashedList(phones.e164, hasher, phones.e164.length)
    const ids = externalIdsOf(raw.external_id, 'tiktok')
    if (ids.length > 0) tiktok.external_id = hashedList(ids, hasher, ids.length)
    // TikTok's names and zip take Meta's rule.
    if (firstName?.meta !== undefined) tiktok.first_name = hasher.hash(firstName.meta)
    if (lastName?.meta !== undefined) tiktok.last_name = hasher.hash(lastName.meta)
    if (zip !== undefined) tiktok.zip_code = hasher.hash(zip)
    if (withClear) {
      const clearCity = placeOf(city, 'tiktok')
      if (clearCity !== undefined) tiktok.city = clearCity
      const clearState = stateCode ?? placeOf(state, 'tiktok')
      if (clearState !== undefined) tiktok.state = clearState
      if (eventCountry !== undefined) tiktok.country = eventCountry
    }
  }

  return { meta, ga4, tiktok, ids: plainIdentifiers(raw) }
}

// An already hashed value, lowercased (the platforms want lowercase hex); undefined for a clear value.
// (A digest is 64 characters: shorter values, nearly all of them, skip the trim.)
function digestOf(value: string): string | undefined {
  if (value.length < 64) return undefined
  const trimmed = value.trim()
  return isSha256(trimmed) ? trimmed.toLowerCase() : undefined
}

function hasKeys(record: object): boolean {
  for (const _key in record) return true
  return false
}

const valueOf = (result: Result<string, unknown>): string | undefined => (result.ok ? result.value : undefined)

const nonEmpty = (value: string): string | undefined => (value === '' ? undefined : value)

// A single-valued field hashed as is when it came hashed, else normalised.
function single(value: string | undefined, normalize: (value: string) => Result<string, unknown>): string | undefined {
  return value === undefined ? undefined : (digestOf(value) ?? valueOf(normalize(value)))
}


// normalizeCity's rule per platform, from the `toLowerText` form (also a region's without a code).
function placeOf(lower: string | undefined, platform: PlatformId): string | undefined {
  return lower === undefined || lower === '' ? undefined : nonEmpty(toPlaceForm(lower, platform))
}

// A name as Meta and TikTok hash it and, when asked, as GA4 does (normalizeName's rule, the common part once).
function namesOf(value: string | undefined, part: NamePart, forGa4: boolean): { meta: string | undefined; ga4: string | undefined } | undefined {
  if (value === undefined) return undefined
  const digest = digestOf(value)
  if (digest !== undefined) return { meta: digest, ga4: digest }
  const lower = toLowerText(value)
  const letters = lower === '' ? '' : toNameLetters(lower, part)
  const meta = nonEmpty(toNameForm(letters, 'meta'))
  return { meta, ga4: forGa4 ? nonEmpty(toNameForm(letters, 'ga4')) : undefined }
}

// Emails as Meta and TikTok hash them, and as Google does (gmail dots removed: platforms.md 2.3, 11.2).
function emailsOf(values: Many, forGoogle: boolean): { plain: string[]; google: string[] } {
  const emails = { plain: [] as string[], google: [] as string[] }
  if (values === undefined) return emails
  if (typeof values === 'string') addEmail(values, forGoogle, emails)
  else for (const value of values) addEmail(value, forGoogle, emails)
  return emails
}

function addEmail(value: string, forGoogle: boolean, emails: { plain: string[]; google: string[] }): void {
  const digest = digestOf(value)
  if (digest !== undefined) {
    emails.plain.push(digest)
    emails.google.push(digest)
    return
  }
  const email = normalizeEmail(value)
  if (!email.ok) return
  emails.plain.push(email.value)
  if (forGoogle) emails.google.push(toGoogleEmail(email.value))
}

// Each phone parsed once, rendered twice: Meta hashes the digits, Google and TikTok the E.164 with `+`
// (platforms.md 11.1).
function phonesOf(values: Many, country: string | undefined, phoneOf: PhoneNormalizer): { meta: string[]; e164: string[] } {
  const phones = { meta: [] as string[], e164: [] as string[] }
  if (values === undefined) return phones
  if (typeof values === 'string') addPhone(values, country, phoneOf, phones)
  else for (const value of values) addPhone(value, country, phoneOf, phones)
  return phones
}

function addPhone(value: string, country: string | undefined, phoneOf: PhoneNormalizer, phones: { meta: string[]; e164: string[] }): void {
  const digest = digestOf(value)
  if (digest !== undefined) {
    phones.meta.push(digest)
    phones.e164.push(digest)
    return
  }
  const phone = phoneOf(value, country)
  if (!phone.ok) return
  phones.meta.push(toMetaPhone(phone.value))
  phones.e164.push(phone.value)
}

function externalIdsOf(values: Many, platform: 'meta' | 'tiktok'): string[] {
  const ids: string[] = []
  if (values === undefined) return ids
  if (typeof values === 'string') addExternalId(values, platform, ids)
  else for (const value of values) addExternalId(value, platform, ids)
  return ids
}

function addExternalId(value: string, platform: 'meta' | 'tiktok', ids: string[]): void {
  const id = digestOf(value) ?? valueOf(normalizeExternalId(value, platform))
  if (id !== undefined) ids.push(id)
}

// The hashes of the first `max` distinct values of a non-empty list, in a fresh list.
function hashedList(values: readonly string[], hasher: SlotHasher, max: number): string[] {
  if (values.length === 1) return [hasher.hash(values[0]!)]
  const out: string[] = []
  for (const value of new Set(values)) {
    if (out.length === max) break
    out.push(hasher.hash(value))
  }
  return out
}

// The identifiers platforms take as they are (platforms.md 1.3, 2.2, 3.3): copied unmodified (an fbc's
// click id is case-sensitive, 1.7), blank ones left out. Written out key by key: a loop over the key
// names made every read and write a keyed one, several times slower on this per-event path.
function plainIdentifiers(raw: RawUserData): PlainIdentifiers {
  const ids: PlainIdentifiers = {}
  if (isPresent(raw.client_ip_address)) ids.client_ip_address = raw.client_ip_address
  if (isPresent(raw.client_user_agent)) ids.client_user_agent = raw.client_user_agent
  if (isPresent(raw.fbp)) ids.fbp = raw.fbp
  if (isPresent(raw.fbc)) ids.fbc = raw.fbc
  if (isPresent(raw.ga_client_id)) ids.ga_client_id = raw.ga_client_id
  if (isPresent(raw.ga_session_id)) ids.ga_session_id = raw.ga_session_id
  if (isPresent(raw.ttclid)) ids.ttclid = raw.ttclid
  if (isPresent(raw.ttp)) ids.ttp = raw.ttp
  if (isPresent(raw.gclid)) ids.gclid = raw.gclid
  return ids
}

const isPresent = (value: string | undefined): value is string => value !== undefined && value.trim() !== ''
