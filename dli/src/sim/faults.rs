//! The faults the simulator can be told to inject, per operation: added latency, a share of
//! 500/502/503/429 answers, malformed bodies and dropped connections, as `--fault` flags or JSON.
//! How they are applied is `injection`'s.

use serde::{Deserialize, Serialize};
use std::{collections::BTreeMap, str::FromStr};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    Create,
    /// `PUT .../streaming/flink-jobs/{job_id}`.
    Update,
    Show,
    List,
    Run,
    Stop,
    Delete,
    /// `POST .../streaming/jobs/delete`.
    BatchDelete,
    Queues,
    /// IAM `GET /v3/projects`.
    Projects,
    /// IAM `POST /v3/auth/tokens`.
    Token,
}

/// What goes wrong with one operation's requests. Every field is optional in JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fault {
    pub latency_ms: u64,
    /// 500, 502, 503 or 429, answered instead of acting.
    pub status: Option<u16>,
    pub status_share: f64,
    /// The answer cut in half, after acting.
    pub malformed_share: f64,
    /// The connection dropped before the answer, after acting.
    pub drop_share: f64,
    /// Apply to the next `times` requests only.
    pub times: Option<u32>,
}

pub type FaultPlan = BTreeMap<Operation, Fault>;

impl Fault {
    pub fn validate(&self) -> Result<(), String> {
        if let Some(status) = self.status
            && !matches!(status, 429 | 500 | 502 | 503)
        {
            return Err(format!("status {status} is not one of 429, 500, 502, 503"));
        }
        for (name, share) in [
            ("status_share", self.status_share),
            ("malformed_share", self.malformed_share),
            ("drop_share", self.drop_share),
        ] {
            if !(0.0..=1.0).contains(&share) {
                return Err(format!("{name} {share} is not between 0 and 1"));
            }
        }
        if self.times == Some(0) {
            return Err("times must be at least 1".into());
        }
        Ok(())
    }
}

/// One `--fault OPERATION:key=value,...` flag, e.g. `create:drop_share=1,times=1`.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationFault(pub Operation, pub Fault);

impl FromStr for OperationFault {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (operation, settings) = text
            .split_once(':')
            .ok_or("expected OPERATION:key=value,...")?;
        let operation = serde_json::from_value(serde_json::Value::String(operation.into()))
            .map_err(|_| format!("unknown operation {operation:?}"))?;
        // Each value is read as JSON (numbers, null), so serde checks the fields and their types.
        let mut fields = serde_json::Map::new();
        for setting in settings.split(',').filter(|setting| !setting.is_empty()) {
            let (key, value) = setting
                .split_once('=')
                .ok_or_else(|| format!("{setting:?} is not key=value"))?;
            let value = serde_json::from_str(value)
                .unwrap_or_else(|_| serde_json::Value::String(value.into()));
            fields.insert(key.to_string(), value);
        }
        let fault: Fault =
            serde_json::from_value(fields.into()).map_err(|error| error.to_string())?;
        fault.validate()?;
        Ok(Self(operation, fault))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_flag_reads_its_operation_and_settings() {
        let parsed: OperationFault = "create:status=503,status_share=0.5,latency_ms=20,times=2"
            .parse()
            .unwrap();
        let expected = Fault {
            latency_ms: 20,
            status: Some(503),
            status_share: 0.5,
            times: Some(2),
            ..Fault::default()
        };
        assert_eq!(parsed, OperationFault(Operation::Create, expected));
    }

    #[test]
    fn update_and_batch_delete_are_named_in_snake_case() {
        for (flag, operation) in [
            ("update:status=503,status_share=1", Operation::Update),
            ("batch_delete:drop_share=1", Operation::BatchDelete),
        ] {
            assert_eq!(flag.parse::<OperationFault>().unwrap().0, operation);
        }
    }

    #[test]
    fn bad_fault_flags_say_what_is_wrong() {
        for (flag, problem) in [
            ("create", "expected OPERATION"),
            ("launch:drop_share=1", "unknown operation"),
            ("list:drop=1", "unknown field `drop`"),
            ("list:status=418,status_share=1", "not one of"),
            ("show:drop_share=2", "not between 0 and 1"),
            ("run:latency_ms=soon", "invalid type"),
            ("stop:times=0", "at least 1"),
        ] {
            let error = flag.parse::<OperationFault>().unwrap_err();
            assert!(error.contains(problem), "{flag}: {error}");
        }
    }
}
