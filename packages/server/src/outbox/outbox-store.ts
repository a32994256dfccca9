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
   * A claim counts as an attempt (`attempts + 1`): a send is about to start, and a row whose send crashes
   * the process cannot then be re-claimed forever. Oldest due first.
   */
  claimDue(destination: DestinationId, nowMs: number, limit: number, leaseMs: number): Promise<OutboxRow[]>
  /** The mark* methods only change rows still in_flight: a late answer never revives a finished row. */
  markDelivered(ids: readonly number[], traceId: string | null, nowMs: number): Promise<void>
  markRetry(id: number, nextAttemptAtMs: number, reason: string, nowMs: number): Promise<void>
  markDead(id: number, reason: string, nowMs: number): Promise<void>
  /**
   * Records the outcomes of one request's rows together (one transaction, one fsync), with the same rule
   * as the mark* methods: only rows still in_flight change.
   */
  recordOutcomes(outcomes: readonly OutcomeMark[], nowMs: number): Promise<void>
  /**
   * Hands claimed rows back without an outcome: in_flight → pending, due at `nowMs`, lease cleared,
   * attempts and last error kept. For a worker that stops before their answers came (graceful shutdown):
   * the next start sends them at once instead of waiting for the lease to run out.
   */
  releaseClaims(ids: readonly number[], nowMs: number): Promise<void>
  /** How many rows `claimDue` would return now, counting at most `cap` (the worker's linger check). */
  countDue(destination: DestinationId, nowMs: number, cap: number): Promise<number>
  /** When the next row of this destination becomes claimable (pending or lease expiry), or null if none. */
  nextDueAtMs(destination: DestinationId): Promise<number | null>
  /** The row for one idempotency key, or null. */
  findRow(destination: DestinationId, eventName: string, eventId: string): Promise<OutboxRow | null>
  /** Non-zero row counts per destination and status (an absent pair means 0). */
  counts(): Promise<OutboxCount[]>
  /** Dead rows, most recently updated first. */
  listDead(filter?: DeadRowFilter): Promise<OutboxRow[]>
  /** Dead rows back to pending, due at `nowMs` with attempts reset to 0; returns how many. */
  replayDead(filter: Omit<DeadRowFilter, 'limit'>, nowMs: number): Promise<number>
  /**
   * Deletes delivered, dead and suppressed rows last updated before `cutoffMs` (pending and in-flight rows
   * never), at most `limit` of them when given (so that a large purge can run in slices); returns how many.
   */
  purgeOlderThan(cutoffMs: number, limit?: number): Promise<number>
  /** Writes any enqueue still waiting for its group commit, then releases the store. */
  close(): Promise<void>
}

/** One row's outcome, for `recordOutcomes`. */
export type OutcomeMark =
  | { id: number; kind: 'delivered'; traceId: string | null }
  | { id: number; kind: 'retry'; nextAttemptAtMs: number; reason: string }
  | { id: number; kind: 'dead'; reason: string }

/** One line of `counts()`. */
export type OutboxCount = { destination: DestinationId; status: OutboxStatus; count: number }

/** Which dead rows `listDead` and `replayDead` act on; `sinceMs` compares with the row's last update. */
export type DeadRowFilter = {
  destination?: DestinationId
  sinceMs?: number
  /** @default 100 */
  limit?: number
}
