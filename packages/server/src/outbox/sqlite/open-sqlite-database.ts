import { readFileSync } from 'node:fs'
import Database from 'better-sqlite3'

/** Bumped when schema.sql changes in a way an older file needs migrating for (migrate-v<n>.sql). */
export const SCHEMA_VERSION = 2

/**
 * Opens (creating if needed) the outbox database, migrates a file of an older schema version and applies
 * schema.sql.
 *
 * Durability: WAL with `synchronous = NORMAL`, so a commit never waits for a disk flush on the event loop
 * (it survives a process crash, not power loss). The store fdatasyncs the WAL off the loop before an
 * enqueue resolves (sqlite-store.ts), which "on disk before 202" requires; group commit makes that one
 * fsync per tick, not one per request.
 * @example const db = openSqliteDatabase('./pairtrack.db')
 */
export function openSqliteDatabase(path: string, options: { fileMustExist?: boolean } = {}): Database.Database {
  const db = new Database(path, { fileMustExist: options.fileMustExist ?? false })
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    // A second process (the CLI) may hold the write lock briefly.
    db.pragma('busy_timeout = 5000')
    // Under ingest load every commit rewrites the same hot index pages: a 32 MiB page cache keeps them in
    // memory, and checkpointing every 8,000 WAL pages (32 MiB) instead of 1,000 copies each hot page to the
    // database file less often (measured: about 5% less CPU per beacon; BENCHMARKS.md).
    db.pragma('cache_size = -32000')
    db.pragma('wal_autocheckpoint = 8000')
    // One write transaction, the version read inside it: two processes opening an old file at once
    // migrate it once.
    db.transaction(() => {
      const version = db.pragma('user_version', { simple: true })
      if (typeof version === 'number' && version > SCHEMA_VERSION) {
        throw new Error(`outbox schema version ${version} is newer than this pairtrack (${SCHEMA_VERSION})`)
      }
      if (version === 1) db.exec(readFileSync(new URL('./migrate-v1.sql', import.meta.url), 'utf8'))
      db.exec(readFileSync(new URL('./schema.sql', import.meta.url), 'utf8'))
      if (version !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`)
    }).immediate()
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
