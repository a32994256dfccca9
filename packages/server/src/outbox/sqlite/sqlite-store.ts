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

const FINISHED = `status IN ('delivered', 'dead', 'suppressed')`
const DUE = `destination = @destination AND ((status = 'pending' AND next_attempt_at <= @now)
  OR (status = 'in_flight' AND lease_until <= @now))`
const DEAD = `status = 'dead' AND (@destination IS NULL OR destination = @destination)
  AND (@since IS NULL OR updated_at >= @since)`
const WITH_EVENT = 'SELECT o.*, e.event FROM outbox o JOIN outbox_event e ON e.id = o.event_ref'

/**
 * The SQLite outbox (better-sqlite3, WAL, synchronous FULL). Enqueues of one tick share a transaction.
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
  const insert = db.prepare<[Record<string, string | number | bigint>]>(
    `INSERT INTO outbox (destination, event_name, event_id, status, decision, attempts, next_attempt_at,
       created_at, updated_at, event_ref)
     VALUES (@destination, @eventName, @eventId, @status, @decision, 0, @next, @now, @now, @ref)
     ON CONFLICT (event_id, event_name, destination) DO NOTHING`,
  )
  const claim = db.prepare<[{ destination: string; now: number; limit: number; lease: number }], StateRow>(
    `UPDATE outbox SET status = 'in_flight', attempts = attempts + 1, lease_until = @lease, updated_at = @now
     WHERE id IN (SELECT id FROM outbox WHERE ${DUE} ORDER BY next_attempt_at, id LIMIT @limit)
     RETURNING *`,
  )
  const eventText = db.prepare<[number], string>('SELECT event FROM outbox_event WHERE id = ?').pluck()
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
      const { changes } = insert.run({
        destination: row.destination,
        eventName,
        eventId,
        status: row.status,
        decision: row.decision,
        next: row.nextAttemptAtMs,
        now: nowMs,
        ref: ref.id,
      })
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
  const windowMs = options.commitWindowMs ?? COMMIT_WINDOW_MS
  const group = createGroupCommit<EnqueueCall, EnqueueResult[]>({
    schedule: windowMs > 0 ? (flush) => void setTimeout(flush, windowMs) : (flush) => void setImmediate(flush),
    commit: db.transaction((calls: readonly EnqueueCall[]) => calls.map(insertCall)),
    ...(options.onCommit ? { onCommit: options.onCommit } : {}),
  })
  // Claims and outcomes commit without waiting for an fsync (synchronous NORMAL for their transaction only):
  // a process crash keeps them all the same (WAL), and power loss can only undo the last few, whose rows are
  // then sent again, as rows in flight at a crash are. The next enqueue's fsync covers them as well. Enqueues
  // always commit with FULL: an accepted event is never among what power loss may take.
  const syncNormal = db.prepare('PRAGMA synchronous = NORMAL')
  const syncFull = db.prepare('PRAGMA synchronous = FULL')
  const withoutFsync =
    <A extends unknown[], R>(run: (...args: A) => R) =>
    (...args: A): R => {
      syncNormal.run()
      try {
        return run(...args)
      } finally {
        syncFull.run()
      }
    }
  const claimMany = db.transaction((destination: string, now: number, limit: number, lease: number): SqliteOutboxRow[] =>
    claim.all({ destination, now, limit, lease }).map((row) => ({ ...row, event: eventText.get(row.event_ref) ?? 'null' })),
  )
  const finishMany = db.transaction((ids: readonly number[], trace: string | null, now: number) => {
    for (const id of ids) finish.run({ id, status: 'delivered', next: null, error: null, trace, now })
  })
  const recordMany = db.transaction((marks: readonly OutcomeMark[], now: number) => {
    for (const mark of marks) {
      if (mark.kind === 'delivered') finish.run({ id: mark.id, status: 'delivered', next: null, error: null, trace: mark.traceId, now })
      else if (mark.kind === 'retry') finish.run({ id: mark.id, status: 'pending', next: mark.nextAttemptAtMs, error: mark.reason, trace: null, now })
      else finish.run({ id: mark.id, status: 'dead', next: null, error: mark.reason, trace: null, now })
    }
  })
  const claimWithoutFsync = withoutFsync(claimMany)
  const finishWithoutFsync = withoutFsync(finishMany)
  const recordWithoutFsync = withoutFsync(recordMany)
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
      claimWithoutFsync(destination, now, limit, now + leaseMs)
        .map(fromSqliteRow)
        .sort((a, b) => a.nextAttemptAtMs - b.nextAttemptAtMs || a.id - b.id),
    markDelivered: async (ids, traceId, nowMs) => void finishWithoutFsync(ids, traceId, nowMs),
    markRetry: async (id, next, reason, now) => void finish.run({ id, status: 'pending', next, error: reason, trace: null, now }),
    markDead: async (id, reason, now) => void finish.run({ id, status: 'dead', next: null, error: reason, trace: null, now }),
    recordOutcomes: async (marks, now) => void recordWithoutFsync(marks, now),
    releaseClaims: async (ids, now) => void releaseMany(ids, now),
    countDue: async (destination: DestinationId, now, cap) => countDue.pluck().get({ destination, now, cap }) ?? 0,
    nextDueAtMs: async (destination) => nextDue.pluck().get(destination) ?? null,
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
      db.close()
    },
  }
}
