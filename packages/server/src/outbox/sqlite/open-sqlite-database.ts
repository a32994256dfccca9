import { readFileSync } from 'node:fs'
import Database from 'better-sqlite3'

/** Bumped when schema.sql changes in a way an older file needs migrating for. */
const SCHEMA_VERSION = 1

/**
 * Opens (creating if needed) the outbox database and applies schema.sql.
 *
 * Durability: WAL with `synchronous = FULL` fsyncs the WAL on every commit, so a commit that returned
 * survives power loss, which "on disk before 202" requires (NORMAL in WAL mode only survives a process
 * crash). Group commit (group-commit.ts) makes that one fsync per tick, not one per request.
 * @example const db = openSqliteDatabase('./pairtrack.db')
 */
export function openSqliteDatabase(path: string): Database.Database {
  const db = new Database(path)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    // A second process (the CLI) may hold the write lock briefly.
    db.pragma('busy_timeout = 5000')
    const version = db.pragma('user_version', { simple: true })
    if (typeof version === 'number' && version > SCHEMA_VERSION) {
      throw new Error(`outbox schema version ${version} is newer than this pairtrack (${SCHEMA_VERSION})`)
    }
    db.exec(readFileSync(new URL('./schema.sql', import.meta.url), 'utf8'))
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
