-- pairtrack outbox, SQLite. One row per (destination, event); applied on every open (idempotent).
-- Times are unix milliseconds. `event` is the OutboxEvent as JSON: hashed user data only, never raw PII.
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
  event           TEXT    NOT NULL,
  UNIQUE (destination, event_name, event_id)
);

-- claimDue / countDue / nextDueAtMs: the worker's queries, one destination at a time.
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (destination, status, next_attempt_at);

-- purgeOlderThan / listDead / replayDead.
CREATE INDEX IF NOT EXISTS outbox_finished ON outbox (status, updated_at);
