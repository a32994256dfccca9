import { isPlatformId } from '@pairtrack/shared'
import { fromStoredHashedUserData, type HashedUserDataFields } from '@pairtrack/shared'
import type { DestinationId } from '../../destinations/destination.js'
import type { OutboxEvent } from '../outbox-event.js'
import type { OutboxCount, OutboxRow, OutboxStatus } from '../outbox-store.js'

/** A row of the `outbox` table joined with its `outbox_event` (see schema.sql), as better-sqlite3 returns it. */
export type SqliteOutboxRow = {
  id: number
  destination: string
  event_name: string
  event_id: string
  status: string
  decision: string
  attempts: number
  next_attempt_at: number
  lease_until: number | null
  last_error: string | null
  trace_id: string | null
  created_at: number
  updated_at: number
  event_ref: number
  /** outbox_event.event */
  event: string
}

const STATUSES: readonly string[] = ['pending', 'in_flight', 'delivered', 'dead', 'suppressed'] satisfies OutboxStatus[]

const isOutboxStatus = (value: string): value is OutboxStatus => STATUSES.includes(value)

/** A line of the counts query. */
export type SqliteCountRow = { destination: string; status: string; count: number }

/** The stored JSON: an OutboxEvent whose user data lost its (type-only) brand on the way through JSON. */
type StoredOutboxEvent = Omit<OutboxEvent, 'userData'> & { userData: HashedUserDataFields }

/**
 * Maps a table row to an OutboxRow. A destination or status the code does not know means the file was
 * written by something else: that is a bug to surface, not a value to pass on.
 * @example fromSqliteRow(db.prepare('SELECT * FROM outbox').get() as SqliteOutboxRow)
 */
export function fromSqliteRow(row: SqliteOutboxRow): OutboxRow {
  const { destination, status } = checkKeys(row, `outbox row ${row.id}`)
  const stored = JSON.parse(row.event) as StoredOutboxEvent
  return {
    id: row.id,
    destination,
    eventName: row.event_name,
    eventId: row.event_id,
    status,
    decision: row.decision,
    attempts: row.attempts,
    nextAttemptAtMs: row.next_attempt_at,
    lastError: row.last_error,
    traceId: row.trace_id,
    createdAtMs: row.created_at,
    updatedAtMs: row.updated_at,
    // Written from a HashedUserData by enqueue, so it holds hashes only.
    event: { ...stored, userData: fromStoredHashedUserData(stored.userData) },
  }
}

/** @example fromSqliteCount({ destination: 'meta', status: 'dead', count: 2 }) */
export function fromSqliteCount(row: SqliteCountRow): OutboxCount {
  return { ...checkKeys(row, 'outbox counts'), count: row.count }
}

function checkKeys(row: { destination: string; status: string }, where: string): { destination: DestinationId; status: OutboxStatus } {
  const { destination, status } = row
  if (!isPlatformId(destination)) throw new Error(`${where}: unknown destination "${destination}"`)
  if (!isOutboxStatus(status)) throw new Error(`${where}: unknown status "${status}"`)
  return { destination, status }
}
