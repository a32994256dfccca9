import type { ConsentState } from '@pairtrack/shared'

/**
 * Merges a partial consent update into the current state. Unknown keys and invalid values are dropped,
 * so the beacon never fails the relay's strict consent schema.
 * @example mergeConsent({ ad_storage: 'denied' }, { ad_storage: 'granted' }) // { ad_storage: 'granted' }
 */
export function mergeConsent(current: ConsentState, update: unknown): ConsentState {
  const next: Record<string, unknown> = { ...current }
  for (const [key, value] of Object.entries(Object(update) as object))
    if (
      key == 'limited_data_use'
        ? typeof value == 'boolean'
        : /^(ad_storage|analytics_storage|ad_user_data|ad_personalization)$/.test(key) && (value === 'granted' || value === 'denied')
    )
      next[key] = value
  return next
}
