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
  BrowserHashedUserData,
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
// User data: normalise per platform, hash, accept browser hashes, estimate match quality. Tree-shakeable:
// the core browser bundle imports none of it, so libphonenumber-js stays out of it (bundle-size test).
export {
  hashUserData,
  hashUserDataAsync,
  type HashUserDataOptions,
  type HashUserDataAsyncOptions,
} from './user-data/hash-user-data.js'
export {
  normalizeUserData,
  type NormalizeUserDataOptions,
  type NormalizedUserData,
} from './user-data/normalize-user-data.js'
export {
  GA4_MAX_ADDRESSES,
  GA4_MAX_EMAILS_OR_PHONES,
  fromStoredHashedUserData,
  type HashedUserData,
  type HashedUserDataFields,
  type MetaHashedUserData,
  type Ga4HashedUserData,
  type TiktokHashedUserData,
  type PlainIdentifiers,
} from './user-data/hashed-user-data.js'
export { isPreHashedUserData } from './user-data/is-pre-hashed-user-data.js'
export { parseHashedUserData, type HashedUserDataIssue } from './user-data/parse-hashed-user-data.js'
export { mergeBrowserHashes } from './user-data/merge-browser-hashes.js'
export {
  estimateMatchQuality,
  type MatchQualityEstimate,
  type MatchIdentifier,
} from './user-data/estimate-match-quality.js'
export {
  normalizeField,
  PLATFORM_FIELDS,
  type UserDataField,
  type NormalizeContext,
} from './user-data/normalize/normalize-field.js'
export type { NormalizeError } from './user-data/normalize/normalize-error.js'
export { normalizeEmail, toGoogleEmail } from './user-data/normalize/email.js'
export { normalizePhone, toMetaPhone } from './user-data/normalize/phone.js'
export { normalizeName, type NamePart } from './user-data/normalize/name.js'
export { normalizeCity } from './user-data/normalize/city.js'
export { normalizeStreet } from './user-data/normalize/street.js'
export { normalizeRegion } from './user-data/normalize/region.js'
export { normalizePostalCode } from './user-data/normalize/postal-code.js'
export { normalizeCountry } from './user-data/normalize/country.js'
export { normalizeGender } from './user-data/normalize/gender.js'
export { normalizeBirthDate } from './user-data/normalize/birth-date.js'
export { normalizeExternalId } from './user-data/normalize/external-id.js'
export {
  toMetaCustomData,
  toGa4EventParams,
  toGa4TransactionId,
  toTiktokProperties,
  NAMED_CUSTOM_DATA_KEYS,
} from './event/platform-params.js'
export { isClickIdValue } from './click-ids/click-id-value.js'
export { toFbc, isFbc } from './click-ids/fbc.js'
export { isFbp, newFbp } from './click-ids/fbp.js'
export { toGaClientId, newGaCookie } from './click-ids/ga-client-id.js'
export { toGaSessionId } from './click-ids/ga-session-id.js'
export { toTiktokId } from './click-ids/tiktok.js'
export { toGclid } from './click-ids/gclid.js'
