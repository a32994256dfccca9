// The outbox's public surface: the store contract, its adapters' factories and the URL opener.
export type { OutboxEvent, EventOrigin } from './outbox-event.js'
export type {
  OutboxStore,
  OutboxStatus,
  OutboxRow,
  NewOutboxRow,
  EnqueueResult,
  OutboxCount,
  DeadRowFilter,
} from './outbox-store.js'
export { openOutboxStore, DEFAULT_OUTBOX_URL, type OpenOutboxStoreError } from './open-outbox-store.js'
export { createSqliteOutboxStore, type SqliteOutboxStoreOptions } from './sqlite/sqlite-store.js'
export type { GroupCommitReport } from './group-commit.js'
