import type { PlatformId } from '@pairtrack/shared'
import type { z } from 'zod'
import type { OutboxEvent } from '../outbox/outbox-event.js'

export type DestinationId = PlatformId

/** An outbound HTTP request, described; only delivery/send.ts performs it. */
export type HttpRequestSpec = {
  method: 'POST'
  url: string
  headers: Record<string, string>
  body: string
  /** Values to redact wherever the spec is logged or stored (tokens, API secrets). */
  secrets: readonly string[]
}

/** What came back: status, headers (lowercase names) and the body text. */
export type HttpResponseSpec = {
  kind: 'response'
  status: number
  headers: Record<string, string>
  body: string
}

/** The request never got an HTTP answer. */
export type NetworkFailure = {
  kind: 'network_error'
  /** 'timeout', 'connection_reset', 'connection_refused', 'dns', 'other'. */
  code: 'timeout' | 'connection_reset' | 'connection_refused' | 'dns' | 'other'
  message: string
}

export type DeliveryOutcome =
  | { eventId: string; kind: 'delivered'; traceId?: string }
  | { eventId: string; kind: 'retry'; reason: string; retryAfterMs?: number }
  | { eventId: string; kind: 'dead'; reason: string }

/**
 * A destination is data plus two pure functions (STYLE.md habit 1): no clock (time is passed in), no
 * randomness, no I/O, no logging, nothing thrown.
 */
export interface Destination<Config, ConfigInput = unknown> {
  readonly id: DestinationId
  /** Validates the destination's options; `ConfigInput` is what a site writes (defaults still optional). */
  readonly configSchema: z.ZodType<Config, ConfigInput>
  /** Which consent signal gates it: 'ads' (ad_storage + ad_user_data) or 'analytics' (analytics_storage). */
  readonly purpose: 'ads' | 'analytics'
  /** Most events one request may carry (platforms.md section 0). */
  readonly maxBatch: number
  /** Events older than this are not sent (Meta: 7 days); they go dead with reason 'too_old'. */
  readonly maxEventAgeMs?: number
  /** Events in one request must share this key (GA4: the client id). */
  batchKey?(event: OutboxEvent): string
  /** The public ids the browser needs for this destination's pixel; never a token. */
  publicConfig(config: Config): Record<string, string>
  toRequest(events: readonly OutboxEvent[], config: Config, now: Date): HttpRequestSpec
  classify(response: HttpResponseSpec | NetworkFailure, events: readonly OutboxEvent[]): DeliveryOutcome[]
}
