import type { ConsentState } from './consent.schema.js'

/**
 * Advertising destinations (Meta, TikTok) may receive the event. A signal that is not stated counts as
 * the given default.
 * @example allowsAds({ ad_storage: 'denied' }) // false
 */
export function allowsAds(consent: ConsentState | undefined, fallback: 'granted' | 'denied' = 'granted'): boolean {
  const adStorage = consent?.ad_storage ?? fallback
  const adUserData = consent?.ad_user_data ?? fallback
  return adStorage === 'granted' && adUserData === 'granted'
}

/**
 * Analytics destinations (GA4) may receive the event.
 * @example allowsAnalytics({ analytics_storage: 'granted' }) // true
 */
export function allowsAnalytics(
  consent: ConsentState | undefined,
  fallback: 'granted' | 'denied' = 'granted',
): boolean {
  return (consent?.analytics_storage ?? fallback) === 'granted'
}
