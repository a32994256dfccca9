import type { RawUserData } from '../event/event.schema.js'
import { PLATFORM_IDS, type PlatformId } from '../platform.js'
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
import { toNameForm, toNameLetters } from './normalize/name.js'
import type { NormalizeContext, UserDataField } from './normalize/normalize-field.js'
import { normalizePhone, toMetaPhone } from './normalize/phone.js'
import { normalizePostalCode } from './normalize/postal-code.js'
import { normalizeRegion, toRegionCode } from './normalize/region.js'
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

type Single = Exclude<UserDataField, 'email' | 'phone' | 'external_id'>
type Forms = Partial<Record<PlatformId, string>>
// Which platforms' forms to compute (the others are left undefined: their records are not filled).
type Wanted = Readonly<Record<PlatformId, boolean>>

// Per field, the platforms that hash it; the others take it in clear (platforms.md 1.3, 2.3, 3.3).
const HASHED_BY: Readonly<Record<Single, readonly PlatformId[]>> = {
  first_name: ['meta', 'ga4', 'tiktok'],
  last_name: ['meta', 'ga4', 'tiktok'],
  street: ['ga4'],
  gender: ['meta'],
  date_of_birth: ['meta'],
  city: ['meta'],
  state: ['meta'],
  zip: ['meta', 'tiktok'],
  country: ['meta'],
}

const SINGLE_FIELDS = Object.keys(HASHED_BY) as readonly Single[]

const toList = (value: string | readonly string[] | undefined): readonly string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : value

// An already hashed value, lowercased (the platforms want lowercase hex); undefined for a clear value.
const digestOf = (value: string): string | undefined => {
  const trimmed = value.trim()
  return isSha256(trimmed) ? trimmed.toLowerCase() : undefined
}

// A fresh list of the distinct values of a non-empty list (fresh: hashUserData hashes it in place).
const distinct = (values: readonly string[], max?: number): string[] => (values.length === 1 ? [...values] : [...new Set(values)].slice(0, max))

const valueOf = (result: Result<string, unknown>): string | undefined => (result.ok ? result.value : undefined)

const nonEmpty = (value: string): string | undefined => (value === '' ? undefined : value)

/**
 * One clear value of a single-valued field in each platform's form: the rules of `normalizeField`,
 * computed once where two platforms share a rule (TikTok's names and zip are Meta's; the country is the
 * same everywhere). This runs for every event on the relay, hence no generic per-platform loop; the
 * normalisation table test checks every slot against `normalizeField`.
 */
function formsOf(field: Single, value: string, context: NormalizeContext, country: string | undefined, forms: Wanted): Forms {
  switch (field) {
    case 'first_name':
    case 'last_name': {
      const lower = toLowerText(value)
      const letters = lower === '' ? '' : toNameLetters(lower, field === 'first_name' ? 'first' : 'last')
      const meta = nonEmpty(toNameForm(letters, 'meta'))
      return { meta, ga4: forms.ga4 ? nonEmpty(toNameForm(letters, 'ga4')) : undefined, tiktok: meta }
    }
    case 'street':
      return forms.ga4 ? { ga4: valueOf(normalizeStreet(value)) } : {}
    case 'city': {
      // normalizeCity's rule, with the lowercasing done once for the three platforms.
      const lower = toLowerText(value)
      if (lower === '') return {}
      return {
        meta: forms.meta ? nonEmpty(toPlaceForm(lower, 'meta')) : undefined,
        ga4: forms.ga4 ? nonEmpty(toPlaceForm(lower, 'ga4')) : undefined,
        tiktok: forms.tiktok ? nonEmpty(toPlaceForm(lower, 'tiktok')) : undefined,
      }
    }
    case 'state': {
      const code = toRegionCode(toLowerText(value))
      if (code !== undefined) return { meta: code, ga4: code, tiktok: code }
      return { meta: valueOf(normalizeRegion(value, 'meta')), ga4: valueOf(normalizeRegion(value, 'ga4')), tiktok: valueOf(normalizeRegion(value, 'tiktok')) }
    }
    case 'zip': {
      const meta = valueOf(normalizePostalCode(value, 'meta', context.country))
      return { meta, ga4: forms.ga4 ? valueOf(normalizePostalCode(value, 'ga4')) : undefined, tiktok: meta }
    }
    case 'country':
      return { meta: country, ga4: country, tiktok: country }
    case 'gender':
      return { meta: valueOf(normalizeGender(value)) }
    case 'date_of_birth':
      return { meta: valueOf(normalizeBirthDate(value, context.now)) }
  }
}

// Emails as Meta and TikTok hash them, and as Google does (gmail dots removed: platforms.md 2.3, 11.2).
function emailsOf(raw: RawUserData, forGoogle: boolean): { plain: string[]; google: string[] } {
  const emails = { plain: [] as string[], google: [] as string[] }
  for (const value of toList(raw.email)) {
    const digest = digestOf(value)
    const email = digest === undefined ? normalizeEmail(value) : undefined
    if (digest !== undefined) {
      emails.plain.push(digest)
      emails.google.push(digest)
    } else if (email?.ok) {
      emails.plain.push(email.value)
      if (forGoogle) emails.google.push(toGoogleEmail(email.value))
    }
  }
  return emails
}

// Each phone parsed once, rendered twice: Meta hashes the digits, Google and TikTok the E.164 with `+`
// (platforms.md 11.1).
function phonesOf(raw: RawUserData, country: string | undefined): { meta: string[]; e164: string[] } {
  const phones = { meta: [] as string[], e164: [] as string[] }
  for (const value of toList(raw.phone)) {
    const digest = digestOf(value)
    const phone = digest === undefined ? normalizePhone(value, country) : undefined
    if (digest !== undefined) {
      phones.meta.push(digest)
      phones.e164.push(digest)
    } else if (phone?.ok) {
      phones.meta.push(toMetaPhone(phone.value))
      phones.e164.push(phone.value)
    }
  }
  return phones
}

function externalIdsOf(raw: RawUserData, forTiktok: boolean): { meta: string[]; tiktok: string[] } {
  const ids = { meta: [] as string[], tiktok: [] as string[] }
  for (const value of toList(raw.external_id)) {
    const digest = digestOf(value)
    const meta = digest ?? valueOf(normalizeExternalId(value, 'meta'))
    const tiktok = digest ?? (forTiktok ? valueOf(normalizeExternalId(value, 'tiktok')) : undefined)
    if (meta !== undefined) ids.meta.push(meta)
    if (tiktok !== undefined) ids.tiktok.push(tiktok)
  }
  return ids
}

// Each single-valued field per platform: a digest goes to the platforms that hash the field, never to
// a clear slot; hashesOnly drops the clear slots altogether.
function singleFieldsOf(raw: RawUserData, context: NormalizeContext, country: string | undefined, hashesOnly: boolean, wanted: Wanted): Record<Single, Forms> {
  const single = {} as Record<Single, Forms>
  for (const field of SINGLE_FIELDS) {
    const value = raw[field]
    if (value === undefined) {
      single[field] = {}
      continue
    }
    const digest = digestOf(value)
    let forms: Forms
    if (digest === undefined) forms = formsOf(field, value, context, country, wanted)
    else {
      forms = {}
      for (const platform of HASHED_BY[field]) forms[platform] = digest
    }
    if (hashesOnly) for (const platform of PLATFORM_IDS) if (!HASHED_BY[field].includes(platform)) delete forms[platform]
    single[field] = forms
  }
  return single
}

/**
 * Normalises every PII value for each platform (platforms.md 1.3, 2.3, 3.3; rules in `normalize/`); an
 * empty or invalid value is dropped, an already hashed one passes through to the hashed slots only (a
 * digest is never put where a platform expects clear text). The phone and zip country is the event's,
 * else `defaultCountry`. Emails and phones: every distinct one to Meta and TikTok, the first 3 to GA4.
 * @example normalizeUserData({ phone: '+1 (202) 555-1234' }).meta.ph // ['12025551234']
 */
export function normalizeUserData(raw: RawUserData, options: NormalizeUserDataOptions = {}): NormalizedUserData {
  const eventCountry = raw.country === undefined || digestOf(raw.country) ? undefined : valueOf(normalizeCountry(raw.country))
  const contextCountry = eventCountry ?? options.defaultCountry?.trim().toLowerCase()
  const context: NormalizeContext = {
    ...(contextCountry ? { country: contextCountry } : {}),
    ...(options.now ? { now: options.now } : {}),
  }
  const platforms = options.platforms ?? PLATFORM_IDS
  const forMeta = platforms.includes('meta')
  const forGa4 = platforms.includes('ga4')
  const forTiktok = platforms.includes('tiktok')
  const emails = emailsOf(raw, forGa4)
  const phones = phonesOf(raw, context.country)
  const externalIds = externalIdsOf(raw, forTiktok)
  const single = singleFieldsOf(raw, context, eventCountry, options.hashesOnly === true, { meta: forMeta, ga4: forGa4, tiktok: forTiktok })
  const { first_name: fn, last_name: ln, street, gender, date_of_birth: db, city, state, zip, country } = single
  // Each record is filled key by key in the payload's order, leaving absent values out: no compacting copy
  // of a literal with undefined holes (this runs for every event on the relay).
  const meta: NormalizedUserData['meta'] = {}
  if (forMeta) {
    if (emails.plain.length > 0) meta.em = distinct(emails.plain)
    if (phones.meta.length > 0) meta.ph = distinct(phones.meta)
    if (fn.meta !== undefined) meta.fn = [fn.meta]
    if (ln.meta !== undefined) meta.ln = [ln.meta]
    if (gender.meta !== undefined) meta.ge = [gender.meta]
    if (db.meta !== undefined) meta.db = [db.meta]
    if (city.meta !== undefined) meta.ct = [city.meta]
    if (state.meta !== undefined) meta.st = [state.meta]
    if (zip.meta !== undefined) meta.zp = [zip.meta]
    if (country.meta !== undefined) meta.country = [country.meta]
    if (externalIds.meta.length > 0) meta.external_id = distinct(externalIds.meta)
  }

  const ga4: NormalizedUserData['ga4'] = {}
  if (forGa4) {
    if (emails.google.length > 0) ga4.sha256_email_address = distinct(emails.google, GA4_MAX_EMAILS_OR_PHONES)
    if (phones.e164.length > 0) ga4.sha256_phone_number = distinct(phones.e164, GA4_MAX_EMAILS_OR_PHONES)
    const address: Ga4Address = {}
    if (fn.ga4 !== undefined) address.sha256_first_name = fn.ga4
    if (ln.ga4 !== undefined) address.sha256_last_name = ln.ga4
    if (street.ga4 !== undefined) address.sha256_street = street.ga4
    if (city.ga4 !== undefined) address.city = city.ga4
    if (state.ga4 !== undefined) address.region = state.ga4
    if (zip.ga4 !== undefined) address.postal_code = zip.ga4
    if (country.ga4 !== undefined) address.country = country.ga4
    if (hasKeys(address)) ga4.address = [address]
  }

  const tiktok: NormalizedUserData['tiktok'] = {}
  if (forTiktok) {
    if (emails.plain.length > 0) tiktok.email = distinct(emails.plain)
    if (phones.e164.length > 0) tiktok.phone = distinct(phones.e164)
    if (externalIds.tiktok.length > 0) tiktok.external_id = distinct(externalIds.tiktok)
    if (fn.tiktok !== undefined) tiktok.first_name = fn.tiktok
    if (ln.tiktok !== undefined) tiktok.last_name = ln.tiktok
    if (zip.tiktok !== undefined) tiktok.zip_code = zip.tiktok
    if (city.tiktok !== undefined) tiktok.city = city.tiktok
    if (state.tiktok !== undefined) tiktok.state = state.tiktok
    if (country.tiktok !== undefined) tiktok.country = country.tiktok
  }

  return { meta, ga4, tiktok, ids: plainIdentifiers(raw) }
}

type Ga4Address = NonNullable<NormalizedUserData['ga4']['address']>[number]

function hasKeys(record: object): boolean {
  for (const _key in record) return true
  return false
}

const PLAIN_ID_KEYS = [
  'client_ip_address',
  'client_user_agent',
  'fbp',
  'fbc',
  'ga_client_id',
  'ga_session_id',
  'ttclid',
  'ttp',
  'gclid',
] as const satisfies ReadonlyArray<keyof PlainIdentifiers & keyof RawUserData>

// The identifiers platforms take as they are (platforms.md 1.3, 2.2, 3.3): copied unmodified (an fbc's
// click id is case-sensitive, 1.7), blank ones left out.
function plainIdentifiers(raw: RawUserData): PlainIdentifiers {
  const ids: PlainIdentifiers = {}
  for (const key of PLAIN_ID_KEYS) {
    const value = raw[key]
    if (value !== undefined && value.trim() !== '') ids[key] = value
  }
  return ids
}
