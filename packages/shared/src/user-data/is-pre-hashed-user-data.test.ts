import { describe, expect, it } from 'vitest'
import { RawUserDataSchema } from '../event/event.schema.js'
import { isPreHashedUserData } from './is-pre-hashed-user-data.js'

const HASH = '6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec'

const PRE_HASHED = {
  email: [HASH, HASH.toUpperCase()],
  phone: HASH,
  first_name: HASH,
  last_name: HASH,
  city: HASH,
  state: HASH,
  zip: HASH,
  country: HASH,
  gender: HASH,
  date_of_birth: HASH,
  external_id: [HASH],
  client_ip_address: '203.0.113.7',
  fbp: 'fb.1.1780000000000.1234567890',
}

describe('isPreHashedUserData', () => {
  it('accepts user data whose every PII value is a SHA-256 digest, whatever the ids', () => {
    expect(isPreHashedUserData(PRE_HASHED)).toBe(true)
  })

  it('treats blank values as absent', () => {
    expect(isPreHashedUserData({ email: ['', HASH], city: ' ' })).toBe(true)
  })

  it.each(['email', 'phone', 'first_name', 'city', 'zip', 'external_id'] as const)('refuses a clear %s', (key) => {
    expect(isPreHashedUserData({ ...PRE_HASHED, [key]: 'clear value' })).toBe(false)
  })

  it('refuses a value that merely contains a digest', () => {
    expect(isPreHashedUserData({ email: `${HASH}@example.com` })).toBe(false)
  })

  it('is what the raw event schema accepts: digests in every PII field', () => {
    // hashInBrowser sends these through the ordinary beacon body (event.schema.ts RawUserDataSchema).
    expect(RawUserDataSchema.safeParse(PRE_HASHED).success).toBe(true)
  })
})
