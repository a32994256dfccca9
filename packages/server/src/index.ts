// The public API of @pairtrack/server.
export { createRelay, type Relay } from './relay.js'
export { relayConfigFromEnv } from './config/from-env.js'
export {
  RelayConfigSchema,
  RelayConfigError,
  parseRelayConfig,
  type RelayConfig,
  type RelayConfigInput,
  type RelayLogger,
} from './config/relay-config.schema.js'
export { RelayInputError, type IngestErrorCode, type IngestIssue } from './pipeline/ingest-error.js'
export { DEFAULT_ALLOWED_EVENTS, DEFAULT_EVENT_POLICIES, type EventPolicy } from './pipeline/beacon-policy.js'
export { DEFAULT_BOT_USER_AGENTS } from './pipeline/bot-filter.js'
export type { SignEventTokenInput } from './pipeline/event-token.js'
export type { TrackResult, DestinationResult } from './pipeline/pipeline.js'
export type { ResolveConsent } from './http/resolve-consent.js'
export { destinations } from './destinations/registry.js'
export type { Destination, DestinationId, DeliveryOutcome, HttpRequestSpec } from './destinations/destination.js'
export { openOutboxStore, DEFAULT_OUTBOX_URL, type OutboxStore, type OutboxRow, type OutboxEvent } from './outbox/index.js'
export { pairtrackCookies, type PairtrackCookiesOptions, type PairtrackIds } from './http/pairtrack-cookies.js'
