import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { PLATFORM_IDS } from '../platform.js'
import { estimateMatchQuality, type MatchIdentifier } from './estimate-match-quality.js'
import { hashUserData } from './hash-user-data.js'
import type { HashedUserDataFields } from './hashed-user-data.js'

const sha256 = (input: string) => createHash('sha256').update(input, 'utf8').digest('hex')
const NOW = new Date('2026-06-01T12:00:00Z')
const EMPTY: HashedUserDataFields = { meta: {}, ga4: {}, tiktok: {}, ids: {} }
// One valid value per identifier.
const SAMPLE: Record<MatchIdentifier, string> = {
  email: 'mary@example.com', phone: '+1 650 555 1212', first_name: 'Mary', last_name: 'Smith', street: '1 Hacker Way', city: 'Menlo Park', state: 'CA',
  zip: '94025', country: 'US', gender: 'f', date_of_birth: '1990-03-25', external_id: 'c-42', client_ip_address: '203.0.113.7',
  client_user_agent: 'Mozilla/5.0', fbc: 'fb.1.1780315000000.IwAR2', fbp: 'fb.1.1780000000000.1', ga_client_id: '1.2', ga_session_id: '3',
  ttclid: 'E.C.P.x', ttp: 'ttp-1', gclid: 'g',
}
const EVERYTHING = hashUserData(SAMPLE, { sha256, now: NOW })

describe('estimateMatchQuality', () => {
  it.each(PLATFORM_IDS)('gives %s 10 with every identifier and 0 with none', (platform) => {
    expect(estimateMatchQuality(EVERYTHING, platform)).toEqual({ score: 10, missing: [] })
    expect(estimateMatchQuality(EMPTY, platform).score).toBe(0)
  })

  it.each(PLATFORM_IDS)('lists what %s is missing, most valuable first', (platform) => {
    const { missing } = estimateMatchQuality(EMPTY, platform)
    // The gain of each missing identifier alone: the score of user data holding only it.
    const gains = missing.map((identifier) => estimateMatchQuality(hashUserData({ [identifier]: SAMPLE[identifier] }, { sha256, now: NOW }), platform).score)
    expect(gains.every((gain) => gain > 0)).toBe(true)
    expect(gains).toEqual([...gains].sort((a, b) => b - a))
  })

  it('weighs Meta by its guidance: fbc and email first, then phone', () => {
    expect(estimateMatchQuality(EMPTY, 'meta').missing.slice(0, 3)).toEqual(['fbc', 'email', 'phone'])
    const emailOnly = hashUserData({ email: 'a@example.com' }, { sha256 })
    expect(estimateMatchQuality(emailOnly, 'meta')).toEqual({
      score: 2,
      missing: ['fbc', 'phone', 'fbp', 'external_id', 'client_ip_address', 'client_user_agent', 'first_name', 'last_name', 'city', 'state', 'zip', 'country', 'gender', 'date_of_birth'],
    })
  })

  it('counts only what the platform receives: a GA4 click id does not raise GA4, a dropped phone raises nothing', () => {
    const hashed = hashUserData({ gclid: 'Cj0', phone: '020 7946 0958' }, { sha256 })
    expect(estimateMatchQuality(hashed, 'ga4').score).toBe(0)
    expect(estimateMatchQuality(hashed, 'meta').score).toBe(0)
  })

  it('scores fewer points for GA4 and TikTok when clear fields are left out for hashing in the browser', () => {
    const raw = { first_name: 'Mary', last_name: 'Smith', zip: '94025', country: 'US', city: 'Menlo Park' }
    const full = estimateMatchQuality(hashUserData(raw, { sha256 }), 'ga4').score
    const hashesOnly = estimateMatchQuality(hashUserData(raw, { sha256, hashesOnly: true }), 'ga4')
    expect(hashesOnly.score).toBeLessThan(full)
    expect(hashesOnly.missing).toContain('zip')
  })

  it('rounds to tenths', () => {
    const hashed = hashUserData({ city: 'Menlo Park', state: 'CA' }, { sha256 })
    expect(estimateMatchQuality(hashed, 'meta').score).toBe(0.4)
    expect(estimateMatchQuality(hashed, 'tiktok').score).toBe(0.2)
  })
})
