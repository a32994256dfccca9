import * as nodeCrypto from 'node:crypto'
import { hashUserData, mergeBrowserHashes, type HashUserDataOptions, type ParsedTrackEvent, type PlatformId, type RawUserData, type Sha256 } from '@pairtrack/shared'
import type { EventOrigin, OutboxEvent } from '../outbox/index.js'

// One-shot `crypto.hash` (Node ≥ 20.12) skips the Hash object and its stream plumbing: about 2.5× faster
// than createHash for the short strings hashed here, and it runs about ten times per event. engines
// allows an older 20.x, hence the fallback (a missing export reads as undefined on the namespace).
const oneShotHash = typeof nodeCrypto.hash === 'function' ? nodeCrypto.hash : undefined

/** node:crypto SHA-256 of the UTF-8 bytes, as lowercase hex. */
export const nodeSha256: Sha256 =
  oneShotHash !== undefined
    ? (input) => oneShotHash('sha256', input, 'hex')
    : (input) => nodeCrypto.createHash('sha256').update(input, 'utf8').digest('hex')

/** What the HTTP layer knows about the browser that sent a beacon. */
export type ClientContext = { ip?: string; userAgent?: string }

export type IdentifyOptions = {
  origin: EventOrigin
  /** For beacons: the sender's IP and user agent replace whatever the body claims. */
  client?: ClientContext
  defaultCountry?: string
  receivedAtMs: number
  sha256?: Sha256
  /** The platforms to normalise and hash for (the configured destinations). @default all three */
  platforms?: readonly PlatformId[]
}

/**
 * Turns a validated event with raw PII into the stored shape: user data normalised and hashed per
 * platform (hashes the page made itself, `hashed_user_data`, laid over them, never hashed again), defaults
 * filled in. Raw PII ends here: nothing after this step can hold it.
 * Consent is left as the event states it; the pipeline fills it.
 */
export function identifyEvent(event: ParsedTrackEvent, options: IdentifyOptions): Omit<OutboxEvent, 'consent'> {
  const { client } = options
  // A copy only when the HTTP layer's IP or user agent replaces the body's (the event is not changed).
  const raw: RawUserData = client?.ip === undefined && client?.userAgent === undefined ? (event.user_data ?? {}) : { ...event.user_data }
  if (client?.ip !== undefined) raw.client_ip_address = client.ip
  if (client?.userAgent !== undefined) raw.client_user_agent = client.userAgent
  const hashOptions: HashUserDataOptions = { sha256: options.sha256 ?? nodeSha256 }
  if (options.defaultCountry !== undefined) hashOptions.defaultCountry = options.defaultCountry
  if (options.platforms !== undefined) hashOptions.platforms = options.platforms
  const hashed = hashUserData(raw, hashOptions)
  // hashInBrowser: the page's own hashes (checked by the schema as lowercase SHA-256) are taken as they are.
  const userData = event.hashed_user_data === undefined ? hashed : mergeBrowserHashes(hashed, event.hashed_user_data)
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
