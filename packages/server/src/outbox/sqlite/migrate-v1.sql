-- Schema 1 → 2: the event JSON moves from each outbox row to outbox_event (one per former row: the
-- migration does not look for rows that shared an event). Runs inside one transaction.
ALTER TABLE outbox RENAME TO outbox_v1;
DROP INDEX IF EXISTS outbox_due;
DROP INDEX IF EXISTS outbox_finished;
CREATE TABLE outbox_event (
  id    INTEGER PRIMARY KEY,
  refs  INTEGER NOT NULL,
  event TEXT    NOT NULL
);
INSERT INTO outbox_event (id, refs, event) SELECT id, 1, event FROM outbox_v1;
CREATE TABLE outbox (
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
INSERT INTO outbox (id, destination, event_name, event_id, status, decision, attempts, next_attempt_at, lease_until,
    last_error, trace_id, created_at, updated_at, event_ref)
  SELECT id, destination, event_name, event_id, status, decision, attempts, next_attempt_at, lease_until,
    last_error, trace_id, created_at, updated_at, id
  FROM outbox_v1;
DROP TABLE outbox_v1;
