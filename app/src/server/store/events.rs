//! The audit trail: every action on a job (create, start, stop, delete, update, rollback) is an
//! event with who, when, what was asked, and DLI's answer. Written once, never changed.

use super::list::{Cursor, given};
use super::{EventPage, EventQuery, JobEvent, Store, StoreError, StoredEvent};
use sqlx::QueryBuilder;

const INSERT_EVENT: &str = "INSERT INTO job_events (job_id, at_ms, actor, action, detail, \
     outcome, dli_request_id, error_kind, error_code, message) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
const EVENTS_OF_JOB: &str = "SELECT * FROM job_events WHERE job_id = $1 ORDER BY at_ms, id";
/// The activity log's columns: each event with its job's name.
const EVENTS_WITH_NAMES: &str = "SELECT job_events.*, jobs.name AS job_name FROM job_events \
     JOIN jobs ON jobs.id = job_events.job_id WHERE TRUE";

impl Store {
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "record_event", id = event.job_id))]
    pub async fn record_event(&self, event: &JobEvent) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            sqlx::query(INSERT_EVENT)
                .bind(event.job_id)
                .bind(event.at_ms)
                .bind(&event.actor)
                .bind(&event.action)
                .bind(event.detail.as_deref())
                .bind(event.outcome.as_str())
                .bind(event.dli_request_id.as_deref())
                .bind(event.error_kind.as_deref())
                .bind(event.error_code.as_deref())
                .bind(event.message.as_deref())
                .execute(pool)
                .await
                .map(drop)?
        });
        Ok(())
    }

    /// A job's events, oldest first.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "events_of", id = id))]
    pub async fn events_of(&self, id: i64) -> Result<Vec<JobEvent>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as(EVENTS_OF_JOB).bind(id).fetch_all(pool).await?))
    }

    /// One page of the team's events, newest first, with exact filters (each has an index in
    /// that order). A filter of blank text is no filter.
    #[tracing::instrument(name = "store", level = "debug", skip_all, fields(op = "events_page"))]
    pub async fn events_page(&self, query: &EventQuery) -> Result<EventPage, StoreError> {
        let after = query.cursor.as_deref().map(Cursor::decode).transpose()?;
        let page_size = query.page_size.clamp(1, EventQuery::MAX_PAGE_SIZE) as usize;
        let rows: Vec<StoredEvent> = on_pool!(self, pool => {
            let mut sql = QueryBuilder::new(EVENTS_WITH_NAMES);
            for (column, value) in [
                ("job_events.actor", given(query.actor.as_ref())),
                ("job_events.action", given(query.action.as_ref())),
            ] {
                if let Some(value) = value {
                    sql.push(format_args!(" AND {column} = ")).push_bind(value);
                }
            }
            if let Some(job_id) = query.job_id {
                sql.push(" AND job_events.job_id = ").push_bind(job_id);
            }
            if let Some(after) = after {
                sql.push(" AND (job_events.at_ms, job_events.id) < (").push_bind(after.created_at_ms);
                sql.push(", ").push_bind(after.id).push(")");
            }
            // One more than a page tells whether another page follows.
            sql.push(" ORDER BY job_events.at_ms DESC, job_events.id DESC LIMIT ")
                .push_bind(page_size as i64 + 1);
            sql.build_query_as().fetch_all(pool).await?
        });
        let more_follow = rows.len() > page_size;
        let events: Vec<StoredEvent> = rows.into_iter().take(page_size).collect();
        let next_cursor = match events.last() {
            Some(last) if more_follow => Some(
                Cursor {
                    created_at_ms: last.event.at_ms,
                    id: last.id,
                }
                .encode(),
            ),
            _ => None,
        };
        Ok(EventPage {
            events,
            next_cursor,
        })
    }
}
