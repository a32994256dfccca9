import type { ConsentSignal, ConsentState } from '@pairtrack/shared'
import type { Destination } from '../destinations/destination.js'

/** Per destination: send the event, or keep it only as a suppressed record, and why. */
export type ConsentDecision = { send: boolean; decision: string }

const SIGNALS = ['ad_storage', 'analytics_storage', 'ad_user_data', 'ad_personalization'] as const

/** The signals each purpose needs granted. */
const REQUIRED_SIGNALS: Record<Destination<unknown>['purpose'], ReadonlyArray<(typeof SIGNALS)[number]>> = {
  ads: ['ad_storage', 'ad_user_data'],
  analytics: ['analytics_storage'],
}

/**
 * The consent state the relay acts on and stores: every signal the event leaves unstated takes the
 * relay's default.
 * @example effectiveConsent({ ad_storage: 'denied' }, 'granted').analytics_storage // 'granted'
 */
export function effectiveConsent(consent: ConsentState | undefined, fallback: ConsentSignal): ConsentState {
  const state: ConsentState = {}
  for (const signal of SIGNALS) state[signal] = consent?.[signal] ?? fallback
  if (consent?.limited_data_use !== undefined) state.limited_data_use = consent.limited_data_use
  return state
}

/**
 * Whether a destination of this purpose may receive the event under this (effective) consent.
 * @example decideConsent({ ad_storage: 'denied', ad_user_data: 'granted' }, 'ads') // { send: false, decision: 'consent_denied:ad_storage' }
 */
export function decideConsent(consent: ConsentState, purpose: Destination<unknown>['purpose']): ConsentDecision {
  const denied = REQUIRED_SIGNALS[purpose].filter((signal) => consent[signal] !== 'granted')
  return denied.length === 0
    ? { send: true, decision: `consent_granted:${REQUIRED_SIGNALS[purpose].join('+')}` }
    : { send: false, decision: `consent_denied:${denied.join('+')}` }
}
