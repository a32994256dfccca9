import { existsSync } from 'node:fs'
import { err, ok, type Result } from '@pairtrack/shared'
import type { OutboxStore } from './outbox-store.js'
import { createSqliteOutboxStore } from './sqlite/sqlite-store.js'

/** Where the relay keeps its outbox unless told otherwise: a file in the working directory. */
export const DEFAULT_OUTBOX_URL = 'sqlite:./pairtrack.db'

export type OpenOutboxStoreError = {
  code: 'invalid_url' | 'not_supported_yet' | 'open_failed'
  message: string
}

export type OpenOutboxStoreOptions = {
  /** Answer open_failed instead of creating a store that does not exist yet (operators' tools). @default false */
  mustExist?: boolean
}

/**
 * Opens the outbox named by a URL: `sqlite:<path>` (`sqlite:///abs/path` and `sqlite::memory:` too).
 * PostgreSQL (`postgres://`, `postgresql://`) is a later issue and answers `not_supported_yet`.
 * @example
 * const opened = openOutboxStore(process.env.PAIRTRACK_OUTBOX_URL ?? DEFAULT_OUTBOX_URL)
 * if (!opened.ok) throw new Error(opened.error.message)
 */
export function openOutboxStore(
  url: string = DEFAULT_OUTBOX_URL,
  options: OpenOutboxStoreOptions = {},
): Result<OutboxStore, OpenOutboxStoreError> {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    return err({ code: 'not_supported_yet', message: 'a PostgreSQL outbox is not supported yet; use sqlite:<path>' })
  }
  if (!url.startsWith('sqlite:')) {
    return err({ code: 'invalid_url', message: 'the outbox URL must start with sqlite: (for example sqlite:./pairtrack.db)' })
  }
  // sqlite:./a.db, sqlite:/abs/a.db, sqlite:///abs/a.db, sqlite://./a.db
  const path = url.slice('sqlite:'.length).replace(/^\/\/(?=[./])/, '')
  if (path === '') return err({ code: 'invalid_url', message: 'the outbox URL names no file: use sqlite:<path>' })
  if (options.mustExist === true && path !== ':memory:' && !existsSync(path)) {
    return err({ code: 'open_failed', message: `there is no outbox at ${path} (check the store URL)` })
  }
  try {
    return ok(createSqliteOutboxStore({ path, fileMustExist: options.mustExist === true && path !== ':memory:' }))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return err({ code: 'open_failed', message: `cannot open the SQLite outbox at ${path}: ${reason}` })
  }
}
