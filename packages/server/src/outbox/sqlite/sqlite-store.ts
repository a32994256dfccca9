import { closeSync, fdatasync, openSync, statSync } from 'node:fs'
import type Database from 'better-sqlite3'
import type { DestinationId } from '../../destinations/destination.js'
import { createGroupCommit, type GroupCommitReport } from '../group-commit.js'
import type { OutboxEvent } from '../outbox-event.js'
import type { DeadRowFilter, EnqueueResult, NewOutboxRow, OutboxStore, OutcomeMark } from '../outbox-store.js'
import { openSqliteDatabase } from './open-sqlite-database.js'
import { fromSqliteCount, fromSqliteRow, type SqliteCountRow, type SqliteOutboxRow } from './sqlite-row.js'

export type SqliteOutboxStoreOptions = {
  /** A file path, or ':memory:' (tests only: nothing survives the process). */
  path: string
  /** Refuse to create a missing file (the CLI: a typo in the path must not look like an empty outbox). @default false */
  fileMustExist?: boolean
  /**
   * How long an enqueue may wait for others to share its transaction: 0 groups the calls of one event-loop
   * turn (setImmediate); more gives fewer, larger commits under load at that cost in latency.
   * @default COMMIT_WINDOW_MS
   */
  commitWindowMs?: number
  /** Called after each group commit (metrics: how many enqueue calls shared one transaction). */
  onCommit?: (report: GroupCommitReport) => void
}

/** See SqliteOutboxStoreOptions.commitWindowMs. */
export const COMMIT_WINDOW_MS = 0

type EnqueueCall = { rows: readonly NewOutboxRow[]; nowMs: number }
type StateRow = Omit<SqliteOutboxRow, 'event'>

// Each condition names its partial index's own WHERE term, which is how SQLite knows it may use it.
const FINISHED = `status IN ('delivered', 'dead', 'suppressed')`
const OPEN = `status IN ('pending', 'in_flight')`
// The due rows, as two index range scans in (next_attempt_at, id) order: an OR of the two statuses made
// SQLite read every row of the destination and sort them, delivered ones included, on every claim.
const PENDING_DUE = `destination = @destination AND ${OPEN} AND status = 'pending' AND next_attempt_at <= @now`
const LEASE_EXPIRED = `destination = @destination AND ${OPEN} AND status = 'in_flight' AND lease_until <= @now`
const DUE_IDS = `SELECT id FROM (
    SELECT * FROM (SELECT id, next_attempt_at FROM outbox WHERE ${PENDING_DUE} ORDER BY next_attempt_at, id LIMIT @limit)
    UNION ALL
    SELECT * FROM (SELECT id, next_attempt_at FROM outbox WHERE ${LEASE_EXPIRED} ORDER BY next_attempt_at, id LIMIT @limit)
  ) ORDER BY next_attempt_at, id LIMIT @limit`
const DEAD = `${FINISHED} AND status = 'dead' AND (@destination IS NULL OR destination = @destination)
  AND (@since IS NULL OR updated_at >= @since)`
const WITH_EVENT = 'SELECT o.*, e.event FROM outbox o JOIN outbox_event e ON e.id = o.event_ref'

/**
 * The SQLite outbox (better-sqlite3, WAL). Enqueues of one tick share a transaction, and resolve only once an
 * fdatasync of the WAL (off the event loop, one for every commit made before it started) has returned.
 * An event is stored once for all its destinations; the per-destination rows hold only delivery state.
 * @example
 * const store = createSqliteOutboxStore({ path: './pairtrack.db' })
 * await store.enqueue([{ destination: 'meta', status: 'pending', decision: 'granted', event, nextAttemptAtMs: now }], now)
 */
export function createSqliteOutboxStore(options: SqliteOutboxStoreOptions): OutboxStore {
  const db = openSqliteDatabase(options.path, { fileMustExist: options.fileMustExist ?? false })
  const insertEvent = db.prepare<[string, number]>('INSERT INTO outbox_event (event, refs) VALUES (?, ?)')
  const setRefs = db.prepare<[number, number]>('UPDATE outbox_event SET refs = ? WHERE id = ?')
  const deleteEvent = db.prepare<[number]>('DELETE FROM outbox_event WHERE id = ?')
  // Positional parameters: binding a named-parameter object costs several µs per row on the ingest path.
  const insert = db.prepare<[string, string, string, string, string, number, number, number, number]>(
    `INSERT INTO outbox (destination, event_name, event_id, status, decision, attempts, next_attempt_at,
       created_at, updated_at, event_ref)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
     ON CONFLICT (event_id, event_name, destination) DO NOTHING`,
  )
  const claim = db.prepare<[{ destination: string; now: number; limit: number; lease: number }], SqliteOutboxRow>(
    `UPDATE outbox SET status = 'in_flight', attempts = attempts + 1, lease_until = @lease, updated_at = @now
     WHERE id IN (${DUE_IDS})
     RETURNING *, (SELECT event FROM outbox_event WHERE outbox_event.id = outbox.event_ref) AS event`,
  )
  const finish = db.prepare<[{ id: number; status: string; next: number | null; error: string | null; trace: string | null; now: number }]>(
    `UPDATE outbox SET status = @status, next_attempt_at = coalesce(@next, next_attempt_at), lease_until = NULL,
       last_error = coalesce(@error, last_error), trace_id = coalesce(@trace, trace_id), updated_at = @now
     WHERE id = @id AND status = 'in_flight'`,
  )
  const countDue = db.prepare<[{ destination: string; now: number; limit: number }], number>(
    `SELECT count(*) FROM (${DUE_IDS})`,
  )
  const nextDue = db.prepare<[{ destination: string }], number | null>(
    `SELECT min(at) FROM (
       SELECT min(next_attempt_at) AS at FROM outbox WHERE destination = @destination AND ${OPEN} AND status = 'pending'
       UNION ALL
       SELECT min(lease_until) FROM outbox WHERE destination = @destination AND ${OPEN} AND status = 'in_flight')`,
  )
  const find = db.prepare<[string, string, string], SqliteOutboxRow>(
    `${WITH_EVENT} WHERE o.destination = ? AND o.event_name = ? AND o.event_id = ?`,
  )
  const counts = db.prepare<[], SqliteCountRow>(
    'SELECT destination, status, count(*) AS count FROM outbox GROUP BY destination, status ORDER BY destination, status',
  )
  const listDead = db.prepare<[{ destination: string | null; since: number | null; limit: number }], SqliteOutboxRow>(
    `${WITH_EVENT} WHERE o.id IN (SELECT id FROM outbox WHERE ${DEAD}) ORDER BY o.updated_at DESC, o.id DESC LIMIT @limit`,
  )
  const replayDead = db.prepare<[{ destination: string | null; since: number | null; now: number }]>(
    `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = @now, lease_until = NULL, updated_at = @now
     WHERE ${DEAD}`,
  )
  const purge = db.prepare<[number, number], number>(
    `DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE ${FINISHED} AND updated_at < ? LIMIT ?) RETURNING event_ref`,
  ).pluck()
  const dropRefs = db.prepare<[number, number]>('UPDATE outbox_event SET refs = refs - ? WHERE id = ?')
  const deleteUnreferenced = db.prepare<[number]>('DELETE FROM outbox_event WHERE id = ? AND refs <= 0')
  const release = db.prepare<[{ id: number; now: number }]>(
    `UPDATE outbox SET status = 'pending', next_attempt_at = @now, lease_until = NULL, updated_at = @now
     WHERE id = @id AND status = 'in_flight'`,
  )

  // Rows of one call that carry the same event object (the pipeline's per-destination rows) share one
  // outbox_event; an event none of whose rows was new (a duplicate arrival) is not kept.
  const insertCall = ({ rows, nowMs }: EnqueueCall): EnqueueResult[] => {
    const expected = new Map<OutboxEvent, number>()
    for (const row of rows) expected.set(row.event, (expected.get(row.event) ?? 0) + 1)
    const refs = new Map<OutboxEvent, { id: number; refs: number }>()
    const results = rows.map((row): EnqueueResult => {
      const { eventName, eventId } = row.event
      let ref = refs.get(row.event)
      if (ref === undefined) {
        ref = { id: Number(insertEvent.run(JSON.stringify(row.event), expected.get(row.event) ?? 1).lastInsertRowid), refs: 0 }
        refs.set(row.event, ref)
      }
      const { changes } = insert.run(row.destination, eventName, eventId, row.status, row.decision, row.nextAttemptAtMs, nowMs, nowMs, ref.id)
      ref.refs += changes
      const result = changes === 0 ? 'duplicate' : row.status === 'suppressed' ? 'suppressed' : 'queued'
      return { destination: row.destination, eventName, eventId, result }
    })
    // Duplicate arrivals: correct the count, or drop an event none of whose rows was new.
    for (const [event, ref] of refs) {
      if (ref.refs === 0) deleteEvent.run(ref.id)
      else if (ref.refs !== expected.get(event)) setRefs.run(ref.refs, ref.id)
    }
    return results
  }
  const wal = openWalSync(db)
  const windowMs = options.commitWindowMs ?? COMMIT_WINDOW_MS
  const group = createGroupCommit<EnqueueCall, EnqueueResult[]>({
    schedule: windowMs > 0 ? (flush) => void setTimeout(flush, windowMs) : (flush) => void setImmediate(flush),
    commit: db.transaction((calls: readonly EnqueueCall[]) => calls.map(insertCall)),
    // Enqueues are the writes that must survive power loss: no 202 before the WAL is synced.
    sync: wal.sync,
    ...(options.onCommit ? { onCommit: options.onCommit } : {}),
  })
  const claimMany = db.transaction((destination: string, now: number, limit: number, lease: number): SqliteOutboxRow[] =>
    claim.all({ destination, now, limit, lease }),
  )
  // Delivered rows are marked by one statement per request (ids as a JSON array): a batch of 1,000 is one
  // statement run instead of 1,000.
  const deliver = db.prepare<[string | null, number, string]>(
    `UPDATE outbox SET status = 'delivered', lease_until = NULL, trace_id = coalesce(?, trace_id), updated_at = ?
     WHERE id IN (SELECT value FROM json_each(?)) AND status = 'in_flight'`,
  )
  const finishMany = (ids: readonly number[], trace: string | null, now: number) => void deliver.run(trace, now, JSON.stringify(ids))
  const recordMany = db.transaction((marks: readonly OutcomeMark[], now: number) => {
    const delivered = new Map<string | null, number[]>()
    for (const mark of marks) {
      if (mark.kind === 'delivered') {
        const ids = delivered.get(mark.traceId)
        if (ids === undefined) delivered.set(mark.traceId, [mark.id])
        else ids.push(mark.id)
      } else if (mark.kind === 'retry') finish.run({ id: mark.id, status: 'pending', next: mark.nextAttemptAtMs, error: mark.reason, trace: null, now })
      else finish.run({ id: mark.id, status: 'dead', next: null, error: mark.reason, trace: null, now })
    }
    for (const [trace, ids] of delivered) finishMany(ids, trace, now)
  })
  const releaseMany = db.transaction((ids: readonly number[], now: number) => {
    for (const id of ids) release.run({ id, now })
  })
  const purgeMany = db.transaction((cutoffMs: number, limit: number): number => {
    const gone = new Map<number, number>()
    for (const ref of purge.all(cutoffMs, limit)) gone.set(ref, (gone.get(ref) ?? 0) + 1)
    for (const [ref, count] of gone) {
      dropRefs.run(count, ref)
      deleteUnreferenced.run(ref)
    }
    return [...gone.values()].reduce((sum, count) => sum + count, 0)
  })
  const deadFilter = (filter: DeadRowFilter) => ({ destination: filter.destination ?? null, since: filter.sinceMs ?? null })
  let closed = false

  return {
    enqueue: (rows, nowMs) =>
      closed ? Promise.reject(new Error('outbox store is closed')) : group.submit({ rows, nowMs }),
    claimDue: async (destination, now, limit, leaseMs) =>
      claimMany(destination, now, limit, now + leaseMs)
        .map(fromSqliteRow)
        .sort((a, b) => a.nextAttemptAtMs - b.nextAttemptAtMs || a.id - b.id),
    markDelivered: async (ids, traceId, nowMs) => void finishMany(ids, traceId, nowMs),
    markRetry: async (id, next, reason, now) => void finish.run({ id, status: 'pending', next, error: reason, trace: null, now }),
    markDead: async (id, reason, now) => void finish.run({ id, status: 'dead', next: null, error: reason, trace: null, now }),
    recordOutcomes: async (marks, now) => void recordMany(marks, now),
    releaseClaims: async (ids, now) => void releaseMany(ids, now),
    countDue: async (destination: DestinationId, now, cap) => countDue.pluck().get({ destination, now, limit: cap }) ?? 0,
    nextDueAtMs: async (destination) => nextDue.pluck().get({ destination }) ?? null,
    findRow: async (destination, eventName, eventId) => {
      const row = find.get(destination, eventName, eventId)
      return row === undefined ? null : fromSqliteRow(row)
    },
    counts: async () => counts.all().map((row) => fromSqliteCount(row)),
    listDead: async (filter = {}) => listDead.all({ ...deadFilter(filter), limit: filter.limit ?? 100 }).map(fromSqliteRow),
    replayDead: async (filter, now) => replayDead.run({ ...deadFilter(filter), now }).changes,
    purgeOlderThan: async (cutoffMs, limit) => purgeMany(cutoffMs, limit ?? -1),
    async close() {
      if (closed) return
      closed = true
      await group.flush()
      wal.close()
      db.close()
    },
  }
}

type WalSync = { sync: () => Promise<void>; close(): void }

/**
 * Durability without blocking the event loop. The connection runs `synchronous = NORMAL`: a commit writes
 * its WAL frames and returns without an fsync (a process crash keeps it; power loss might not). `sync`
 * then fdatasyncs the WAL file on libuv's thread pool, which makes every commit written before it as
 * durable as `synchronous = FULL` would, while the event loop goes on parsing the next requests. Claims and
 * outcomes need no sync of their own: power loss can only undo the last few, whose rows are then sent
 * again with the same ids, as rows in flight at a crash are. An in-memory database has nothing to sync.
 */
function openWalSync(db: Database.Database): WalSync {
  if (db.memory) return { sync: async () => {}, close: () => {} }
  const path = `${db.name}-wal`
  let fd = openSync(path, 'r')
  let inode = statSync(path).ino
  return {
    sync: () => {
      // SQLite keeps the WAL file while any connection is open, but a file replaced behind our back (an
      // operator's `journal_mode` change) must not leave us syncing a stale inode.
      const current = statSync(path, { throwIfNoEntry: false })?.ino
      if (current !== undefined && current !== inode) {
        closeSync(fd)
        fd = openSync(path, 'r')
        inode = current
      }
      return new Promise<void>((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())))
    },
    close: () => closeSync(fd),
  }
}
