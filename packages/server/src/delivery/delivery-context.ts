import type { Destination, DestinationId, NetworkFailure } from '../destinations/destination.js'
import type { OutboxStore } from '../outbox/outbox-store.js'
import type { DeliveryLogger } from './delivery-logger.js'
import type { RetryPolicy } from './retry-policy.js'
import type { Send } from './send.js'

/** A destination with its validated config: what one worker loop delivers to. */
export type DeliveryTarget<Config = unknown> = { destination: Destination<Config>; config: Config }

/**
 * Pairs a destination with its config, checking at compile time that they belong together.
 * @example deliveryTarget(meta, config.meta)
 */
export function deliveryTarget<Config>(destination: Destination<Config>, config: Config): DeliveryTarget {
  return { destination, config }
}

/** Injected time (STYLE.md habit 7): unix milliseconds. */
export type Clock = { now(): number }

/** One event's outcome, for metrics and audit hooks. Holds no event data beyond its keys. */
export type DeliveryReport = {
  destination: DestinationId
  eventName: string
  eventId: string
  /** 'retry' means scheduled again; a retry that ran out of attempts is reported as 'dead'. */
  kind: 'delivered' | 'retry' | 'dead'
  /** Redacted; absent for delivered. */
  reason?: string
  /** Sends made so far, this one included (too_old rows count their claim). */
  attempts: number
  nextAttemptAtMs?: number
  /** From the relay accepting the event to this outcome. */
  latencyMs: number
}

/** One HTTP request, for metrics: its HTTP status or network failure code, and how long it took. */
export type SendReport = {
  destination: DestinationId
  events: number
  result: number | NetworkFailure['code']
  durationMs: number
}

/** What every delivery pass shares; built once by createDeliveryWorker. */
export type DeliveryContext = {
  store: OutboxStore
  send: Send
  policy: RetryPolicy
  clock: Clock
  random: () => number
  logger: DeliveryLogger
  leaseMs: number
  /** Requests in flight at once per destination. */
  concurrency: number
  onOutcome?: (report: DeliveryReport) => void
  onSend?: (report: SendReport) => void
  /** False once stop() stopped waiting: answers arriving later are not recorded (their rows were released). */
  isRecording(): boolean
  /** True once stop() was called: batches not yet sent are not started. */
  isStopping(): boolean
  /** Ids of rows claimed by this worker whose outcome is not recorded yet; stop() releases what is left. */
  claims: Set<number>
}
