import { describe, expect, it } from 'vitest'
import { allowedPurposes, mergeConsent, withDenials } from './merge-consent.js'

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

describe('allowedPurposes', () => {
  it.each([
    [{}, { ads: true, analytics: true }],
    [{ ad_storage: 'granted', ad_user_data: 'granted', analytics_storage: 'granted' }, { ads: true, analytics: true }],
    [{ ad_user_data: 'denied' }, { ads: false, analytics: true }],
    [{ ad_storage: 'denied', ad_personalization: 'granted' }, { ads: false, analytics: true }],
    [{ analytics_storage: 'denied' }, { ads: true, analytics: false }],
    [{ ad_personalization: 'denied', limited_data_use: true }, { ads: true, analytics: true }],
    [{ ad_storage: 'denied', analytics_storage: 'denied' }, undefined],
  ] as const)('%j allows %j', (consent, expected) => {
    expect(allowedPurposes(consent)).toEqual(expected)
  })
})

describe('withDenials', () => {
  it('lays the current denials and limited data use over an earlier state', () => {
    expect(
      withDenials(
        { ad_storage: 'granted', analytics_storage: 'granted', ad_user_data: 'granted' },
        { ad_storage: 'denied', analytics_storage: 'granted', limited_data_use: true },
      ),
    ).toEqual({ ad_storage: 'denied', analytics_storage: 'granted', ad_user_data: 'granted', limited_data_use: true })
  })

  it('never grants what the earlier state denied, and leaves a state without current denials as it is', () => {
    const earlier = { ad_storage: 'denied' } as const
    expect(withDenials(earlier, { ad_storage: 'granted', limited_data_use: false })).toBe(earlier)
    expect(withDenials(undefined, {})).toBeUndefined()
    expect(withDenials(undefined, { ad_user_data: 'denied' })).toEqual({ ad_user_data: 'denied' })
  })
})
