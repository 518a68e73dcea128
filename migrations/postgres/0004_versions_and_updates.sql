-- A job's whole life (keep in step with migrations/sqlite):
-- * job_versions: every version of a job's settings. Version 1 is the create; each update DLI
--   accepted adds the next. `settings` is the create-shaped JSON of the job from then on (what
--   the form shows and the diff compares); `request_body` the exact bytes sent to DLI.
-- * job_updates: an update the portal carries out. A change DLI takes while the job runs is one
--   step (`update`); one that needs a restart is `stop`, `update`, `start`, each recorded as it
--   goes so that another instance, or this one after a crash, carries on where it stopped.
-- * jobs.has_savepoint: whether DLI said the job has a savepoint to start from (NULL: not known).

ALTER TABLE jobs ADD COLUMN has_savepoint BOOLEAN;

CREATE TABLE job_versions (
    id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id          BIGINT  NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    version         BIGINT NOT NULL,
    at_ms           BIGINT NOT NULL,
    actor           TEXT    NOT NULL,
    -- create, update or rollback.
    action          TEXT    NOT NULL,
    settings        TEXT    NOT NULL,
    request_body    TEXT    NOT NULL,
    -- DLI's answer: its request id and message.
    dli_request_id  TEXT,
    message         TEXT,
    UNIQUE (job_id, version)
);

-- The jobs created before versions were kept start at version 1.
INSERT INTO job_versions (job_id, version, at_ms, actor, action, settings, request_body)
SELECT id, 1, created_at_ms, created_by, 'create', request_body, request_body
FROM jobs WHERE outcome = 'created' ORDER BY id;

CREATE TABLE job_updates (
    id                BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id            BIGINT  NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    created_at_ms     BIGINT NOT NULL,
    actor             TEXT    NOT NULL,
    action            TEXT    NOT NULL CHECK (action IN ('update', 'rollback')),
    idempotency_key   TEXT    NOT NULL,
    -- The version the update was made over, and the settings it leads to.
    base_version      BIGINT NOT NULL,
    settings          TEXT    NOT NULL,
    -- The PUT body (create fields without tags, plus job_type) and the fields it changes.
    request_body      TEXT    NOT NULL,
    changed           TEXT    NOT NULL,
    mode              TEXT    NOT NULL CHECK (mode IN ('direct', 'restart', 'restart_from_savepoint')),
    step              TEXT    NOT NULL CHECK (step IN ('stop', 'update', 'start', 'done', 'failed')),
    -- When this step's DLI call was last sent; NULL: not yet.
    sent_at_ms        BIGINT,
    -- DLI calls of this step that failed without an answer that settles it.
    tries             BIGINT NOT NULL DEFAULT 0,
    next_at_ms        BIGINT NOT NULL,
    -- The instance carrying the update out holds it until then.
    claimed_until_ms  BIGINT,
    -- The version the update made, once DLI accepted it.
    version           BIGINT,
    -- Where it stopped and why, for the page.
    message           TEXT,
    updated_at_ms     BIGINT NOT NULL
);
CREATE UNIQUE INDEX job_updates_key_per_person ON job_updates (job_id, actor, idempotency_key);
CREATE UNIQUE INDEX job_updates_one_at_a_time ON job_updates (job_id)
    WHERE step NOT IN ('done', 'failed');
CREATE INDEX job_updates_due ON job_updates (next_at_ms) WHERE step NOT IN ('done', 'failed');
CREATE INDEX job_updates_of_job ON job_updates (job_id, id DESC);
