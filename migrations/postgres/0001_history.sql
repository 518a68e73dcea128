-- The job history: one row per create attempt, its status changes, and the poller's lease.
-- Times are milliseconds since the Unix epoch. Keep in step with migrations/sqlite.

CREATE TABLE jobs (
    id               BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at_ms    BIGINT  NOT NULL,
    created_by       TEXT    NOT NULL,
    idempotency_key  TEXT    NOT NULL UNIQUE,
    name             TEXT    NOT NULL,
    queue_name       TEXT,
    start_requested  BOOLEAN NOT NULL,
    request_body     TEXT    NOT NULL,
    dli_job_id       BIGINT,
    status           TEXT,
    status_desc      TEXT,
    outcome          TEXT    NOT NULL DEFAULT 'pending'
                     CHECK (outcome IN ('pending', 'created', 'failed', 'unknown')),
    error_kind       TEXT,
    error_code       TEXT,
    error_message    TEXT,
    updated_at_ms    BIGINT  NOT NULL,
    deleted_at_ms    BIGINT,
    next_poll_at_ms  BIGINT
);

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

-- The name search uses a trigram index when the server has pg_trgm (Debian's postgresql
-- package ships it; it is a trusted extension). Without it the search still works, by scanning.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX jobs_name_trigrams ON jobs USING gin (lower(name) gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%): the name search scans the history', SQLERRM;
END
$$;

CREATE TABLE job_status_changes (
    id             BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id         BIGINT  NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    status         TEXT    NOT NULL,
    status_desc    TEXT,
    changed_at_ms  BIGINT  NOT NULL
);
CREATE INDEX job_status_changes_by_job ON job_status_changes (job_id, id);

CREATE TABLE leases (
    name           TEXT    PRIMARY KEY,
    holder         TEXT    NOT NULL,
    expires_at_ms  BIGINT  NOT NULL
);
