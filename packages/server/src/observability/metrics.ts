import { Counter, Registry } from 'prom-client'
import type { EventOrigin } from '../outbox/index.js'
import type { IngestErrorCode } from '../pipeline/ingest-error.js'

/** Why a beacon was not stored: every refusal code, plus `bot_filtered` (answered 202, dropped). */
export type RejectionReason = IngestErrorCode | 'bot_filtered'

// Every reason, so that each series exists from the start at 0 (a rate() over a series that appears only
// with the first attack shows nothing). A Record, so the compiler asks for each new code.
const REASONS: Record<RejectionReason, true> = {
  invalid_json: true,
  invalid_body: true,
  body_too_large: true,
  unsupported_media_type: true,
  relay_closing: true,
  store_unavailable: true,
  event_not_allowed: true,
  server_only: true,
  token_missing: true,
  token_invalid: true,
  token_expired: true,
  token_mismatch: true,
  origin_not_allowed: true,
  rate_limited: true,
  bot_filtered: true,
}

/** The relay's counters; each relay has its own registry, so two relays in one process do not mix. */
export type RelayMetrics = {
  /** One beacon refused (or filtered) for this reason. */
  rejected(reason: RejectionReason): void
  /** Events written to the outbox, by where they came from. */
  accepted(origin: EventOrigin, events: number): void
  /** The Prometheus text exposition of every counter. */
  text(): Promise<string>
  /** The Content-Type of `text()`. */
  readonly contentType: string
}

/**
 * Creates the relay's prom-client counters:
 * - `pairtrack_beacon_rejections_total{reason}`: beacons refused, by reason (an attack shows up here);
 * - `pairtrack_events_accepted_total{origin}`: events stored, `browser` or `server`.
 * @example const metrics = createRelayMetrics(); metrics.rejected('token_mismatch'); await metrics.text()
 */
export function createRelayMetrics(): RelayMetrics {
  const registry = new Registry()
  const rejections = new Counter({
    name: 'pairtrack_beacon_rejections_total',
    help: 'Beacons the relay refused, or accepted without storing (bot_filtered), by reason.',
    labelNames: ['reason'] as const,
    registers: [registry],
  })
  const accepted = new Counter({
    name: 'pairtrack_events_accepted_total',
    help: 'Events written to the outbox, by origin (browser beacon or relay.track()).',
    labelNames: ['origin'] as const,
    registers: [registry],
  })
  for (const reason of Object.keys(REASONS)) rejections.inc({ reason }, 0)
  for (const origin of ['browser', 'server']) accepted.inc({ origin }, 0)
  return {
    rejected: (reason) => rejections.inc({ reason }),
    accepted: (origin, events) => accepted.inc({ origin }, events),
    text: () => registry.metrics(),
    contentType: registry.contentType,
  }
}
