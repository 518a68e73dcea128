-- Creates a client can retry blindly (and a history of every action):
-- * idempotency keys are scoped to the person: unique per (created_by, idempotency_key);
-- * a DLI job is linked to at most one record;
-- * an unsettled attempt says when it was last sent to DLI and when it may be reconciled;
-- * every action on a job is an event: who, when, what was asked, and DLI's answer.
ALTER TABLE jobs DROP CONSTRAINT jobs_idempotency_key_key;
CREATE UNIQUE INDEX jobs_key_per_person ON jobs (created_by, idempotency_key);
CREATE UNIQUE INDEX jobs_dli_job_once ON jobs (dli_job_id) WHERE dli_job_id IS NOT NULL;

-- When the create was last sent to DLI (a retried attempt is sent again), and, while pending or
-- unknown, from when reconciliation may decide the outcome.
ALTER TABLE jobs ADD COLUMN attempted_at_ms BIGINT;
ALTER TABLE jobs ADD COLUMN reconcile_after_ms BIGINT;
UPDATE jobs SET attempted_at_ms = created_at_ms,
    reconcile_after_ms = CASE WHEN outcome IN ('pending', 'unknown') THEN created_at_ms + 60000 END;
ALTER TABLE jobs ALTER COLUMN attempted_at_ms SET NOT NULL;
DROP INDEX jobs_unresolved;
CREATE INDEX jobs_unresolved ON jobs (reconcile_after_ms) WHERE outcome IN ('pending', 'unknown');

CREATE TABLE job_events (
    id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id          BIGINT  NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    at_ms           BIGINT  NOT NULL,
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
);
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
