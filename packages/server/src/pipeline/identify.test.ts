import { createBrowserHasher } from '@pairtrack/browser/hash'
import type { HashedUserDataFields, RawUserData, TrackEvent } from '@pairtrack/shared'
import { TrackEventSchema } from '@pairtrack/shared/schema'
import { describe, expect, it, vi } from 'vitest'
import { identifyEvent, nodeSha256 } from './identify.js'

const HASH = '6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec'
const IDS = { fbp: 'fb.1.1780000000000.1234567890', fbc: 'fb.1.1780315000000.IwAR2Case', ga_client_id: '1197596843.1773515099', ttp: 'ttp-1', ttclid: 'E.C.P.x', gclid: 'Cj0' }

// One table for both sides: each input is hashed by the relay (identifyEvent over raw user_data) and by the
// hashInBrowser add-on (WebCrypto in the page, the relay then taking its hashes as they are); every hashed
// slot must come out the same.
const CASES: Array<{ name: string; raw: RawUserData; defaultCountry?: string }> = [
  { name: 'mixed-case email with spaces', raw: { email: '  John.Smith@Example.COM ' } },
  { name: 'gmail with dots (Google removes them)', raw: { email: ['John.Smith@Gmail.com', 'first.last+news@googlemail.com'] } },
  { name: 'US phone with symbols', raw: { phone: '+1 (202) 555-1234' } },
  { name: '00 prefix, no default country', raw: { phone: '0044 20 7946 0958' } },
  { name: 'national phone with a default country', raw: { phone: '020 7946 0958' }, defaultCountry: 'GB' },
  { name: "national phone in the event's country", raw: { phone: '020 7946 0958', country: 'United Kingdom' }, defaultCountry: 'US' },
  { name: 'titles, unicode names', raw: { first_name: 'Mr. John', last_name: 'Vale\u0301ry Jr.' } },
  { name: 'full address', raw: { street: '1 Hacker Way, Bldg. 20', city: 'Menlo Park', state: 'California', zip: '94025-1234', country: 'United States' } },
  { name: 'gender, birth date, external id', raw: { gender: 'Female', date_of_birth: '1990-03-25', external_id: ' Customer 42 ' } },
  { name: 'already hashed values', raw: { email: HASH.toUpperCase(), first_name: HASH, street: HASH } },
  { name: 'empty and invalid values', raw: { email: ['', 'not-an-email'], phone: 'call me', zip: '1' } },
  { name: 'everything at once with ids', raw: { email: 'ada@example.org', phone: '+44 20 7946 0958', first_name: 'Ada', last_name: 'Lovelace', street: '12 St James’s Sq.', city: 'London', zip: 'SW1Y 4JH', country: 'GB', ...IDS } },
]

const event = (userData: RawUserData): TrackEvent => ({ event_name: 'Lead', event_id: 'e-1', user_data: userData })
const identify = (input: TrackEvent, defaultCountry?: string) =>
  identifyEvent(TrackEventSchema.parse(input), { origin: 'browser', receivedAtMs: 1_780_000_000_000, ...(defaultCountry ? { defaultCountry } : {}) }).userData

// The relay's result without the values platforms take in clear: what a page that only sends hashes can match.
function hashedSlotsOf({ meta, ga4, tiktok, ids }: HashedUserDataFields): unknown {
  const { city, state, country, ...tiktokHashed } = tiktok
  const address = ga4.address?.map(({ city, region, postal_code, country, ...hashed }) => hashed).filter((entry) => Object.keys(entry).length > 0)
  return JSON.parse(JSON.stringify({ meta, ga4: { ...ga4, address: address?.length ? address : undefined }, tiktok: tiktokHashed, ids }))
}

describe('hashInBrowser: the add-on and the relay hash alike', () => {
  it.each(CASES)('$name', async ({ raw, defaultCountry }) => {
    const relay = identify(event(raw), defaultCountry)
    const fromPage = await createBrowserHasher(defaultCountry ? { defaultCountry } : {})(event(raw))
    // What the page sends is a valid event with no raw PII: only the never-hashed ids stay in user_data.
    expect(TrackEventSchema.safeParse(fromPage).success).toBe(true)
    expect(Object.keys(fromPage.user_data ?? {}).every((key) => key in IDS)).toBe(true)
    const viaPage = identify(fromPage, defaultCountry)
    expect(JSON.parse(JSON.stringify(viaPage))).toEqual(hashedSlotsOf(relay))
  })

  it('never hashes the page hashes again', async () => {
    const fromPage = await createBrowserHasher()(event({ email: 'ada@example.org', fbp: IDS.fbp }))
    const sha256 = vi.fn(nodeSha256)
    const userData = identifyEvent(TrackEventSchema.parse(fromPage), { origin: 'browser', receivedAtMs: 0, sha256 }).userData
    expect(sha256).not.toHaveBeenCalled()
    expect(userData.meta.em).toEqual([nodeSha256('ada@example.org')])
    expect(userData.ids.fbp).toBe(IDS.fbp)
  })
})

describe('identifyEvent', () => {
  const input = TrackEventSchema.parse(event({ email: 'ada@example.org', phone: '+44 20 7946 0958', client_ip_address: '203.0.113.1' }))

  it('fills only the platforms it is given, as it fills them for all three', () => {
    const all = identifyEvent(input, { origin: 'server', receivedAtMs: 0 }).userData
    const sha256 = vi.fn(nodeSha256)
    const metaOnly = identifyEvent(input, { origin: 'server', receivedAtMs: 0, platforms: ['meta'], sha256 }).userData
    expect(metaOnly).toEqual({ meta: all.meta, ga4: {}, tiktok: {}, ids: all.ids })
    expect(sha256.mock.calls.map(([value]) => value).sort()).toEqual(['442079460958', 'ada@example.org'])
  })

  it("takes the client's IP and user agent over the body's, leaving the event as it was", () => {
    const identified = identifyEvent(input, { origin: 'browser', receivedAtMs: 0, client: { ip: '198.51.100.7', userAgent: 'UA/1' } })
    expect(identified.userData.ids).toMatchObject({ client_ip_address: '198.51.100.7', client_user_agent: 'UA/1' })
    expect(input.user_data?.client_ip_address).toBe('203.0.113.1')
    expect(input.user_data?.client_user_agent).toBeUndefined()
  })
})
