import { describe, expect, it } from 'vitest'
import { mergeConsent } from './merge-consent.js'

describe('mergeConsent', () => {
  it('merges a partial update over the current state', () => {
    const current = { ad_storage: 'denied', analytics_storage: 'granted' } as const
    expect(mergeConsent(current, { ad_storage: 'granted', limited_data_use: true })).toEqual({
      ad_storage: 'granted',
      analytics_storage: 'granted',
      limited_data_use: true,
    })
  })

  it('drops unknown keys and invalid values so the relay schema accepts the beacon', () => {
    expect(
      mergeConsent({ ad_user_data: 'granted' }, {
        ad_user_data: 'yes',
        ad_personalization: 'denied',
        limited_data_use: 'true',
        functionality_storage: 'granted',
      }),
    ).toEqual({ ad_user_data: 'granted', ad_personalization: 'denied' })
  })

  it('ignores updates that are not objects and leaves the current state untouched', () => {
    const current = { ad_storage: 'granted' } as const
    expect(mergeConsent(current, 42)).toEqual(current)
    expect(mergeConsent(current, null)).toEqual(current)
    expect(mergeConsent(current, undefined)).not.toBe(current)
  })
})
