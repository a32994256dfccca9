import { RawUserDataSchema } from '@pairtrack/shared/schema'
import { describe, expect, it } from 'vitest'
import { NEVER_HASHED_KEYS, USER_DATA_KEYS } from './user-data-keys.js'

describe('user data keys', () => {
  it('lists the never-hashed ids: the browser and click ids, and nothing else', () => {
    expect(NEVER_HASHED_KEYS).toEqual(['fbp', 'fbc', 'ga_client_id', 'ga_session_id', 'ttclid', 'ttp', 'gclid'])
  })

  it('lists every raw PII field of the relay schema, then the ids', () => {
    expect(USER_DATA_KEYS).toEqual([
      'email', 'phone', 'first_name', 'last_name', 'street', 'city', 'state', 'zip', 'country', 'gender', 'date_of_birth', 'external_id',
      ...NEVER_HASHED_KEYS,
    ])
  })

  it("matches the relay's user_data schema, but for the IP and user agent the relay takes from the request", () => {
    const schemaKeys = Object.keys(RawUserDataSchema.shape)
    expect(USER_DATA_KEYS.filter((key) => !schemaKeys.includes(key))).toEqual([])
    expect(schemaKeys.filter((key) => !USER_DATA_KEYS.includes(key))).toEqual(['client_ip_address', 'client_user_agent'])
  })
})
