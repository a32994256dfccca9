import type { ConsentSignal, ConsentState, CustomData, RawUserData } from '@pairtrack/shared'

/** What `createTracker` / `pairtrack('init', …)` accept. Hand-checked: no zod in the browser bundle. */
export type TrackerOptions = {
  /** Base URL of the relay; beacons go to `{relay}/events`. @default '/pairtrack' (script tag: the script's own directory) */
  relay?: string
  /** Log what happens to `console.warn`. @default false */
  debug?: boolean
  /** GA4 measurement id (`G-…`): picks the `_ga_<id>` cookie for the session id; else the first `_ga_*` cookie. */
  ga4MeasurementId?: string
  /** Consent known at start; `consent()` merges updates into it (over `defaultConsent`). */
  consent?: ConsentState
  /**
   * The four Consent Mode signals until a source answers: `'denied'` fires no pixel and sends nothing
   * (EEA/UK, until the CMP answers); `'granted'` states them granted. Unset, they stay unstated: the page
   * treats them as granted (pixels behave so too) and the relay's own `defaultConsent` fills them. @default unset
   */
  defaultConsent?: ConsentSignal
  /**
   * Hold (in memory, the first 50) the events tracked while consent allows nothing, and fire and send them
   * once it allows something; without it they are dropped. @default false
   */
  queueUntilConsent?: boolean
  /**
   * Only hashes leave the page: user data is normalised and SHA-256 hashed per platform by the add-on
   * (`pairtrack-hash.js`, or `installHashInBrowser()` from `@pairtrack/browser/hash`) and beaconed as
   * `hashed_user_data`; without the add-on the PII is dropped (and logged in debug). @default false
   */
  hashInBrowser?: boolean
}

/** Per-call options of `track`. */
export type TrackOptions = {
  /** Use this event id instead of minting one (e.g. the id the server already used for the same event). */
  eventId?: string
  /** A signed token from the site's server (`relay.sign()`), sent with the event as `token`. */
  token?: string
}

/** The tracker `createTracker` returns; no method throws. */
export type Tracker = {
  /** Fires every pixel and beacons the event; returns its event id, or '' when the call was rejected. */
  track(eventName: string, customData?: CustomData, userData?: RawUserData, options?: TrackOptions): string
  /** Merges a (partial) consent update; sent with every later beacon as `consent`. */
  consent(state: ConsentState): void
}

/** @default relay when neither options nor the script tag give one */
export const DEFAULT_RELAY = '/pairtrack'
