import type { ConsentState } from '@pairtrack/shared'

// The consent keys and values the relay's strict schema accepts: the four Consent Mode v2 signals as
// 'granted'/'denied', limited_data_use as a boolean (its value's type is checked apart).
const VALID = /^(ad_(storage|user_data|personalization)|analytics_storage)=(granted|denied)$|^limited_data_use=(true|false)$/

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
