import { createHash } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import type { RawUserData } from '../event/event.schema.js'
import { REFERENCE_VECTORS } from './fixtures/reference-vectors.js'
import { hashUserData, hashUserDataAsync } from './hash-user-data.js'
import type { UserDataField } from './normalize/normalize-field.js'
import { webCryptoSha256 } from './sha256.js'

const sha256 = (input: string) => createHash('sha256').update(input, 'utf8').digest('hex')
const NOW = new Date('2026-06-01T12:00:00Z')
const HASH = '6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec'

const FULL: RawUserData = {
  email: ['John.Smith@Gmail.com', 'johnsmith@gmail.com'],
  phone: '+1 (650) 555-1212',
  first_name: 'Mr. Mary',
  last_name: 'Smith',
  street: '1 Hacker Way, Bldg. 20',
  city: 'Menlo Park',
  state: 'California',
  zip: '94025-1234',
  country: 'United States',
  gender: 'Female',
  date_of_birth: '1990-03-25',
  external_id: 'Customer-42',
  client_ip_address: '203.0.113.7',
  client_user_agent: 'Mozilla/5.0',
  fbc: 'fb.1.1780315000000.IwAR2Case',
  fbp: 'fb.1.1780000000000.1234567890',
  ga_client_id: '1197596843.1773515099',
  ga_session_id: '1780314000',
  ttclid: 'E.C.P.abc',
  ttp: '2Zk8Xq9aTestTtpValue01234ab',
  gclid: 'Cj0KCQ',
}

describe('hashUserData', () => {
  it.each(REFERENCE_VECTORS.map((v) => [v.n, v] as const))('reproduces platforms.md vector %i for Meta', (_n, vector) => {
    const raw: RawUserData = { [vector.field]: vector.input }
    const hashed = hashUserData(raw, { sha256, ...(vector.country ? { defaultCountry: vector.country } : {}) })
    const slots: Partial<Record<UserDataField, string[] | undefined>> = { email: hashed.meta.em, phone: hashed.meta.ph, first_name: hashed.meta.fn }
    expect(slots[vector.field]).toEqual([vector.sha256])
  })

  it('hashes the E.164 form with + for GA4 and TikTok and the digits for Meta', () => {
    const hashed = hashUserData({ phone: '(650)555-1212' }, { sha256, defaultCountry: 'US' })
    expect(hashed.meta.ph).toEqual(['e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176'])
    expect(hashed.ga4.sha256_phone_number).toEqual([sha256('+16505551212')])
    expect(hashed.tiktok.phone).toEqual([sha256('+16505551212')])
  })

  it('sends every field to the platforms that take it, hashed where they hash it', () => {
    const hashed = hashUserData(FULL, { sha256, now: NOW })
    expect(hashed.meta).toEqual({
      em: [sha256('john.smith@gmail.com'), sha256('johnsmith@gmail.com')],
      ph: [sha256('16505551212')],
      fn: [sha256('mary')],
      ln: [sha256('smith')],
      ge: [sha256('f')],
      db: [sha256('19900325')],
      ct: [sha256('menlopark')],
      st: [sha256('ca')],
      zp: [sha256('94025')],
      country: [sha256('us')],
      external_id: [sha256('customer-42')],
    })
    expect(hashed.ga4).toEqual({
      // Both emails are the same mailbox under Google's gmail rule: sent once.
      sha256_email_address: [sha256('johnsmith@gmail.com')],
      sha256_phone_number: [sha256('+16505551212')],
      address: [
        { sha256_first_name: sha256('mary'), sha256_last_name: sha256('smith'), sha256_street: sha256('1 hacker way bldg 20'), city: 'menlo park', region: 'ca', postal_code: '94025-1234', country: 'us' },
      ],
    })
    expect(hashed.tiktok).toEqual({
      email: [sha256('john.smith@gmail.com'), sha256('johnsmith@gmail.com')],
      phone: [sha256('+16505551212')],
      external_id: [sha256('customer-42')],
      first_name: sha256('mary'),
      last_name: sha256('smith'),
      zip_code: sha256('94025'),
      city: 'menlopark',
      state: 'ca',
      country: 'us',
    })
  })

  it('puts the never-hashed identifiers in ids, unmodified', () => {
    const hashed = hashUserData(FULL, { sha256 })
    expect(hashed.ids).toEqual({
      client_ip_address: '203.0.113.7',
      client_user_agent: 'Mozilla/5.0',
      fbp: 'fb.1.1780000000000.1234567890',
      fbc: 'fb.1.1780315000000.IwAR2Case',
      ga_client_id: '1197596843.1773515099',
      ga_session_id: '1780314000',
      ttclid: 'E.C.P.abc',
      ttp: '2Zk8Xq9aTestTtpValue01234ab',
      gclid: 'Cj0KCQ',
    })
  })

  it('passes an already hashed value through unchanged instead of hashing it again', () => {
    const spy = vi.fn(sha256)
    const hashed = hashUserData({ email: HASH.toUpperCase(), first_name: HASH, city: HASH }, { sha256: spy })
    expect(spy).not.toHaveBeenCalled()
    expect(hashed.meta).toEqual({ em: [HASH], fn: [HASH], ct: [HASH] })
    expect(hashed.ga4).toEqual({ sha256_email_address: [HASH], address: [{ sha256_first_name: HASH }] })
    // GA4 and TikTok take the city in clear: a digest is not sent where a city name is expected.
    expect(hashed.tiktok).toEqual({ email: [HASH], first_name: HASH })
  })

  it('drops empty and invalid values instead of hashing them', () => {
    const spy = vi.fn(sha256)
    const hashed = hashUserData(
      { email: ['', 'not-an-email'], phone: ['  ', 'call me'], first_name: '', zip: '1', country: 'Narnia', gender: 'x', date_of_birth: '03/04/1990' },
      { sha256: spy, defaultCountry: 'US' },
    )
    expect(spy).not.toHaveBeenCalled()
    expect(hashed).toEqual({ meta: {}, ga4: {}, tiktok: {}, ids: {} })
  })

  it('drops an unparseable phone instead of hashing it as typed', () => {
    const hashed = hashUserData({ phone: '020 7946 0958' }, { sha256 })
    expect(hashed.meta.ph).toBeUndefined()
    expect(hashUserData({ phone: '020 7946 0958' }, { sha256, defaultCountry: 'GB' }).meta.ph).toEqual([sha256('442079460958')])
  })

  it("reads a phone in the event's country before the default country", () => {
    const hashed = hashUserData({ phone: '020 7946 0958', country: 'United Kingdom' }, { sha256, defaultCountry: 'US' })
    expect(hashed.tiktok.phone).toEqual([sha256('+442079460958')])
  })

  it('sends every distinct email and phone to Meta and TikTok, and at most 3 to GA4', () => {
    const emails = ['a@example.com', 'b@example.com', 'A@example.com', 'c@example.com', 'd@example.com']
    const phones = ['+1 202 555 0101', '+1 202 555 0102', '+1 202 555 0103', '+1 202 555 0104']
    const hashed = hashUserData({ email: emails, phone: phones }, { sha256 })
    expect(hashed.meta.em).toHaveLength(4)
    expect(hashed.tiktok.email).toHaveLength(4)
    expect(hashed.ga4.sha256_email_address).toEqual(['a@example.com', 'b@example.com', 'c@example.com'].map(sha256))
    expect(hashed.meta.ph).toHaveLength(4)
    expect(hashed.ga4.sha256_phone_number).toHaveLength(3)
  })

  it('hashes each distinct string once however many platforms take it', () => {
    const spy = vi.fn(sha256)
    hashUserData({ email: 'a@example.com', first_name: 'Mary', last_name: 'Mary' }, { sha256: spy })
    expect(spy.mock.calls.map(([input]) => input).sort()).toEqual(['a@example.com', 'mary'])
  })

  it('hashes each distinct string once, and each in place, with more values than the memo scans', () => {
    const spy = vi.fn(sha256)
    const emails = Array.from({ length: 40 }, (_, i) => `user${i}@example.com`)
    const hashed = hashUserData({ email: [...emails, ...emails], first_name: 'user1@example.com' }, { sha256: spy })
    expect(spy).toHaveBeenCalledTimes(41)
    expect(hashed.meta.em).toEqual(emails.map(sha256))
    expect(hashed.tiktok.email).toEqual(emails.map(sha256))
    expect(hashed.ga4.sha256_email_address).toEqual(emails.slice(0, 3).map(sha256))
  })

  it('fills and hashes only the platforms asked for, the same as when all three are', () => {
    const all = hashUserData(FULL, { sha256, now: NOW })
    const spy = vi.fn(sha256)
    const metaOnly = hashUserData(FULL, { sha256: spy, now: NOW, platforms: ['meta'] })
    expect(metaOnly).toEqual({ meta: all.meta, ga4: {}, tiktok: {}, ids: all.ids })
    // Meta's own strings only: not the E.164 phone GA4 and TikTok hash, nor GA4's street.
    expect(spy.mock.calls.map(([input]) => input)).not.toContain('+16505551212')
    expect(spy.mock.calls.map(([input]) => input)).not.toContain('1 hacker way bldg 20')
    expect(hashUserData(FULL, { sha256, now: NOW, platforms: ['ga4', 'tiktok'] })).toEqual({ meta: {}, ga4: all.ga4, tiktok: all.tiktok, ids: all.ids })
  })

  it('leaves out the clear-text fields with hashesOnly, for hashing in the browser', () => {
    const hashed = hashUserData(FULL, { sha256, hashesOnly: true, now: NOW })
    expect(hashed.ga4.address).toEqual([{ sha256_first_name: sha256('mary'), sha256_last_name: sha256('smith'), sha256_street: sha256('1 hacker way bldg 20') }])
    expect(hashed.tiktok).not.toHaveProperty('city')
    expect(hashed.tiktok).not.toHaveProperty('state')
    expect(hashed.tiktok).not.toHaveProperty('country')
    expect(hashed.tiktok.zip_code).toBe(sha256('94025'))
    expect(hashed.meta.ct).toEqual([sha256('menlopark')])
  })
})

describe('hashUserDataAsync', () => {
  it('gives exactly what hashUserData gives, with WebCrypto', async () => {
    const withHash = { ...FULL, last_name: HASH }
    expect(await hashUserDataAsync(withHash, { sha256: webCryptoSha256, now: NOW })).toEqual(hashUserData(withHash, { sha256, now: NOW }))
  })

  it('drops empty values without calling SHA-256', async () => {
    const spy = vi.fn(webCryptoSha256)
    expect(await hashUserDataAsync({ email: '', phone: ' ' }, { sha256: spy })).toEqual({ meta: {}, ga4: {}, tiktok: {}, ids: {} })
    expect(spy).not.toHaveBeenCalled()
  })
})
