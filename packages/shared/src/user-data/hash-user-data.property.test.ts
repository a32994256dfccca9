import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RawUserData } from '../event/event.schema.js'
import { PLATFORM_IDS, type PlatformId } from '../platform.js'
import { hashUserData } from './hash-user-data.js'
import { isSha256 } from './is-sha256.js'
import { mapHashedSlots } from './map-hashed-slots.js'
import { normalizeCountry } from './normalize/country.js'
import { normalizeField, PLATFORM_FIELDS, type UserDataField } from './normalize/normalize-field.js'
import { normalizePhone } from './normalize/phone.js'
import { COUNTRY_NAMES } from './normalize/tables/countries.js'
import { normalizeUserData, type NormalizedUserData } from './normalize-user-data.js'

const sha256 = (input: string) => createHash('sha256').update(input, 'utf8').digest('hex')
const NOW = new Date('2026-06-01T12:00:00Z')

// Inputs: mostly shaped like the field (so that normalisation succeeds often), mixed with arbitrary text,
// blanks and digests.
const any = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 16 }), fc.string({ unit: fc.constantFrom(...'aAéE. -\'_1,정Σß\u0301'), maxLength: 16 }))
const digest = fc.stringMatching(/^[a-fA-F0-9]{64}$/)
const messy = (core: fc.Arbitrary<string>) =>
  fc.tuple(fc.constantFrom('', ' ', '  '), core, fc.constantFrom('', ' ', '\t'), fc.boolean()).map(([a, v, b, upper]) => a + (upper ? v.toUpperCase() : v) + b)
const field = (shaped: fc.Arbitrary<string>) => fc.oneof({ weight: 6, arbitrary: messy(shaped) }, { weight: 2, arbitrary: any }, digest, fc.constant(''))

const local = fc.stringMatching(/^[a-z0-9]{1,6}(\.[a-z0-9_+]{1,6}){0,2}$/)
const email = fc.oneof(fc.emailAddress(), fc.tuple(local, fc.constantFrom('gmail.com', 'GoogleMail.com', 'example.co.uk')).map(([l, d]) => `${l}@${d}`))
const phone = fc
  .tuple(fc.constantFrom('+1 ', '001 ', '+44 ', '0044', '0', '', '(+33) ', '+49', '1'), fc.stringMatching(/^[1-9][0-9 ()-]{5,13}$/))
  .map(([prefix, rest]) => prefix + rest)
const name = fc
  .tuple(fc.constantFrom('', 'Mr. ', 'dr ', 'MRS.', 'Mr.-'), fc.constantFrom('John', 'mary ann', 'Valéry', '정', "O'Brien", 'Jean-Luc', 'mr', 'x'), fc.constantFrom('', ' Jr.', ' ann', '-luc', ' III', ' 2'))
  .map(([title, core, tail]) => title + core + tail)
const street = fc.constantFrom('1600 Amphitheatre Pkwy.', 'Apt #4, 12 Rue de l\'Église', '221B Baker St', 'Straße des 17. Juni 135', '  ', '#-.')
const city = fc.constantFrom('Menlo Park', 'St. Louis', 'São Paulo', 'Winston-Salem', 'Zürich 8', 'The Bronx')
const state = fc.constantFrom('California', 'new york', 'CA', 'Québec', 'Bavaria', 'New South Wales', 'Washington, D.C.', 'ny.')
const zip = fc.oneof(fc.stringMatching(/^\d{5}([- ]\d{4})?$/), fc.stringMatching(/^[A-Z0-9]{2,4} ?[A-Z0-9.~-]{0,4}$/))
const country = fc.oneof(fc.constantFrom(...Object.values(COUNTRY_NAMES)), fc.constantFrom(...Object.keys(COUNTRY_NAMES)), fc.constantFrom('UK', 'USA', 'Deutschland'))
const gender = fc.constantFrom('Female', 'm', 'MALE', 'woman', 'x', 'Mr.')
const pad = (n: number) => String(n).padStart(2, '0')
const birthDate = fc
  .tuple(fc.date({ min: new Date('1890-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), fc.constantFrom('ymd', 'compact', 'dmy', 'mdy'))
  .map(([d, layout]) => {
    const [y, m, day] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())]
    return layout === 'ymd' ? `${y}-${m}-${day}` : layout === 'compact' ? `${y}${m}${day}` : layout === 'dmy' ? `${day}/${m}/${y}` : `${m}/${day}/${y}`
  })

const SHAPED: Record<UserDataField, fc.Arbitrary<string>> = {
  email: field(email),
  phone: field(phone),
  first_name: field(name),
  last_name: field(name),
  street: field(street),
  city: field(city),
  state: field(state),
  zip: field(zip),
  country: field(country),
  gender: field(gender),
  date_of_birth: field(birthDate),
  external_id: field(any),
}
const oneOrMany = (value: fc.Arbitrary<string>) => fc.oneof(value, fc.array(value, { minLength: 1, maxLength: 4 }))
const rawUserData: fc.Arbitrary<RawUserData> = fc.record(
  {
    ...SHAPED,
    email: oneOrMany(SHAPED.email),
    phone: oneOrMany(SHAPED.phone),
    external_id: oneOrMany(SHAPED.external_id),
    fbc: fc.constant('fb.1.1780315000000.IwAR2Case'),
    client_ip_address: fc.constantFrom('203.0.113.7', ' '),
  },
  { requiredKeys: [] },
)
const defaultCountry = fc.option(fc.constantFrom('US', 'GB', 'DE', 'FR', 'KR', 'BR', 'zz'), { nil: undefined })

// Every value of one platform's slot for one field (the layout of platforms.md 1.3, 2.3, 3.3).
function slotValues(data: NormalizedUserData, platform: PlatformId, f: UserDataField): string[] {
  const address = data.ga4.address?.[0]
  const slots: Record<PlatformId, Partial<Record<UserDataField, string | string[] | undefined>>> = {
    meta: {
      email: data.meta.em, phone: data.meta.ph, first_name: data.meta.fn, last_name: data.meta.ln, gender: data.meta.ge,
      date_of_birth: data.meta.db, city: data.meta.ct, state: data.meta.st, zip: data.meta.zp, country: data.meta.country,
      external_id: data.meta.external_id,
    },
    ga4: {
      email: data.ga4.sha256_email_address, phone: data.ga4.sha256_phone_number, first_name: address?.sha256_first_name,
      last_name: address?.sha256_last_name, street: address?.sha256_street, city: address?.city, state: address?.region, zip: address?.postal_code, country: address?.country,
    },
    tiktok: {
      email: data.tiktok.email, phone: data.tiktok.phone, external_id: data.tiktok.external_id, first_name: data.tiktok.first_name,
      last_name: data.tiktok.last_name, city: data.tiktok.city, state: data.tiktok.state, zip: data.tiktok.zip_code, country: data.tiktok.country,
    },
  }
  const value = slots[platform][f]
  return value === undefined ? [] : typeof value === 'string' ? [value] : value
}

describe('normalisation properties', () => {
  const fields = Object.keys(SHAPED) as UserDataField[]

  it.each(fields)('normalising a normalised %s changes nothing, for every platform', (f) => {
    fc.assert(
      fc.property(SHAPED[f].filter((v) => !isSha256(v.trim())), defaultCountry, (value, countryCode) => {
        const context = { now: NOW, ...(countryCode ? { country: countryCode } : {}) }
        for (const platform of PLATFORM_IDS) {
          const once = normalizeField(f, value, platform, context)
          if (!once.ok) continue
          expect(once.value).not.toBe('')
          // Meta's phone form is the E.164 digits without `+`: it is checked through that E.164.
          const again = f === 'phone' && platform === 'meta' ? normalizePhone(`+${once.value}`) : normalizeField(f, once.value, platform, context)
          expect(again).toEqual(f === 'phone' && platform === 'meta' ? { ok: true, value: `+${once.value}` } : once)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('hands SHA-256 only non-empty, normalised values, each a fixed point of its normaliser', () => {
    fc.assert(
      fc.property(rawUserData, defaultCountry, (raw, countryCode) => {
        const options = { now: NOW, ...(countryCode ? { defaultCountry: countryCode } : {}) }
        const hashedInputs: string[] = []
        const hashed = hashUserData(raw, { ...options, sha256: (input) => (hashedInputs.push(input), sha256(input)) })
        const normalized = normalizeUserData(raw, options)
        const eventCountry = raw.country === undefined ? undefined : normalizeCountry(raw.country)
        const context = { now: NOW, ...(eventCountry?.ok ? { country: eventCountry.value } : countryCode ? { country: countryCode } : {}) }

        const clearValues = new Set<string>()
        for (const platform of PLATFORM_IDS) {
          for (const f of PLATFORM_FIELDS[platform]) {
            for (const value of slotValues(normalized, platform, f)) {
              if (isSha256(value)) {
                expect(value).toBe(value.toLowerCase())
                continue
              }
              clearValues.add(value)
              const again = f === 'phone' && platform === 'meta' ? normalizePhone(`+${value}`) : normalizeField(f, value, platform, context)
              expect(again, `${platform}.${f} ${JSON.stringify(value)}`).toEqual({ ok: true, value: f === 'phone' && platform === 'meta' ? `+${value}` : value })
            }
          }
        }
        for (const input of hashedInputs) {
          expect(input).not.toBe('')
          expect(isSha256(input)).toBe(false)
          expect(clearValues.has(input), JSON.stringify(input)).toBe(true)
        }
        // And what comes out of every hashed slot is a lowercase SHA-256 digest.
        mapHashedSlots(hashed, (value) => {
          expect(value).toMatch(/^[a-f0-9]{64}$/)
          return value
        })
      }),
      { numRuns: 300 },
    )
  })
})

// The spec of the layout, one field and platform at a time through `normalizeField`: a digest goes to the
// hashed slots only, clear slots are left out with hashesOnly, lists keep distinct values (GA4: the first 3).
const HASHED_FIELDS: Record<PlatformId, readonly UserDataField[]> = {
  meta: PLATFORM_FIELDS.meta,
  ga4: ['email', 'phone', 'first_name', 'last_name', 'street'],
  tiktok: ['email', 'phone', 'external_id', 'first_name', 'last_name', 'zip'],
}
type LayoutOptions = { defaultCountry?: string; hashesOnly?: boolean; platforms?: readonly PlatformId[] }

function referenceLayout(raw: RawUserData, options: LayoutOptions): NormalizedUserData {
  const eventCountry = raw.country === undefined || isSha256(raw.country.trim()) ? undefined : normalizeCountry(raw.country)
  const countryCode = eventCountry?.ok ? eventCountry.value : options.defaultCountry?.trim().toLowerCase() || undefined
  const context = { now: NOW, ...(countryCode ? { country: countryCode } : {}) }
  const platforms = options.platforms ?? PLATFORM_IDS
  const values = (platform: PlatformId, f: UserDataField): string[] => {
    const hashed = HASHED_FIELDS[platform].includes(f)
    if (!platforms.includes(platform) || (!hashed && options.hashesOnly === true)) return []
    const raws = raw[f]
    const out: string[] = []
    for (const value of raws === undefined ? [] : typeof raws === 'string' ? [raws] : raws) {
      if (isSha256(value.trim())) {
        if (hashed) out.push(value.trim().toLowerCase())
        continue
      }
      const result = normalizeField(f, value, platform, context)
      if (result.ok) out.push(result.value)
    }
    return [...new Set(out)]
  }
  const put = <T extends object>(record: T, key: keyof T, list: string[], asList: boolean) => {
    if (list.length > 0) Object.assign(record, { [key]: asList ? list : list[0] })
  }
  const meta: NormalizedUserData['meta'] = {}
  const metaKeys = { email: 'em', phone: 'ph', first_name: 'fn', last_name: 'ln', gender: 'ge', date_of_birth: 'db', city: 'ct', state: 'st', zip: 'zp', country: 'country', external_id: 'external_id' } as const
  for (const [f, key] of Object.entries(metaKeys)) put(meta, key, values('meta', f as UserDataField), true)
  const ga4: NormalizedUserData['ga4'] = {}
  put(ga4, 'sha256_email_address', values('ga4', 'email').slice(0, 3), true)
  put(ga4, 'sha256_phone_number', values('ga4', 'phone').slice(0, 3), true)
  const address: NonNullable<NormalizedUserData['ga4']['address']>[number] = {}
  const addressKeys = { first_name: 'sha256_first_name', last_name: 'sha256_last_name', street: 'sha256_street', city: 'city', state: 'region', zip: 'postal_code', country: 'country' } as const
  for (const [f, key] of Object.entries(addressKeys)) put(address, key, values('ga4', f as UserDataField), false)
  if (Object.keys(address).length > 0) ga4.address = [address]
  const tiktok: NormalizedUserData['tiktok'] = {}
  for (const f of ['email', 'phone', 'external_id'] as const) put(tiktok, f, values('tiktok', f), true)
  const tiktokKeys = { first_name: 'first_name', last_name: 'last_name', zip: 'zip_code', city: 'city', state: 'state', country: 'country' } as const
  for (const [f, key] of Object.entries(tiktokKeys)) put(tiktok, key, values('tiktok', f as UserDataField), false)
  const ids: NormalizedUserData['ids'] = {}
  for (const key of ['client_ip_address', 'client_user_agent', 'fbp', 'fbc', 'ga_client_id', 'ga_session_id', 'ttclid', 'ttp', 'gclid'] as const) {
    const value = raw[key]
    if (value !== undefined && value.trim() !== '') ids[key] = value
  }
  return { meta, ga4, tiktok, ids }
}

// Plain ASCII text of the shapes the normalisers' ASCII shortcuts look for (letters, single spaces) and
// of those they must leave to the general rules (dots, dashes, tabs, doubled spaces, digits, titles).
const ascii = fc.string({ unit: fc.constantFrom(...'aBz .-\t09,'), maxLength: 12 })
const asciiWords = fc.stringMatching(/^(mr |dr\.)?[A-Za-z]{1,8}( [a-z]{1,6}){0,2}( jr\.?)?$/)
const layoutOptions = fc.record(
  {
    defaultCountry: fc.constantFrom('US', 'GB', ' de ', ''),
    hashesOnly: fc.boolean(),
    platforms: fc.subarray([...PLATFORM_IDS]),
  },
  { requiredKeys: [] },
)
const layoutInput: fc.Arbitrary<RawUserData> = fc.record(
  {
    ...SHAPED,
    first_name: fc.oneof(SHAPED.first_name, asciiWords, ascii),
    last_name: fc.oneof(SHAPED.last_name, asciiWords, ascii),
    city: fc.oneof(SHAPED.city, asciiWords, ascii),
    state: fc.oneof(SHAPED.state, asciiWords, ascii),
    zip: fc.oneof(SHAPED.zip, fc.stringMatching(/^[0-9]{1,10}$/), ascii),
    email: oneOrMany(SHAPED.email),
    phone: oneOrMany(SHAPED.phone),
    external_id: oneOrMany(fc.oneof(SHAPED.external_id, ascii)),
    client_user_agent: fc.constantFrom('Mozilla/5.0', ''),
    ga_client_id: fc.constantFrom('1.2', ' '),
  },
  { requiredKeys: [] },
)

describe('the one-pass layout', () => {
  it('puts in every slot what normalizeField gives for that field and platform', () => {
    fc.assert(
      fc.property(layoutInput, layoutOptions, (raw, options) => {
        const laidOut = normalizeUserData(raw, { now: NOW, ...options })
        // The same keys in the same order (the stored JSON), and the same values.
        expect(JSON.stringify(laidOut)).toBe(JSON.stringify(referenceLayout(raw, options)))
        expect(laidOut).toStrictEqual(referenceLayout(raw, options))
      }),
      { numRuns: 1_000 },
    )
  }, 30_000)

  it('hashUserData hashes exactly the hashed slots of normalizeUserData, each distinct value once', () => {
    fc.assert(
      fc.property(layoutInput, layoutOptions, (raw, options) => {
        const inputs: string[] = []
        const hashed = hashUserData(raw, { now: NOW, ...options, sha256: (input) => (inputs.push(input), sha256(input)) })
        const expected = mapHashedSlots(normalizeUserData(raw, { now: NOW, ...options }), (value) => (isSha256(value) ? value : sha256(value)))
        expect(JSON.stringify(hashed)).toBe(JSON.stringify(expected))
        expect(hashed).toStrictEqual(expected)
        expect(new Set(inputs).size).toBe(inputs.length)
      }),
      { numRuns: 500 },
    )
  }, 30_000)
})
