import type { ActionSource, ConsentState, CustomData, HashedUserData, MatchQualityEstimate, PixelReport, PlatformId } from '@pairtrack/shared'

/** Where an event entered the relay. */
export type EventOrigin = 'browser' | 'server'

/**
 * An event as the outbox stores it and a destination reads it: validated, consent applied, user data
 * hashed (raw PII never gets this far: `userData` is a `HashedUserData`).
 */
export type OutboxEvent = {
  /** pairtrack's name (Meta's spelling for standard events); each destination maps it with toPlatformEventName. */
  eventName: string
  eventId: string
  /** Unix seconds. */
  eventTime: number
  eventSourceUrl?: string
  actionSource: ActionSource
  customData: CustomData
  userData: HashedUserData
  /** The effective consent state after the relay's default and any resolveConsent hook. */
  consent: ConsentState
  /** What the browser's pixels did with the event (absent for server-only events). */
  pixels?: PixelReport
  origin: EventOrigin
  /** pairtrack's match quality estimate per destination, from the identifiers present (README). */
  matchQuality?: Partial<Record<PlatformId, MatchQualityEstimate>>
  /** When the relay accepted the event, unix milliseconds. */
  receivedAtMs: number
}

export type { PlatformId }
