import type { DestinationId } from '../../destinations/destination.js'
import { createGroupCommit, type GroupCommitReport } from '../group-commit.js'
import type { DeadRowFilter, EnqueueResult, NewOutboxRow, OutboxStore } from '../outbox-store.js'
import { openSqliteDatabase } from './open-sqlite-database.js'
import { fromSqliteCount, fromSqliteRow, type SqliteCountRow, type SqliteOutboxRow } from './sqlite-row.js'

export type SqliteOutboxStoreOptions = {
  /** A file path, or ':memory:' (tests only: nothing survives the process). */
  path: string
  /** Called after each group commit (metrics: how many enqueue calls shared one transaction). */
  onCommit?: (report: GroupCommitReport) => void
}

type EnqueueCall = { rows: readonly NewOutboxRow[]; nowMs: number }

const FINISHED = `status IN ('delivered', 'dead', 'suppressed')`
const DUE = `destination = @destination AND ((status = 'pending' AND next_attempt_at <= @now)
  OR (status = 'in_flight' AND lease_until <= @now))`
const DEAD = `status = 'dead' AND (@destination IS NULL OR destination = @destination)
  AND (@since IS NULL OR updated_at >= @since)`

/**
 * The SQLite outbox (better-sqlite3, WAL, synchronous FULL). Enqueues of one tick share a transaction.
 * @example
 * const store = createSqliteOutboxStore({ path: './pairtrack.db' })
 * await store.enqueue([{ destination: 'meta', status: 'pending', decision: 'granted', event, nextAttemptAtMs: now }], now)
 */
export function createSqliteOutboxStore(options: SqliteOutboxStoreOptions): OutboxStore {
  const db = openSqliteDatabase(options.path)
  const insert = db.prepare<[Record<string, string | number>]>(
    `INSERT INTO outbox (destination, event_name, event_id, status, decision, attempts, next_attempt_at,
       created_at, updated_at, event)
     VALUES (@destination, @eventName, @eventId, @status, @decision, 0, @next, @now, @now, @event)
     ON CONFLICT (destination, event_name, event_id) DO NOTHING`,
  )
  const claim = db.prepare<[{ destination: string; now: number; limit: number; lease: number }], SqliteOutboxRow>(
    `UPDATE outbox SET status = 'in_flight', attempts = attempts + 1, lease_until = @lease, updated_at = @now
     WHERE id IN (SELECT id FROM outbox WHERE ${DUE} ORDER BY next_attempt_at, id LIMIT @limit)
     RETURNING *`,
  )
  const finish = db.prepare<[{ id: number; status: string; next: number | null; error: string | null; trace: string | null; now: number }]>(
    `UPDATE outbox SET status = @status, next_attempt_at = coalesce(@next, next_attempt_at), lease_until = NULL,
       last_error = coalesce(@error, last_error), trace_id = coalesce(@trace, trace_id), updated_at = @now
     WHERE id = @id AND status = 'in_flight'`,
  )
  const countDue = db.prepare<[{ destination: string; now: number; cap: number }], number>(
    `SELECT count(*) FROM (SELECT 1 FROM outbox WHERE ${DUE} LIMIT @cap)`,
  )
  const nextDue = db.prepare<[string], number | null>(
    `SELECT min(CASE status WHEN 'pending' THEN next_attempt_at ELSE lease_until END) FROM outbox
     WHERE destination = ? AND status IN ('pending', 'in_flight')`,
  )
  const find = db.prepare<[string, string, string], SqliteOutboxRow>(
    'SELECT * FROM outbox WHERE destination = ? AND event_name = ? AND event_id = ?',
  )
  const counts = db.prepare<[], SqliteCountRow>(
    'SELECT destination, status, count(*) AS count FROM outbox GROUP BY destination, status ORDER BY destination, status',
  )
  const listDead = db.prepare<[{ destination: string | null; since: number | null; limit: number }], SqliteOutboxRow>(
    `SELECT * FROM outbox WHERE ${DEAD} ORDER BY updated_at DESC, id DESC LIMIT @limit`,
  )
  const replayDead = db.prepare<[{ destination: string | null; since: number | null; now: number }]>(
    `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = @now, lease_until = NULL, updated_at = @now
     WHERE ${DEAD}`,
  )
  const purge = db.prepare<[number]>(`DELETE FROM outbox WHERE ${FINISHED} AND updated_at < ?`)

  const insertCall = ({ rows, nowMs }: EnqueueCall): EnqueueResult[] =>
    rows.map((row) => {
      const { eventName, eventId } = row.event
      const { changes } = insert.run({
        destination: row.destination,
        eventName,
        eventId,
        status: row.status,
        decision: row.decision,
        next: row.nextAttemptAtMs,
        now: nowMs,
        event: JSON.stringify(row.event),
      })
      const result = changes === 0 ? 'duplicate' : row.status === 'suppressed' ? 'suppressed' : 'queued'
      return { destination: row.destination, eventName, eventId, result }
    })
  const group = createGroupCommit<EnqueueCall, EnqueueResult[]>({
    commit: db.transaction((calls: readonly EnqueueCall[]) => calls.map(insertCall)),
    ...(options.onCommit ? { onCommit: options.onCommit } : {}),
  })
  const finishMany = db.transaction((ids: readonly number[], trace: string | null, now: number) => {
    for (const id of ids) finish.run({ id, status: 'delivered', next: null, error: null, trace, now })
  })
  const deadFilter = (filter: DeadRowFilter) => ({ destination: filter.destination ?? null, since: filter.sinceMs ?? null })
  let closed = false

  return {
    enqueue: (rows, nowMs) =>
      closed ? Promise.reject(new Error('outbox store is closed')) : group.submit({ rows, nowMs }),
    claimDue: async (destination, now, limit, leaseMs) =>
      claim
        .all({ destination, now, limit, lease: now + leaseMs })
        .map(fromSqliteRow)
        .sort((a, b) => a.nextAttemptAtMs - b.nextAttemptAtMs || a.id - b.id),
    markDelivered: async (ids, traceId, nowMs) => void finishMany(ids, traceId, nowMs),
    markRetry: async (id, next, reason, now) => void finish.run({ id, status: 'pending', next, error: reason, trace: null, now }),
    markDead: async (id, reason, now) => void finish.run({ id, status: 'dead', next: null, error: reason, trace: null, now }),
    countDue: async (destination: DestinationId, now, cap) => countDue.pluck().get({ destination, now, cap }) ?? 0,
    nextDueAtMs: async (destination) => nextDue.pluck().get(destination) ?? null,
    findRow: async (destination, eventName, eventId) => {
      const row = find.get(destination, eventName, eventId)
      return row === undefined ? null : fromSqliteRow(row)
    },
    counts: async () => counts.all().map((row) => fromSqliteCount(row)),
    listDead: async (filter = {}) => listDead.all({ ...deadFilter(filter), limit: filter.limit ?? 100 }).map(fromSqliteRow),
    replayDead: async (filter, now) => replayDead.run({ ...deadFilter(filter), now }).changes,
    purgeOlderThan: async (cutoffMs) => purge.run(cutoffMs).changes,
    async close() {
      if (closed) return
      closed = true
      await group.flush()
      db.close()
    },
  }
}
