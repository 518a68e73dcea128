//! The advanced section's rules: which Flink image runs the job (DLI's, by version, or a
//! custom one), runtime options, log levels, the agency and tags.

use super::check::{Check, any_text};
use super::{rows, shapes, tags};
use crate::domain::form::JobForm;
use crate::domain::spec::JobSpec;
use crate::domain::wire::{Feature, FlinkLogConfig, LoggerLevels};

const NEEDS_BASIC: &str =
    "A Flink version applies to the basic image only: choose basic, or clear this.";
const NEEDS_CUSTOM: &str =
    "An image applies to the custom feature only: choose custom, or clear this.";

impl JobForm {
    pub(super) fn advanced(&self, check: &mut Check, spec: &mut JobSpec) {
        spec.feature = check.choice("feature", &self.feature, "Choose basic or custom.");
        let basic = spec.feature == Some(Feature::Basic);
        let custom = spec.feature == Some(Feature::Custom);
        // Terraform makes flink_version require feature; with the basic image the version is
        // its only setting, so it is required too and a copied job keeps its Flink version.
        if basic && self.flink_version.trim().is_empty() {
            check.fail(
                "flink_version",
                "Choose the Flink version for DLI's basic image.",
            );
        }
        if check.only_with(basic, "flink_version", &self.flink_version, NEEDS_BASIC) {
            let version = &self.flink_version;
            spec.flink_version = check.text("flink_version", version, 16, shapes::flink_version);
        }
        if custom && self.image.trim().is_empty() {
            check.fail("image", "Give the image for the custom feature.");
        }
        if check.only_with(custom, "image", &self.image, NEEDS_CUSTOM) {
            spec.image = check.text("image", &self.image, 512, shapes::image);
        }
        let (keys, values) = (&self.runtime_config_keys, &self.runtime_config_values);
        spec.runtime_config = rows::runtime_options(check, keys, values);
        spec.flink_log_config = self.log_config(check);
        let agency = &self.execution_agency_urn;
        spec.execution_agency_urn = check.text("execution_agency_urn", agency, 255, any_text);
        spec.tags = tags::tags(check, &self.tag_keys, &self.tag_values);
    }

    /// `None` when nothing is set, so that DLI's defaults apply.
    fn log_config(&self, check: &mut Check) -> Option<FlinkLogConfig> {
        let path = "flink_log_config.root_logger_level";
        let root = check.choice(path, &self.root_logger_level, rows::CHOOSE_LEVEL);
        let loggers = rows::logger_levels(check, &self.logger_classes, &self.logger_levels);
        (root.is_some() || !loggers.is_empty()).then_some(FlinkLogConfig {
            root_logger_level: root,
            loggers_level_of_class: LoggerLevels(loggers),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{error_at, form_with};
    use crate::domain::wire::LogLevel;

    fn custom(image: &str) -> JobForm {
        form_with(|f| {
            (f.feature, f.flink_version, f.image) = ("CUSTOM".into(), "".into(), image.into())
        })
    }

    #[test]
    fn feature_is_basic_or_custom_in_any_case() {
        assert_eq!(
            custom("org/img:1").parse().map(|spec| spec.feature),
            Ok(Some(Feature::Custom))
        );
        let premium = form_with(|f| f.feature = "premium".into());
        assert_eq!(
            error_at(&premium, "feature").as_deref(),
            Some("Choose basic or custom.")
        );
    }

    #[test]
    fn flink_version_goes_with_the_basic_image_only() {
        let no_feature = form_with(|f| f.feature.clear());
        assert_eq!(
            error_at(&no_feature, "flink_version").as_deref(),
            Some(NEEDS_BASIC)
        );
        let latest = form_with(|f| f.flink_version = "latest".into());
        assert!(error_at(&latest, "flink_version").is_some());
    }

    #[test]
    fn the_basic_image_needs_a_flink_version() {
        let missing = form_with(|f| f.flink_version.clear());
        let message = "Choose the Flink version for DLI's basic image.";
        assert_eq!(
            error_at(&missing, "flink_version").as_deref(),
            Some(message)
        );
    }

    #[test]
    fn the_custom_feature_needs_a_well_formed_image() {
        let message = "Give the image for the custom feature.";
        assert_eq!(error_at(&custom(""), "image").as_deref(), Some(message));
        assert!(error_at(&custom("nope"), "image").is_some());
    }

    #[test]
    fn an_image_without_the_custom_feature_is_refused() {
        let basic = form_with(|f| f.image = "org/img:1".into());
        assert_eq!(error_at(&basic, "image").as_deref(), Some(NEEDS_CUSTOM));
    }

    #[test]
    fn log_levels_are_sent_only_when_set() {
        let none = form_with(|f| {
            f.root_logger_level.clear();
            (f.logger_classes, f.logger_levels) = (vec![], vec![]);
        });
        assert_eq!(none.parse().map(|spec| spec.flink_log_config), Ok(None));
        let debug = JobForm {
            root_logger_level: "debug".into(),
            ..none.clone()
        };
        let config = debug.parse().ok().and_then(|spec| spec.flink_log_config);
        assert_eq!(
            config.and_then(|config| config.root_logger_level),
            Some(LogLevel::Debug)
        );
        let loud = JobForm {
            root_logger_level: "LOUD".into(),
            ..none
        };
        assert!(error_at(&loud, "flink_log_config.root_logger_level").is_some());
    }
}
