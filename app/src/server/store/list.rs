//! The history page: newest first with keyset pagination on (created_at_ms, id), exact filters
//! that each have an index in that order, and a case-insensitive name search.

use super::model::JobRow;
use super::search::contains_pattern;
use super::{JobRecord, ListQuery, Page, StatusFilter, Store, StoreError};
use sqlx::{Database, Encode, QueryBuilder, Type};

/// Every queue in the history, found with one index seek per queue (a "loose index scan")
/// instead of reading all records.
const DISTINCT_QUEUES: &str = "WITH RECURSIVE queues (name) AS ( \
       SELECT MIN(queue_name) FROM jobs \
       UNION ALL \
       SELECT (SELECT MIN(queue_name) FROM jobs WHERE queue_name > queues.name) \
       FROM queues WHERE queues.name IS NOT NULL) \
     SELECT name FROM queues WHERE name IS NOT NULL";

impl Store {
    /// One page of the history. A filter of blank text is no filter.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "list"))]
    pub async fn list(&self, query: &ListQuery) -> Result<Page, StoreError> {
        let after = query.cursor.as_deref().map(Cursor::decode).transpose()?;
        let page_size = query.page_size.clamp(1, ListQuery::MAX_PAGE_SIZE) as usize;
        let (status, outcome, group) = match &query.status {
            Some(StatusFilter::Dli(status)) => (given(Some(status)), None, None),
            Some(StatusFilter::Outcome(outcome)) => (None, Some(outcome.as_str()), None),
            Some(StatusFilter::Group(group)) => (None, None, Some(*group)),
            None => (None, None, None),
        };
        let needle = given(query.name_contains.as_ref());
        let name_pattern = needle.map(contains_pattern);
        let candidates = match needle {
            Some(needle) => self.name_candidates(needle).await?,
            None => None,
        };
        if candidates.as_ref().is_some_and(Vec::is_empty) {
            return Ok(Page {
                records: Vec::new(),
                next_cursor: None,
            });
        }
        let rows: Vec<JobRow> = on_pool!(self, pool => {
            let mut sql = QueryBuilder::new("SELECT * FROM jobs WHERE TRUE");
            for (column, value) in [
                ("status", status),
                ("outcome", outcome),
                ("queue_name", given(query.queue_name.as_ref())),
                ("created_by", given(query.created_by.as_ref())),
            ] {
                if let Some(value) = value {
                    sql.push(format_args!(" AND {column} = ")).push_bind(value);
                }
            }
            if let Some(group) = group {
                push_text_list(sql.push(" AND ("), "status", &group.statuses());
                push_text_list(sql.push(" OR (status IS NULL AND"), "outcome", group.outcomes());
                sql.push("))");
            }
            if let Some(pattern) = &name_pattern {
                sql.push(" AND ").push(self.name_matches());
                sql.push_bind(pattern).push(" ESCAPE '\\'");
            }
            if let Some(ids) = &candidates {
                push_id_list(sql.push(" AND"), "id", ids);
            }
            if let Some(after) = after {
                sql.push(" AND (created_at_ms, id) < (").push_bind(after.created_at_ms);
                sql.push(", ").push_bind(after.id).push(")");
            }
            // One more than a page tells whether another page follows.
            sql.push(" ORDER BY created_at_ms DESC, id DESC LIMIT ").push_bind(page_size as i64 + 1);
            sql.build_query_as().fetch_all(pool).await?
        });
        let more_follow = rows.len() > page_size;
        let records: Vec<JobRecord> = rows
            .into_iter()
            .take(page_size)
            .map(JobRecord::from)
            .collect();
        let next_cursor = match records.last() {
            Some(last) if more_follow => Some(Cursor::after(last).encode()),
            _ => None,
        };
        Ok(Page {
            records,
            next_cursor,
        })
    }

    /// The records with these ids that exist, in no particular order: one query for the
    /// statuses a page keeps fresh.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "get_many"))]
    pub async fn get_many(&self, ids: &[i64]) -> Result<Vec<JobRecord>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<JobRow> = on_pool!(self, pool => {
            let mut sql = QueryBuilder::new("SELECT * FROM jobs WHERE");
            push_id_list(&mut sql, "id", ids);
            sql.build_query_as().fetch_all(pool).await?
        });
        Ok(rows.into_iter().map(JobRecord::from).collect())
    }

    /// Which of these DLI job ids a record already holds: reconciliation must not take them.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "linked"))]
    pub async fn linked_dli_jobs(&self, dli_job_ids: &[i64]) -> Result<Vec<i64>, StoreError> {
        if dli_job_ids.is_empty() {
            return Ok(Vec::new());
        }
        Ok(on_pool!(self, pool => {
            let mut sql = QueryBuilder::new("SELECT dli_job_id FROM jobs WHERE");
            push_id_list(&mut sql, "dli_job_id", dli_job_ids);
            sql.build_query_scalar().fetch_all(pool).await?
        }))
    }

    /// The queues that appear in the history, in name order, for the page's filter.
    #[tracing::instrument(
        name = "store",
        level = "debug",
        skip_all,
        fields(op = "distinct_queues")
    )]
    pub async fn distinct_queues(&self) -> Result<Vec<String>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_scalar(DISTINCT_QUEUES).fetch_all(pool).await?))
    }
}

/// ` column IN ($n, …)` with each text bound; never true for no texts.
fn push_text_list<'args, DB: Database>(
    sql: &mut QueryBuilder<'args, DB>,
    column: &'static str,
    texts: &[&'args str],
) where
    &'args str: Encode<'args, DB> + Type<DB>,
{
    if texts.is_empty() {
        sql.push(" FALSE");
        return;
    }
    let mut texts_in = sql.push(format_args!(" {column} IN (")).separated(", ");
    for text in texts {
        texts_in.push_bind(*text);
    }
    texts_in.push_unseparated(")");
}

/// ` column IN ($n, …)` with each id bound.
fn push_id_list<'args, DB: Database>(
    sql: &mut QueryBuilder<'args, DB>,
    column: &'static str,
    ids: &[i64],
) where
    i64: Encode<'args, DB> + Type<DB>,
{
    let mut ids_in = sql.push(format_args!(" {column} IN (")).separated(", ");
    for id in ids {
        ids_in.push_bind(*id);
    }
    ids_in.push_unseparated(")");
}

pub(super) fn given(text: Option<&String>) -> Option<&str> {
    text.map(|text| text.trim()).filter(|text| !text.is_empty())
}

/// The position after the last row of a page, newest first by (time, id), written
/// `<time>_<id>`: URL-safe as it is. Callers treat it as opaque. The history's time is
/// `created_at_ms`, the activity log's `at_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cursor {
    pub created_at_ms: i64,
    pub id: i64,
}

impl Cursor {
    fn after(record: &JobRecord) -> Cursor {
        Cursor {
            created_at_ms: record.created_at_ms,
            id: record.id,
        }
    }

    pub(super) fn encode(self) -> String {
        format!("{}_{}", self.created_at_ms, self.id)
    }

    pub(super) fn decode(text: &str) -> Result<Cursor, StoreError> {
        let (created_at_ms, id) = text.split_once('_').ok_or(StoreError::BadCursor)?;
        Ok(Cursor {
            created_at_ms: created_at_ms.parse().map_err(|_| StoreError::BadCursor)?,
            id: id.parse().map_err(|_| StoreError::BadCursor)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_as_it_was_written() {
        let cursor = Cursor {
            created_at_ms: 1_700_000_000_123,
            id: 42,
        };
        assert_eq!(Cursor::decode(&cursor.encode()).unwrap(), cursor);
    }

    #[test]
    fn a_tampered_cursor_is_refused() {
        for text in ["", "17", "17_", "_4", "17_x", "1.5_4", "17_4_2"] {
            assert!(
                matches!(Cursor::decode(text), Err(StoreError::BadCursor)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn blank_filter_text_is_no_filter() {
        assert_eq!(given(Some(&"  ".to_owned())), None);
        assert_eq!(given(Some(&" q1 ".to_owned())), Some("q1"));
    }
}
