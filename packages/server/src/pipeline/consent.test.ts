import { describe, expect, it } from 'vitest'
import type { ParsedTrackEvent } from '@pairtrack/shared'
import { decisionWithSource, resolveEventConsent } from './consent.js'

const event = (consent?: ParsedTrackEvent['consent']): ParsedTrackEvent =>
  ({ event_name: 'Lead', event_id: 'e1', ...(consent !== undefined ? { consent } : {}) }) as ParsedTrackEvent

describe('resolveEventConsent', () => {
  it("lets the hook's stated signals win and keeps the browser's others", async () => {
    const resolved = await resolveEventConsent(event({ ad_storage: 'granted', analytics_storage: 'denied' }), () => ({ ad_storage: 'denied' }), 'granted')
    expect(resolved).toEqual({ consent: { ad_storage: 'denied', analytics_storage: 'denied' }, source: 'resolved' })
  })

  it("keeps the browser's consent when the hook answers undefined", async () => {
    expect(await resolveEventConsent(event({ ad_storage: 'denied' }), async () => undefined, 'granted')).toEqual({
      consent: { ad_storage: 'denied' },
      source: 'event',
    })
  })

  it.each<[string, () => unknown, 'threw' | 'invalid']>([
    [
      'throws',
      () => {
        throw new Error('down')
      },
      'threw',
    ],
    ['rejects', () => Promise.reject(new Error('down')), 'threw'],
    ['answers an unknown signal value', () => ({ ad_storage: 'yes' }), 'invalid'],
    ['answers an unknown key', () => ({ marketing: 'granted' }), 'invalid'],
    ['answers a string', () => 'granted', 'invalid'],
  ])('falls back when the hook %s, never granting what the browser denied', async (_name, hook, failure) => {
    const denied = await resolveEventConsent(event({ ad_user_data: 'denied', limited_data_use: true }), hook, 'granted')
    expect(denied).toEqual({
      consent: { ad_storage: 'granted', analytics_storage: 'granted', ad_user_data: 'denied', ad_personalization: 'granted', limited_data_use: true },
      source: 'resolve_failed',
      failure,
    })
    const safe = await resolveEventConsent(event({ ad_storage: 'granted' }), hook, 'denied')
    expect(safe.consent).toEqual({ ad_storage: 'denied', analytics_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' })
  })
})

describe('decisionWithSource', () => {
  it('suffixes the decision unless the consent is the event own', () => {
    expect(decisionWithSource('consent_granted:analytics_storage', 'event')).toBe('consent_granted:analytics_storage')
    expect(decisionWithSource('consent_denied:ad_storage', 'resolved')).toBe('consent_denied:ad_storage:resolved')
    expect(decisionWithSource('consent_denied:ad_storage', 'resolve_failed')).toBe('consent_denied:ad_storage:resolve_failed')
  })
})
