-- pairtrack outbox, SQLite, schema version 2; applied on every open (idempotent).
-- Times are unix milliseconds. Never raw PII: events hold hashed user data only.

-- Each accepted event once, as its OutboxEvent JSON, shared by its destinations' rows. `refs` counts the
-- outbox rows pointing at it; the purge deletes the event when the last one goes.
CREATE TABLE IF NOT EXISTS outbox_event (
  id    INTEGER PRIMARY KEY,
  refs  INTEGER NOT NULL,
  event TEXT    NOT NULL
);

-- One row per (destination, event): the delivery state only, small, so that claiming and recording
-- outcomes rewrite a few dozen bytes, not the event.
CREATE TABLE IF NOT EXISTS outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  destination     TEXT    NOT NULL,
  event_name      TEXT    NOT NULL,
  event_id        TEXT    NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN ('pending', 'in_flight', 'delivered', 'dead', 'suppressed')),
  decision        TEXT    NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  lease_until     INTEGER,
  last_error      TEXT,
  trace_id        TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  event_ref       INTEGER NOT NULL REFERENCES outbox_event (id),
  -- The idempotency key, event id first: an event's rows share one index page.
  UNIQUE (event_id, event_name, destination)
);

-- claimDue / countDue / nextDueAtMs: the worker's queries, one destination at a time. Partial: only the
-- rows still to send, so the index stays small however many delivered rows the retention keeps, and
-- finishing a row takes it out.
DROP INDEX IF EXISTS outbox_due;
CREATE INDEX IF NOT EXISTS outbox_open ON outbox (destination, status, next_attempt_at)
  WHERE status IN ('pending', 'in_flight');

-- purgeOlderThan / listDead / replayDead: finished rows only, so that claiming a row does not touch it.
DROP INDEX IF EXISTS outbox_finished;
CREATE INDEX IF NOT EXISTS outbox_finished_at ON outbox (status, updated_at)
  WHERE status IN ('delivered', 'dead', 'suppressed');
