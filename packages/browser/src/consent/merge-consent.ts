import type { ConsentState } from '@pairtrack/shared'

// The consent keys and values the relay's strict schema accepts: the four Consent Mode v2 signals as
// 'granted'/'denied', limited_data_use as a boolean (its value's type is checked apart, so `\w+` is
// `true` or `false` here, and a key with a `=` of its own cannot match).
const VALID = /^(ad_(storage|user_data|personalization)|analytics_storage)=(grant|deni)ed$|^limited_data_use=\w+$/

/**
 * Merges a partial consent update into the current state. Unknown keys and invalid values are dropped,
 * so the beacon never fails the relay's strict consent schema.
 * @example mergeConsent({ ad_storage: 'denied' }, { ad_storage: 'granted' }) // { ad_storage: 'granted' }
 */
export function mergeConsent(current: ConsentState, update: unknown): ConsentState {
  const next: Record<string, unknown> = { ...current }
  for (const [key, value] of Object.entries(Object(update) as object))
    if (typeof value == (key[0] == 'l' ? 'boolean' : 'string') && VALID.test(`${key}=${value}`)) next[key] = value
  return next
}

/** What consent allows: advertising pixels and destinations (Meta, TikTok), analytics ones (GA4). */
export type AllowedPurposes = { ads: boolean; analytics: boolean }

/**
 * The purposes a consent state allows, as the relay gates its destinations: ads need `ad_storage` and
 * `ad_user_data`, analytics `analytics_storage`; an unstated signal does not deny (shared's `allowsAds`
 * and `allowsAnalytics` with a 'granted' default, without their bytes). `undefined` when it allows nothing.
 * @example allowedPurposes({ ad_user_data: 'denied' }) // { ads: false, analytics: true }
 * @example allowedPurposes({ ad_storage: 'denied', analytics_storage: 'denied' }) // undefined
 */
export function allowedPurposes(consent: ConsentState): AllowedPurposes | undefined {
  const ads = consent.ad_storage != 'denied' && consent.ad_user_data != 'denied'
  const analytics = consent.analytics_storage != 'denied'
  return ads || analytics ? { ads, analytics } : undefined
}

/**
 * `state` with every denial of `current` laid over it (a denied signal, `limited_data_use: true`): what
 * an event tracked earlier may still be sent with once consent was revoked. Unchanged without denials.
 * @example withDenials({ ad_storage: 'granted' }, { ad_storage: 'denied' }) // { ad_storage: 'denied' }
 */
export function withDenials(state: ConsentState | undefined, current: ConsentState): ConsentState | undefined {
  let key: keyof ConsentState
  for (key in current) if (current[key] == 'denied' || current[key] === true) state = { ...state, [key]: current[key] }
  return state
}
