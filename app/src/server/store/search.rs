//! The name search, the one place the list query differs by backend. Both match names that
//! contain the needle in any case; what makes that fast differs. PostgreSQL's planner picks
//! between its pg_trgm index (rare names) and the newest-first index (common ones) by itself.
//! SQLite cannot, so `name_candidates` asks its FTS5 trigram table first: a rare name yields a
//! short list of ids to sort; a common or middling one is found by scanning newest first, which
//! tests the names held in that index and reads only the records that match.

use super::{Backend, Store, StoreError};

/// Up to this many matches are fetched by id and sorted; beyond it the newest-first scan meets
/// a page of matches soon enough.
const MOST_CANDIDATES: usize = 1_000;

const CANDIDATES: &str = "SELECT rowid FROM job_names WHERE name GLOB $1 LIMIT $2";

impl Store {
    /// The condition that a name matches a `contains_pattern`, written as each backend's index
    /// can serve it. SQLite's LIKE ignores ASCII case as its `lower` does, and calling `lower`
    /// on every name scanned would double the scan's time; PostgreSQL's LIKE heeds case, and
    /// its trigram index holds `lower(name)`.
    pub(super) fn name_matches(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite(_) => "name LIKE ",
            Backend::Postgres(_) => "lower(name) LIKE ",
        }
    }

    /// The ids of every record whose name contains `needle`, when the backend can tell them
    /// cheaply and they are few; `None` when the list query should scan instead.
    pub(super) async fn name_candidates(
        &self,
        needle: &str,
    ) -> Result<Option<Vec<i64>>, StoreError> {
        let Backend::Sqlite(pool) = &self.backend else {
            return Ok(None);
        };
        if !has_trigram(needle) {
            // Without three plain characters in a row FTS5 would read its whole table.
            return Ok(None);
        }
        let ids: Vec<i64> = sqlx::query_scalar(CANDIDATES)
            .bind(contains_glob(needle))
            .bind(MOST_CANDIDATES as i64 + 1)
            .fetch_all(pool)
            .await?;
        Ok((ids.len() <= MOST_CANDIDATES).then_some(ids))
    }
}

/// A LIKE pattern matching names that contain `needle`, in lower case. `_` is common in job
/// names, so LIKE's wildcards are escaped to mean themselves.
pub(super) fn contains_pattern(needle: &str) -> String {
    surround_escaped(needle, '%', &['%', '_', '\\'], |ch, pattern| {
        pattern.push('\\');
        pattern.push(ch);
    })
}

/// The GLOB pattern for the same search: GLOB escapes a wildcard by bracketing it.
fn contains_glob(needle: &str) -> String {
    surround_escaped(needle, '*', &['*', '?', '['], |ch, pattern| {
        pattern.extend(['[', ch, ']']);
    })
}

fn surround_escaped(
    needle: &str,
    any: char,
    wildcards: &[char],
    escape: impl Fn(char, &mut String),
) -> String {
    let mut pattern = String::with_capacity(needle.len() + 8);
    pattern.push(any);
    for ch in needle.to_lowercase().chars() {
        if wildcards.contains(&ch) {
            escape(ch, &mut pattern);
        } else {
            pattern.push(ch);
        }
    }
    pattern.push(any);
    pattern
}

/// Whether FTS5 can use its index: three characters in a row that are no GLOB syntax.
fn has_trigram(needle: &str) -> bool {
    needle
        .split(['*', '?', '[', ']'])
        .any(|run| run.chars().count() >= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_in_the_search_match_only_themselves() {
        assert_eq!(contains_pattern("My_Job%1\\"), "%my\\_job\\%1\\\\%");
    }

    #[test]
    fn glob_wildcards_in_the_search_are_bracketed() {
        assert_eq!(contains_glob("Etl*1?[x]_"), "*etl[*]1[?][[]x]_*");
    }

    #[test]
    fn only_three_plain_characters_in_a_row_make_a_trigram() {
        assert!(has_trigram("etl"));
        assert!(has_trigram("a*etl"));
        assert!(!has_trigram("et"));
        assert!(!has_trigram("ab?cd[ef"));
    }
}
