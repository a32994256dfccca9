// The zod-free entry: safe for the browser bundle. Schemas live in "@pairtrack/shared/schema".
export { ok, err, type Result } from './result.js'
export { PLATFORM_IDS, isPlatformId, type PlatformId } from './platform.js'
export {
  STANDARD_EVENTS,
  isStandardEventName,
  toPlatformEventName,
  type StandardEventName,
} from './event/standard-events.js'
export { newEventId, type RandomBytes } from './event/event-id.js'
export type {
  TrackEvent,
  ParsedTrackEvent,
  BeaconBody,
  RawUserData,
  CustomData,
  ContentItem,
  PixelStatus,
  PixelReport,
  ActionSource,
} from './event/event.schema.js'
export type { ConsentState, ConsentSignal } from './consent/consent.schema.js'
export { allowsAds, allowsAnalytics } from './consent/consent.js'
export { fullJitterDelay, type BackoffPolicy } from './backoff.js'
export { isSha256 } from './user-data/is-sha256.js'
export { webCryptoSha256, type Sha256, type Sha256Async } from './user-data/sha256.js'
export {
  toMetaCustomData,
  toGa4EventParams,
  toGa4TransactionId,
  toTiktokProperties,
} from './event/platform-params.js'
export { isClickIdValue } from './click-ids/click-id-value.js'
export { toFbc, isFbc } from './click-ids/fbc.js'
export { isFbp } from './click-ids/fbp.js'
export { toGaClientId } from './click-ids/ga-client-id.js'
export { toGaSessionId } from './click-ids/ga-session-id.js'
export { toTiktokId } from './click-ids/tiktok.js'
export { toGclid } from './click-ids/gclid.js'
