-- The job history: one row per create attempt, its status changes, and the poller's lease.
-- Times are milliseconds since the Unix epoch. Keep in step with migrations/postgres.

CREATE TABLE jobs (
    -- AUTOINCREMENT: ids are never reused, so a shared /jobs/:id link always means one job.
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at_ms    INTEGER NOT NULL,
    created_by       TEXT    NOT NULL,
    idempotency_key  TEXT    NOT NULL UNIQUE,
    name             TEXT    NOT NULL,
    queue_name       TEXT,
    start_requested  INTEGER NOT NULL CHECK (start_requested IN (0, 1)),
    request_body     TEXT    NOT NULL,
    dli_job_id       INTEGER,
    status           TEXT,
    status_desc      TEXT,
    outcome          TEXT    NOT NULL DEFAULT 'pending'
                     CHECK (outcome IN ('pending', 'created', 'failed', 'unknown')),
    error_kind       TEXT,
    error_code       TEXT,
    error_message    TEXT,
    updated_at_ms    INTEGER NOT NULL,
    deleted_at_ms    INTEGER,
    next_poll_at_ms  INTEGER
) STRICT;

-- The history page: newest first, alone or with one exact filter, read in index order.
CREATE INDEX jobs_newest     ON jobs (created_at_ms DESC, id DESC);
CREATE INDEX jobs_by_status  ON jobs (status, created_at_ms DESC, id DESC);
CREATE INDEX jobs_by_outcome ON jobs (outcome, created_at_ms DESC, id DESC);
CREATE INDEX jobs_by_queue   ON jobs (queue_name, created_at_ms DESC, id DESC);
CREATE INDEX jobs_by_creator ON jobs (created_by, created_at_ms DESC, id DESC);

-- The poller's work list stays small however long the history grows.
CREATE INDEX jobs_to_poll ON jobs (next_poll_at_ms)
    WHERE outcome = 'created' AND deleted_at_ms IS NULL
      AND COALESCE(status, '') NOT IN ('job_submit_fail', 'job_cancel_success', 'job_finish');
CREATE INDEX jobs_unresolved ON jobs (created_at_ms) WHERE outcome IN ('pending', 'unknown');

-- The name search: a trigram index of lower-cased names (FTS5 is built into the SQLite that sqlx
-- bundles). Case-sensitive trigrams let GLOB, whose wildcards are not `_`, use the index.
CREATE VIRTUAL TABLE job_names USING fts5 (name, tokenize = 'trigram case_sensitive 1');
CREATE TRIGGER job_names_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO job_names (rowid, name) VALUES (new.id, lower(new.name));
END;
CREATE TRIGGER job_names_delete AFTER DELETE ON jobs BEGIN
    DELETE FROM job_names WHERE rowid = old.id;
END;

CREATE TABLE job_status_changes (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id         INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    status         TEXT    NOT NULL,
    status_desc    TEXT,
    changed_at_ms  INTEGER NOT NULL
) STRICT;
CREATE INDEX job_status_changes_by_job ON job_status_changes (job_id, id);

CREATE TABLE leases (
    name           TEXT    PRIMARY KEY,
    holder         TEXT    NOT NULL,
    expires_at_ms  INTEGER NOT NULL
) STRICT;
