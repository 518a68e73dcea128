//! The team's guardrails on what a job may ask for: the queues it may run in and the CUs it
//! may take. Shared by the browser (shown and checked while typing) and the server (enforced).

use super::{JobSpec, errors::FieldErrors, form::JobForm};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guardrails {
    /// The only queues jobs may use; empty allows every queue.
    pub allowed_queues: Vec<String>,
    /// The most CUs one job may take; none means DLI's own limits only.
    pub max_cu_per_job: Option<u32>,
}

impl Guardrails {
    /// Everything to fix before the form can be sent: the shared rules' errors (`parsed`, the
    /// form's own parse) and the guardrails' on the fields the rules let through.
    pub fn errors_with_rules(
        &self,
        form: &JobForm,
        parsed: &Result<JobSpec, FieldErrors>,
    ) -> FieldErrors {
        let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
        for (path, message) in self.check(form).in_form_order() {
            errors.insert(path, message);
        }
        errors
    }

    /// What this form asks for beyond the guardrails, per field. Fields the shared rules
    /// already refuse (a CU count that is not a number, say) are left to those rules.
    pub fn check(&self, form: &JobForm) -> FieldErrors {
        let mut errors = FieldErrors::default();
        let queue = form.queue_name.trim();
        if !queue.is_empty()
            && !self.allowed_queues.is_empty()
            && !self.allowed_queues.iter().any(|allowed| allowed == queue)
        {
            errors.insert(
                "queue_name",
                format!(
                    "This portal runs jobs only in: {}.",
                    self.allowed_queues.join(", ")
                ),
            );
        }
        if let Some(max) = self.max_cu_per_job
            && let Ok(asked) = form.cu_number.trim().parse::<u32>()
            && asked > max
        {
            errors.insert(
                "cu_number",
                format!("This portal allows at most {max} CUs per job."),
            );
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(queue: &str, cus: &str) -> JobForm {
        JobForm {
            queue_name: queue.into(),
            cu_number: cus.into(),
            ..JobForm::default()
        }
    }

    #[test]
    fn no_guardrails_allow_anything() {
        assert!(
            Guardrails::default()
                .check(&form("any_queue", "400"))
                .is_empty()
        );
    }

    #[test]
    fn a_queue_outside_the_allowlist_is_refused_and_the_message_names_the_allowed_ones() {
        let guardrails = Guardrails {
            allowed_queues: vec!["team_a".into(), "team_b".into()],
            max_cu_per_job: None,
        };
        assert!(guardrails.check(&form("team_b", "")).is_empty());
        let errors = guardrails.check(&form("other", ""));
        assert_eq!(
            errors.get("queue_name"),
            Some("This portal runs jobs only in: team_a, team_b.")
        );
    }

    #[test]
    fn more_cus_than_the_cap_are_refused_and_the_cap_itself_is_allowed() {
        let guardrails = Guardrails {
            allowed_queues: Vec::new(),
            max_cu_per_job: Some(16),
        };
        assert!(guardrails.check(&form("", "16")).is_empty());
        assert_eq!(
            guardrails.check(&form("", "17")).get("cu_number"),
            Some("This portal allows at most 16 CUs per job.")
        );
        assert!(
            guardrails.check(&form("", "lots")).is_empty(),
            "left to the shared rules"
        );
    }
}
