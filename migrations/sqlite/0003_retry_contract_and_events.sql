-- Creates a client can retry blindly (and a history of every action):
-- * idempotency keys are scoped to the person: unique per (created_by, idempotency_key);
-- * a DLI job is linked to at most one record;
-- * an unsettled attempt says when it was last sent to DLI and when it may be reconciled;
-- * every action on a job is an event: who, when, what was asked, and DLI's answer.
-- SQLite cannot drop the old UNIQUE on idempotency_key, so `jobs` is rebuilt, as SQLite's
-- ALTER TABLE documentation prescribes: copy, drop, rename, all in sqlx's one transaction, on a
-- connection whose foreign keys are off (`connect.rs`), so that dropping the old table neither
-- cascades to job_status_changes nor fires its triggers.

CREATE TABLE jobs_rebuilt (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at_ms       INTEGER NOT NULL,
    created_by          TEXT    NOT NULL,
    idempotency_key     TEXT    NOT NULL,
    name                TEXT    NOT NULL,
    queue_name          TEXT,
    start_requested     INTEGER NOT NULL CHECK (start_requested IN (0, 1)),
    request_body        TEXT    NOT NULL,
    dli_job_id          INTEGER,
    status              TEXT,
    status_desc         TEXT,
    outcome             TEXT    NOT NULL DEFAULT 'pending'
                        CHECK (outcome IN ('pending', 'created', 'failed', 'unknown')),
    error_kind          TEXT,
    error_code          TEXT,
    error_message       TEXT,
    updated_at_ms       INTEGER NOT NULL,
    deleted_at_ms       INTEGER,
    next_poll_at_ms     INTEGER,
    -- When the create was last sent to DLI (a retried attempt is sent again).
    attempted_at_ms     INTEGER NOT NULL,
    -- While pending or unknown: from when reconciliation may decide the outcome.
    reconcile_after_ms  INTEGER
) STRICT;

INSERT INTO jobs_rebuilt (id, created_at_ms, created_by, idempotency_key, name, queue_name,
    start_requested, request_body, dli_job_id, status, status_desc, outcome, error_kind,
    error_code, error_message, updated_at_ms, deleted_at_ms, next_poll_at_ms, attempted_at_ms,
    reconcile_after_ms)
SELECT id, created_at_ms, created_by, idempotency_key, name, queue_name, start_requested,
    request_body, dli_job_id, status, status_desc, outcome, error_kind, error_code,
    error_message, updated_at_ms, deleted_at_ms, next_poll_at_ms, created_at_ms,
    CASE WHEN outcome IN ('pending', 'unknown') THEN created_at_ms + 60000 END
FROM jobs;

DROP TABLE jobs;
ALTER TABLE jobs_rebuilt RENAME TO jobs;

-- The indexes and triggers of 0001 and 0002, which went with the old table.
CREATE INDEX jobs_newest     ON jobs (created_at_ms DESC, id DESC, name);
CREATE INDEX jobs_by_status  ON jobs (status, created_at_ms DESC, id DESC);
CREATE INDEX jobs_by_outcome ON jobs (outcome, created_at_ms DESC, id DESC);
CREATE INDEX jobs_by_queue   ON jobs (queue_name, created_at_ms DESC, id DESC);
CREATE INDEX jobs_by_creator ON jobs (created_by, created_at_ms DESC, id DESC);
CREATE INDEX jobs_to_poll ON jobs (next_poll_at_ms)
    WHERE outcome = 'created' AND deleted_at_ms IS NULL
      AND COALESCE(status, '') NOT IN ('job_submit_fail', 'job_cancel_success', 'job_finish');
CREATE TRIGGER job_names_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO job_names (rowid, name) VALUES (new.id, lower(new.name));
END;
CREATE TRIGGER job_names_delete AFTER DELETE ON jobs BEGIN
    DELETE FROM job_names WHERE rowid = old.id;
END;

-- New in this migration.
CREATE UNIQUE INDEX jobs_key_per_person ON jobs (created_by, idempotency_key);
CREATE UNIQUE INDEX jobs_dli_job_once ON jobs (dli_job_id) WHERE dli_job_id IS NOT NULL;
CREATE INDEX jobs_unresolved ON jobs (reconcile_after_ms) WHERE outcome IN ('pending', 'unknown');

CREATE TABLE job_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id          INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    at_ms           INTEGER NOT NULL,
    actor           TEXT    NOT NULL,
    -- create, start, stop, delete, update, rollback (one event per job also in a batch).
    action          TEXT    NOT NULL,
    -- What was asked, as a JSON object (e.g. {"trigger_savepoint": true}); may be NULL.
    detail          TEXT,
    outcome         TEXT    NOT NULL CHECK (outcome IN ('ok', 'failed', 'unknown')),
    -- DLI's answer: its request id, and its code and message when it refused or failed.
    dli_request_id  TEXT,
    error_kind      TEXT,
    error_code      TEXT,
    message         TEXT
) STRICT;
CREATE INDEX job_events_by_job    ON job_events (job_id, at_ms DESC, id DESC);
CREATE INDEX job_events_newest    ON job_events (at_ms DESC, id DESC);
CREATE INDEX job_events_by_actor  ON job_events (actor, at_ms DESC, id DESC);
CREATE INDEX job_events_by_action ON job_events (action, at_ms DESC, id DESC);

-- The creates made before events were kept, so that the activity log starts complete.
INSERT INTO job_events (job_id, at_ms, actor, action, outcome, error_kind, error_code, message)
SELECT id, created_at_ms, created_by, 'create',
    CASE outcome WHEN 'created' THEN 'ok' WHEN 'failed' THEN 'failed' ELSE 'unknown' END,
    error_kind, error_code, error_message
FROM jobs ORDER BY id;

