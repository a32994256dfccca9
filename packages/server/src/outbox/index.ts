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
  OutcomeMark,
} from './outbox-store.js'
export { openOutboxStore, DEFAULT_OUTBOX_URL, type OpenOutboxStoreError, type OpenOutboxStoreOptions } from './open-outbox-store.js'
export { createSqliteOutboxStore, type SqliteOutboxStoreOptions } from './sqlite/sqlite-store.js'
export type { GroupCommitReport } from './group-commit.js'
export { createRetentionSweeper, type RetentionSweeper, type RetentionSweeperOptions } from './retention-sweeper.js'
