import { createHash } from 'node:crypto'
import { hashUserData, type ParsedTrackEvent, type Sha256 } from '@pairtrack/shared'
import type { EventOrigin, OutboxEvent } from '../outbox/index.js'

/** node:crypto SHA-256 as lowercase hex. */
export const nodeSha256: Sha256 = (input) => createHash('sha256').update(input, 'utf8').digest('hex')

/** What the HTTP layer knows about the browser that sent a beacon. */
export type ClientContext = { ip?: string; userAgent?: string }

export type IdentifyOptions = {
  origin: EventOrigin
  /** For beacons: the sender's IP and user agent replace whatever the body claims. */
  client?: ClientContext
  defaultCountry?: string
  receivedAtMs: number
  sha256?: Sha256
}

/**
 * Turns a validated event with raw PII into the stored shape: user data normalised and hashed per
 * platform, defaults filled in. Raw PII ends here: nothing after this step can hold it.
 * Consent is left as the event states it; the pipeline fills it.
 */
export function identifyEvent(event: ParsedTrackEvent, options: IdentifyOptions): Omit<OutboxEvent, 'consent'> {
  const raw = { ...event.user_data }
  if (options.client?.ip !== undefined) raw.client_ip_address = options.client.ip
  if (options.client?.userAgent !== undefined) raw.client_user_agent = options.client.userAgent
  const userData = hashUserData(raw, {
    sha256: options.sha256 ?? nodeSha256,
    ...(options.defaultCountry !== undefined ? { defaultCountry: options.defaultCountry } : {}),
  })
  return {
    eventName: event.event_name,
    eventId: event.event_id,
    eventTime: event.event_time ?? Math.floor(options.receivedAtMs / 1000),
    ...(event.event_source_url !== undefined ? { eventSourceUrl: event.event_source_url } : {}),
    actionSource: event.action_source ?? 'website',
    customData: event.custom_data ?? {},
    userData,
    ...(event.pixels !== undefined ? { pixels: event.pixels } : {}),
    origin: options.origin,
    receivedAtMs: options.receivedAtMs,
  }
}
