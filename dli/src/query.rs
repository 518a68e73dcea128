//! Typed query strings: every parameter of DLI's job list (docs/dli-api.md §2) and the queue type of the
//! queue list. The client turns them into the pairs it signs; the simulator reads them back.

use super::model::Tag;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobType {
    FlinkSqlJob,
    FlinkOpensourceSqlJob,
    FlinkSqlEdgeJob,
    FlinkJarJob,
}

/// List order by time; DLI's default is `desc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    Asc,
    Desc,
}

/// Which queues to list. DLI's default is `sql`, which never holds a queue that runs Flink Jar
/// jobs: ask for `general` (or `all`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QueueType {
    Sql,
    General,
    All,
}

/// `GET /v1.0/{project_id}/streaming/jobs` parameters; `None` leaves DLI's default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListJobsQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_type: Option<JobType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
    /// Page size: DLI's default is 10, its maximum 100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// With details (`job_config` etc.) instead of `duration` and `root_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_detail: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub root_job_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sys_enterprise_project_name: Option<String>,
    /// Jobs carrying all these tags; sent as `k1=v1,k2=v2`.
    #[serde(skip_serializing_if = "Vec::is_empty", with = "tag_filter")]
    pub tags: Vec<Tag>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
}

impl ListJobsQuery {
    /// The (name, value) pairs to sign and send, booleans as `true`/`false`.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        pairs_of(self)
    }
}

/// `GET /v1.0/{project_id}/queues` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListQueuesQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_type: Option<QueueType>,
}

impl ListQueuesQuery {
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        pairs_of(self)
    }
}

/// A query struct's fields as strings: serde names them exactly as the simulator reads them.
fn pairs_of(query: &impl Serialize) -> Vec<(String, String)> {
    let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(query) else {
        unreachable!("a query struct of plain fields serialises to a JSON object")
    };
    fields
        .into_iter()
        .map(|(name, value)| match value {
            serde_json::Value::String(text) => (name, text),
            other => (name, other.to_string()),
        })
        .collect()
}

mod tag_filter {
    use super::Tag;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(tags: &[Tag], serializer: S) -> Result<S::Ok, S::Error> {
        let text: Vec<String> = tags
            .iter()
            .map(|tag| format!("{}={}", tag.key, tag.value))
            .collect();
        serializer.serialize_str(&text.join(","))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Tag>, D::Error> {
        String::deserialize(deserializer)?
            .split(',')
            .filter(|pair| !pair.is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((key, value)) => Ok(Tag {
                    key: key.to_string(),
                    value: value.to_string(),
                }),
                None => Err(D::Error::custom(format!(
                    "tag filter {pair:?} is not key=value"
                ))),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canonical::canonical_query;

    #[test]
    fn a_full_query_becomes_the_pairs_of_the_signing_vector() {
        let query = ListJobsQuery {
            job_type: Some(JobType::FlinkJarJob),
            limit: Some(20),
            name: Some("demo job".into()),
            offset: Some(0),
            order: Some(SortOrder::Desc),
            show_detail: Some(true),
            ..ListJobsQuery::default()
        };
        assert_eq!(
            canonical_query(&query.to_pairs()),
            "job_type=flink_jar_job&limit=20&name=demo%20job&offset=0&order=desc&show_detail=true"
        );
    }

    #[test]
    fn tags_and_ids_are_sent_in_dli_notation() {
        let query = ListJobsQuery {
            root_job_id: Some(7),
            tags: vec![
                Tag {
                    key: "env".into(),
                    value: "dev".into(),
                },
                Tag {
                    key: "team".into(),
                    value: "a".into(),
                },
            ],
            ..ListJobsQuery::default()
        };
        let mut pairs = query.to_pairs();
        pairs.sort();
        assert_eq!(
            pairs,
            [
                ("root_job_id".into(), "7".into()),
                ("tags".into(), "env=dev,team=a".into())
            ]
        );
    }

    #[test]
    fn an_empty_query_sends_nothing() {
        assert!(ListJobsQuery::default().to_pairs().is_empty());
        assert!(ListQueuesQuery::default().to_pairs().is_empty());
    }

    #[test]
    fn the_queue_type_is_sent_in_lowercase() {
        let query = ListQueuesQuery {
            queue_type: Some(QueueType::General),
        };
        assert_eq!(
            query.to_pairs(),
            [("queue_type".to_string(), "general".to_string())]
        );
    }

    #[test]
    fn a_query_reads_back_from_a_form_encoded_string() {
        let query: ListJobsQuery = serde_html_form::from_str(
            "job_type=flink_jar_job&limit=5&show_detail=true&tags=env%3Ddev",
        )
        .unwrap();
        assert_eq!(query.job_type, Some(JobType::FlinkJarJob));
        assert_eq!((query.limit, query.show_detail), (Some(5), Some(true)));
        assert_eq!(
            query.tags,
            [Tag {
                key: "env".into(),
                value: "dev".into()
            }]
        );
    }
}
