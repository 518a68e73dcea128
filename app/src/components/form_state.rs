//! The state of a job form on the page: the values, which fields were left, the errors to
//! show, and typed lenses that bind each input to its field of `JobForm`.

use crate::domain::{FieldErrors, Guardrails, JobForm, JobSpec, Lens, is_under};
use leptos::prelude::*;
use std::collections::BTreeSet;

#[derive(Clone, Copy)]
pub struct FormState {
    pub form: RwSignal<JobForm>,
    /// Paths the person has left at least once: their errors show from then on.
    touched: RwSignal<BTreeSet<String>>,
    /// Set by the first submit: from then on every error shows.
    pub submitted: RwSignal<bool>,
    /// Errors the server found (a post without JavaScript, or DLI's own refusal); each is
    /// dropped as soon as its field is edited.
    pub server_errors: RwSignal<FieldErrors>,
    /// The shared rules, run once per change: the spec DLI would get, or what to fix.
    pub parsed: Memo<Result<JobSpec, FieldErrors>>,
    /// The rules' errors and the team's guardrails' on fields the rules let through.
    pub local_errors: Memo<FieldErrors>,
}

impl FormState {
    pub fn new(form: JobForm, server_errors: FieldErrors, guardrails: Guardrails) -> Self {
        let submitted = !server_errors.is_empty();
        let form = RwSignal::new(form);
        let parsed = Memo::new(move |_| form.with(JobForm::parse));
        Self {
            form,
            touched: RwSignal::new(BTreeSet::new()),
            submitted: RwSignal::new(submitted),
            server_errors: RwSignal::new(server_errors),
            parsed,
            local_errors: Memo::new(move |_| {
                let mut errors =
                    parsed.with(|parsed| parsed.as_ref().err().cloned().unwrap_or_default());
                let guarded = form.with(|form| guardrails.check(form));
                for (path, message) in guarded.in_form_order() {
                    errors.insert(path, message);
                }
                errors
            }),
        }
    }

    pub fn provide(self) -> Self {
        provide_context(self);
        self
    }

    pub fn touch(&self, path: &str) {
        if !self
            .touched
            .with_untracked(|touched| touched.contains(path))
        {
            self.touched.update(|touched| {
                touched.insert(path.to_string());
            });
        }
    }

    /// The message to show next to `path` now, if any.
    pub fn error(&self, path: &str) -> Option<String> {
        if let Some(message) = self
            .server_errors
            .with(|errors| errors.get(path).map(str::to_owned))
        {
            return Some(message);
        }
        self.shows_local(path)
            .then(|| {
                self.local_errors
                    .with(|errors| errors.get(path).map(str::to_owned))
            })
            .flatten()
    }

    /// Every error to list in the summary after a submit, in form order.
    pub fn visible_errors(&self) -> Vec<(String, String)> {
        let mut all = self.local_errors.get();
        for (path, message) in self.server_errors.get().in_form_order() {
            all.insert(path, message);
        }
        all.in_form_order()
            .map(|(path, message)| (path.to_owned(), message.to_owned()))
            .collect()
    }

    /// Whether any of these fields (or rows of these lists) has an error to show: a folded
    /// group opens when it does.
    pub fn has_error_under(&self, names: &'static [&'static str]) -> bool {
        let server = self.server_errors.with(|errors| {
            errors
                .in_form_order()
                .any(|(path, _)| is_under(path, names))
        });
        server
            || self.local_errors.with(|errors| {
                errors
                    .in_form_order()
                    .any(|(path, _)| is_under(path, names) && self.shows_local(path))
            })
    }

    /// Whether the rules' error for `path` shows yet: once it was left, or after a submit.
    fn shows_local(&self, path: &str) -> bool {
        self.submitted.get() || self.touched.with(|touched| touched.contains(path))
    }

    /// Whether any of these fields (or rows of these lists) holds a value: a folded group
    /// starts open when it does, so nothing filled in hides behind a fold.
    #[cfg(feature = "ssr")]
    pub fn has_value_under(&self, names: &'static [&'static str]) -> bool {
        let form = self
            .form
            .with_untracked(|form| serde_json::to_value(form))
            .unwrap_or_default();
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
        self.form.with(|form| (lens.get)(form).clone())
    }

    /// Writes a field and forgets the server's error about it: the person is fixing it.
    pub fn write<T>(&self, path: &str, lens: Lens<T>, value: T) {
        self.form.update(|form| *(lens.get_mut)(form) = value);
        self.forget_server_error(path);
    }

    pub fn forget_server_error(&self, path: &str) {
        if self
            .server_errors
            .with_untracked(|errors| errors.get(path).is_some())
        {
            self.server_errors.update(|errors| errors.remove(path));
        }
    }
}

pub fn use_form_state() -> FormState {
    expect_context::<FormState>()
}
