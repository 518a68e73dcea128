//! The small value types of DLI's create request: the fixed choices, key/value pairs, and the
//! two fields DLI takes as JSON *inside a string* (runtime_config, flink_log_config).

use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{DeserializeOwned, MapAccess, Visitor},
};
use std::fmt;

mod resource_config;
pub use resource_config::{ResourceConfig, ResourceSpec};

/// A field with a fixed set of values, each with its wire text (also the form's option value).
pub trait Choice: Copy + Sized + 'static {
    const ALL: &'static [Self];

    fn as_str(self) -> &'static str;

    /// Case-insensitive, as DLI (and Terraform's validation of `feature`) accept any case.
    fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|choice| choice.as_str().eq_ignore_ascii_case(text))
    }
}

/// Which Flink image runs the job.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Feature {
    Basic,
    Custom,
}

impl Choice for Feature {
    const ALL: &'static [Self] = &[Self::Basic, Self::Custom];
    fn as_str(self) -> &'static str {
        match self {
            Self::Basic => "basic",
            Self::Custom => "custom",
        }
    }
}

/// DLI's numbers for the checkpoint guarantee.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum CheckpointMode {
    ExactlyOnce,
    AtLeastOnce,
}

impl Choice for CheckpointMode {
    const ALL: &'static [Self] = &[Self::ExactlyOnce, Self::AtLeastOnce];
    fn as_str(self) -> &'static str {
        match self {
            Self::ExactlyOnce => "1",
            Self::AtLeastOnce => "2",
        }
    }
}

impl From<CheckpointMode> for u8 {
    fn from(mode: CheckpointMode) -> u8 {
        match mode {
            CheckpointMode::ExactlyOnce => 1,
            CheckpointMode::AtLeastOnce => 2,
        }
    }
}

impl TryFrom<u8> for CheckpointMode {
    type Error = String;
    fn try_from(number: u8) -> Result<Self, String> {
        match number {
            1 => Ok(Self::ExactlyOnce),
            2 => Ok(Self::AtLeastOnce),
            other => Err(format!("checkpoint_mode must be 1 or 2, not {other}")),
        }
    }
}

/// `v1` sizes a job in CUs, `v2` in CPU and memory per JobManager and TaskManager.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResourceConfigVersion {
    V1,
    V2,
}

impl Choice for ResourceConfigVersion {
    const ALL: &'static [Self] = &[Self::V1, Self::V2];
    fn as_str(self) -> &'static str {
        match self {
            Self::V1 => "v1",
            Self::V2 => "v2",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum LogLevel {
    Trace,
    Debug,
    Info,
    Warn,
    Error,
}

impl Choice for LogLevel {
    const ALL: &'static [Self] = &[
        Self::Trace,
        Self::Debug,
        Self::Info,
        Self::Warn,
        Self::Error,
    ];
    fn as_str(self) -> &'static str {
        match self {
            Self::Trace => "TRACE",
            Self::Debug => "DEBUG",
            Self::Info => "INFO",
            Self::Warn => "WARN",
            Self::Error => "ERROR",
        }
    }
}

/// A tag, or one Flink runtime option: DLI writes both as `{"key": .., "value": ..}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

impl From<(String, String)> for KeyValue {
    fn from((key, value): (String, String)) -> Self {
        KeyValue { key, value }
    }
}

/// The decoded `flink_log_config`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlinkLogConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_logger_level: Option<LogLevel>,
    #[serde(default, skip_serializing_if = "LoggerLevels::is_empty")]
    pub loggers_level_of_class: LoggerLevels,
}

/// Logger name -> level, kept in the order the person listed them (a JSON object on the wire).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoggerLevels(pub Vec<(String, LogLevel)>);

impl LoggerLevels {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for LoggerLevels {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(class, level)| (class, level)))
    }
}

impl<'de> Deserialize<'de> for LoggerLevels {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder;
        impl<'de> Visitor<'de> for InOrder {
            type Value = LoggerLevels;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of logger name to level")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LoggerLevels, A::Error> {
                let mut levels = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    levels.push(entry);
                }
                Ok(LoggerLevels(levels))
            }
        }
        deserializer.deserialize_map(InOrder)
    }
}

/// `#[serde(with)]` for a value DLI expects as a JSON document inside a JSON string.
pub(crate) mod embedded_json {
    use super::*;

    pub fn serialize<T: Serialize, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(value).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }

    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        let text = String::deserialize(deserializer)?;
        serde_json::from_str(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_parse_in_any_case_and_print_in_dli_case() {
        assert_eq!(Feature::parse("Basic"), Some(Feature::Basic));
        assert_eq!(LogLevel::parse("warn").map(LogLevel::as_str), Some("WARN"));
        assert_eq!(
            ResourceConfigVersion::parse("V2"),
            Some(ResourceConfigVersion::V2)
        );
        assert_eq!(Feature::parse("premium"), None);
        assert_eq!(CheckpointMode::parse("3"), None);
    }

    #[test]
    fn every_choice_serialises_as_its_form_value() {
        fn check<T: Choice + Serialize>() {
            for choice in T::ALL {
                let json = serde_json::to_value(choice).expect("a choice serialises");
                let text = json
                    .as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| json.to_string());
                assert_eq!(text, choice.as_str());
            }
        }
        check::<Feature>();
        check::<CheckpointMode>();
        check::<ResourceConfigVersion>();
        check::<LogLevel>();
    }

    #[test]
    fn checkpoint_mode_is_a_json_number_one_or_two() {
        assert_eq!(
            serde_json::to_string(&CheckpointMode::AtLeastOnce)
                .ok()
                .as_deref(),
            Some("2")
        );
        assert_eq!(
            serde_json::from_str::<CheckpointMode>("1").ok(),
            Some(CheckpointMode::ExactlyOnce)
        );
        assert!(serde_json::from_str::<CheckpointMode>("3").is_err());
    }

    #[test]
    fn logger_levels_keep_their_order_through_json() {
        let json = r#"{"z.last":"WARN","a.first":"DEBUG"}"#;
        let levels: LoggerLevels = serde_json::from_str(json).expect("levels parse");
        assert_eq!(levels.0[0], ("z.last".to_owned(), LogLevel::Warn));
        assert_eq!(serde_json::to_string(&levels).ok().as_deref(), Some(json));
    }
}
