-- The name search for a middling name (hundreds to thousands of matches, too many for the
-- trigram table's id list) scans newest first. With the name in the index, SQLite tests each
-- name there and reads a record only when it matches, instead of reading every record passed.
DROP INDEX jobs_newest;
CREATE INDEX jobs_newest ON jobs (created_at_ms DESC, id DESC, name);
-- PostgreSQL needs no counterpart: its planner already chooses between the trigram index and
-- the newest-first scan (see app/src/server/store/search.rs).
