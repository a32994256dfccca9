import type { DestinationId } from '../destinations/destination.js'
import type { OutboxEvent } from './outbox-event.js'

/**
 * pending → in_flight → delivered | pending (retry) | dead. `suppressed`: accepted but not to be sent
 * (consent denied), kept for the record with hashed data only.
 */
export type OutboxStatus = 'pending' | 'in_flight' | 'delivered' | 'dead' | 'suppressed'

/** One record per event and destination. The idempotency key is (destination, eventName, eventId). */
export type NewOutboxRow = {
  destination: DestinationId
  status: 'pending' | 'suppressed'
  /** Why the row is suppressed, or the consent decision taken for a pending row. */
  decision: string
  event: OutboxEvent
  /** When the row may first be claimed, unix ms. */
  nextAttemptAtMs: number
}

export type OutboxRow = {
  id: number
  destination: DestinationId
  eventName: string
  eventId: string
  status: OutboxStatus
  decision: string
  attempts: number
  nextAttemptAtMs: number
  lastError: string | null
  traceId: string | null
  createdAtMs: number
  updatedAtMs: number
  event: OutboxEvent
}

export type EnqueueResult = { destination: DestinationId; eventId: string; eventName: string; result: 'queued' | 'suppressed' | 'duplicate' }

/**
 * The durable outbox. Every adapter (SQLite, PostgreSQL) passes the same contract suite. `enqueue`
 * resolves only once the rows are on disk: the relay answers 202 after it, never before.
 */
export interface OutboxStore {
  enqueue(rows: readonly NewOutboxRow[], nowMs: number): Promise<EnqueueResult[]>
  /**
   * Moves up to `limit` due rows of one destination (pending with nextAttemptAt ≤ now, or in_flight whose
   * lease expired: a crashed worker's) to in_flight with a lease until now + leaseMs, and returns them.
   */
  claimDue(destination: DestinationId, nowMs: number, limit: number, leaseMs: number): Promise<OutboxRow[]>
  markDelivered(ids: readonly number[], traceId: string | null, nowMs: number): Promise<void>
  markRetry(id: number, nextAttemptAtMs: number, reason: string, nowMs: number): Promise<void>
  markDead(id: number, reason: string, nowMs: number): Promise<void>
  close(): Promise<void>
}
