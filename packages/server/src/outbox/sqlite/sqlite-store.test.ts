import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import type { GroupCommitReport } from '../group-commit.js'
import { describeOutboxStore, newRowFor, outboxEventFor } from '../outbox-store.contract.js'
import { openSqliteDatabase } from './open-sqlite-database.js'
import { createSqliteOutboxStore } from './sqlite-store.js'

const dir = mkdtempSync(join(tmpdir(), 'pairtrack-outbox-'))
let files = 0
const tempFile = () => join(dir, `outbox-${files++}.db`)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describeOutboxStore('sqlite file', () => createSqliteOutboxStore({ path: tempFile() }))
describeOutboxStore('sqlite :memory:', () => createSqliteOutboxStore({ path: ':memory:' }))

describe('createSqliteOutboxStore', () => {
  it('opens the file in WAL mode with synchronous NORMAL (the store syncs the WAL itself, off the event loop)', () => {
    const db = openSqliteDatabase(tempFile())
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(1) // 1 = NORMAL
    db.close()
  })

  it('writes the enqueue calls of one tick in one transaction', async () => {
    const commits: GroupCommitReport[] = []
    const store = createSqliteOutboxStore({ path: tempFile(), onCommit: (report) => commits.push(report) })
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.enqueue([newRowFor(`e${i}`)], 1)))
    await store.enqueue([newRowFor('next-tick')], 1)
    expect(commits).toEqual([{ callers: 50 }, { callers: 1 }])
    await store.close()
  })

  it('keeps enqueued rows across a close and reopen of the file', async () => {
    const path = tempFile()
    const first = createSqliteOutboxStore({ path })
    await first.enqueue([newRowFor('kept')], 1)
    await first.close()
    const second = createSqliteOutboxStore({ path })
    expect(await second.findRow('meta', 'Purchase', 'kept')).toMatchObject({ status: 'pending', eventId: 'kept' })
    expect((await second.enqueue([newRowFor('kept')], 2))[0]?.result).toBe('duplicate')
    await second.close()
  })

  it('stores an event once for all its destinations, and deletes it with the last of its rows', async () => {
    const path = tempFile()
    const store = createSqliteOutboxStore({ path })
    const event = outboxEventFor('shared')
    const rows = (['meta', 'ga4', 'tiktok'] as const).map((destination) => newRowFor('shared', { destination, event, status: 'suppressed' }))
    await store.enqueue(rows, 1)
    expect((await store.enqueue(rows, 2)).map((r) => r.result)).toEqual(['duplicate', 'duplicate', 'duplicate'])
    const raw = new Database(path, { readonly: true })
    const events = () => raw.prepare('SELECT refs FROM outbox_event').pluck().all()
    expect(events()).toEqual([3])
    expect(await store.purgeOlderThan(2, 2)).toBe(2)
    expect(events()).toEqual([1])
    expect(await store.purgeOlderThan(2)).toBe(1)
    expect(events()).toEqual([])
    raw.close()
    await store.close()
  })

  it('migrates a schema 1 file, keeping every row and its event', async () => {
    const path = tempFile()
    const v1 = new Database(path)
    v1.exec(`CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, destination TEXT NOT NULL, event_name TEXT NOT NULL,
      event_id TEXT NOT NULL, status TEXT NOT NULL, decision TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL, lease_until INTEGER, last_error TEXT, trace_id TEXT, created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL, event TEXT NOT NULL, UNIQUE (destination, event_name, event_id));
      CREATE INDEX outbox_due ON outbox (destination, status, next_attempt_at);
      CREATE INDEX outbox_finished ON outbox (status, updated_at);`)
    const insert = v1.prepare(`INSERT INTO outbox (destination, event_name, event_id, status, decision, attempts, next_attempt_at,
      last_error, created_at, updated_at, event) VALUES (?, 'Purchase', ?, ?, 'granted', ?, 5, ?, 1, 2, ?)`)
    insert.run('meta', 'old-pending', 'pending', 0, null, JSON.stringify(outboxEventFor('old-pending')))
    insert.run('ga4', 'old-dead', 'dead', 3, 'http_400', JSON.stringify(outboxEventFor('old-dead')))
    v1.pragma('user_version = 1')
    v1.close()

    const store = createSqliteOutboxStore({ path })
    expect(await store.findRow('meta', 'Purchase', 'old-pending')).toMatchObject({ status: 'pending', event: outboxEventFor('old-pending') })
    expect(await store.findRow('ga4', 'Purchase', 'old-dead')).toMatchObject({ status: 'dead', attempts: 3, lastError: 'http_400' })
    expect((await store.claimDue('meta', 5, 10, 1000)).map((r) => r.eventId)).toEqual(['old-pending'])
    expect((await store.enqueue([newRowFor('new')], 6))[0]?.result).toBe('queued')
    await store.close()
    const reopened = new Database(path, { readonly: true })
    expect(reopened.pragma('user_version', { simple: true })).toBe(2)
    reopened.close()
  })

  it('refuses a file written by a newer schema version', () => {
    const path = tempFile()
    const db = new Database(path)
    db.pragma('user_version = 99')
    db.close()
    expect(() => createSqliteOutboxStore({ path })).toThrow(/schema version 99/)
  })
})
