//! The state of a job form as the server renders it once: the values, what the shared rules make
//! of them, and the errors to show. In the browser the form's own script
//! (`pages::new_job::browser`) takes over from what this rendered.

use crate::domain::{FieldErrors, Guardrails, JobForm, JobSpec, Lens, is_under};
use leptos::prelude::*;
use std::sync::Arc;

pub struct FormState {
    pub form: JobForm,
    /// The shared rules' reading of the form: the spec DLI would get, or what to fix.
    pub parsed: Result<JobSpec, FieldErrors>,
    /// Whether the form was posted and refused: then every error shows, not only the server's.
    submitted: bool,
    /// Errors the server found (a post the rules refused, or DLI's own refusal).
    server_errors: FieldErrors,
    /// The rules' errors and the team's guardrails' on fields the rules let through.
    local_errors: FieldErrors,
}

impl FormState {
    pub fn new(form: JobForm, server_errors: FieldErrors, guardrails: &Guardrails) -> Self {
        let parsed = form.parse();
        let local_errors = guardrails.errors_with_rules(&form, &parsed);
        Self {
            submitted: !server_errors.is_empty(),
            form,
            parsed,
            server_errors,
            local_errors,
        }
    }

    /// Makes the state what `use_form_state` gives the form's fields.
    pub fn provide(self) {
        provide_context(Arc::new(self));
    }

    /// The message to show next to `path`, if any (in English: shown through the catalogue).
    pub fn error(&self, path: &str) -> Option<String> {
        let shown = self.server_errors.get(path).or_else(|| {
            self.submitted
                .then(|| self.local_errors.get(path))
                .flatten()
        });
        shown.map(str::to_owned)
    }

    /// Every error to list in the summary, in form order.
    pub fn visible_errors(&self) -> Vec<(String, String)> {
        if !self.submitted {
            return Vec::new();
        }
        let mut all = self.local_errors.clone();
        for (path, message) in self.server_errors.in_form_order() {
            all.insert(path, message);
        }
        all.in_form_order()
            .map(|(path, message)| (path.to_owned(), message.to_owned()))
            .collect()
    }

    /// Whether any of these fields (or rows of these lists) shows an error, or holds a value:
    /// a folded group starts open when it does, so nothing filled in or wrong hides behind it.
    pub fn opens(&self, names: &'static [&'static str]) -> bool {
        let has_error = self
            .visible_errors()
            .iter()
            .any(|(path, _)| is_under(path, names));
        has_error || self.has_value_under(names)
    }

    fn has_value_under(&self, names: &'static [&'static str]) -> bool {
        let form = serde_json::to_value(&self.form).unwrap_or_default();
        let filled = |value: &serde_json::Value| match value {
            serde_json::Value::String(text) => !text.trim().is_empty(),
            serde_json::Value::Bool(flag) => *flag,
            serde_json::Value::Array(rows) => rows
                .iter()
                .any(|row| row.as_str().is_some_and(|text| !text.trim().is_empty())),
            _ => false,
        };
        form.as_object().is_some_and(|fields| {
            fields
                .iter()
                .any(|(key, value)| is_under(key, names) && filled(value))
        })
    }

    pub fn read<T: Clone>(&self, lens: Lens<T>) -> T {
        (lens.get)(&self.form).clone()
    }
}

pub fn use_form_state() -> Arc<FormState> {
    expect_context::<Arc<FormState>>()
}
