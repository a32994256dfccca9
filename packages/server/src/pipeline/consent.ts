import type { ConsentSignal, ConsentState, ParsedTrackEvent } from '@pairtrack/shared'
import { ConsentStateSchema } from '@pairtrack/shared/schema'
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

/**
 * Where an event's consent came from: the event itself (beacon or `relay.track()`), the site's
 * `resolveConsent` hook, or the safe fallback after the hook failed. Recorded in the decision as a suffix.
 */
export type ConsentSource = 'event' | 'resolved' | 'resolve_failed'

/** The consent to act on for one event, where it came from, and (on failure) why, without any value. */
export type ConsentResolution = { consent: ConsentState | undefined; source: ConsentSource; failure?: 'threw' | 'invalid' }

/**
 * Asks the site's hook for one beacon event's consent. Its stated signals win over the browser's; an
 * `undefined` answer keeps the browser's. A hook that throws or answers something that is not a consent
 * state never loses the event: every signal takes `fallback`, except that a signal the browser stated as
 * denied stays denied (a failing hook must not grant what the user refused).
 * @example await resolveEventConsent(event, () => ({ ad_storage: 'denied' }), 'granted') // { consent: { ...event.consent, ad_storage: 'denied' }, source: 'resolved' }
 */
export async function resolveEventConsent(
  event: ParsedTrackEvent,
  consentOf: (event: ParsedTrackEvent) => unknown,
  fallback: ConsentSignal,
): Promise<ConsentResolution> {
  let answer: unknown
  try {
    answer = await consentOf(event)
  } catch {
    return { consent: failSafeConsent(event.consent, fallback), source: 'resolve_failed', failure: 'threw' }
  }
  if (answer === undefined) return { consent: event.consent, source: 'event' }
  const parsed = ConsentStateSchema.safeParse(answer)
  if (!parsed.success) return { consent: failSafeConsent(event.consent, fallback), source: 'resolve_failed', failure: 'invalid' }
  return { consent: { ...event.consent, ...withoutUndefined(parsed.data) }, source: 'resolved' }
}

/** Decision text with its consent source: `consent_denied:ad_storage:resolved`. */
export function decisionWithSource(decision: string, source: ConsentSource | undefined): string {
  return source === undefined || source === 'event' ? decision : `${decision}:${source}`
}

function failSafeConsent(stated: ConsentState | undefined, fallback: ConsentSignal): ConsentState {
  const state: ConsentState = {}
  for (const signal of SIGNALS) state[signal] = stated?.[signal] === 'denied' ? 'denied' : fallback
  if (stated?.limited_data_use === true) state.limited_data_use = true
  return state
}

function withoutUndefined(state: ConsentState): ConsentState {
  return Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined)) as ConsentState
}
