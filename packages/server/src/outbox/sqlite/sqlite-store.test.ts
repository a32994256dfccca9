import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import type { GroupCommitReport } from '../group-commit.js'
import { describeOutboxStore, newRowFor } from '../outbox-store.contract.js'
import { openSqliteDatabase } from './open-sqlite-database.js'
import { createSqliteOutboxStore } from './sqlite-store.js'

const dir = mkdtempSync(join(tmpdir(), 'pairtrack-outbox-'))
let files = 0
const tempFile = () => join(dir, `outbox-${files++}.db`)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describeOutboxStore('sqlite file', () => createSqliteOutboxStore({ path: tempFile() }))
describeOutboxStore('sqlite :memory:', () => createSqliteOutboxStore({ path: ':memory:' }))

describe('createSqliteOutboxStore', () => {
  it('opens the file in WAL mode with synchronous FULL', () => {
    const db = openSqliteDatabase(tempFile())
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // 2 = FULL
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

  it('refuses a file written by a newer schema version', () => {
    const path = tempFile()
    const db = new Database(path)
    db.pragma('user_version = 99')
    db.close()
    expect(() => createSqliteOutboxStore({ path })).toThrow(/schema version 99/)
  })
})
