//! What Flink says, in DLI's words: a Flink job state as DLI's status, and the reason in Flink's
//! error bodies and exception history (the root cause, not the wrappers around it).

/// Where a Flink job stands, as DLI would report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Flink is still setting the job up: `job_submitting`.
    Submitting,
    /// `job_running` (restarts, failing over and canceling included: the job is not over).
    Running,
    /// Over, with DLI's final status.
    Ended(&'static str),
}

/// Flink's job state (`GET /jobs/{jid}` `state`) as DLI's status.
pub fn progress(state: &str) -> Progress {
    match state {
        "INITIALIZING" | "CREATED" => Progress::Submitting,
        "FINISHED" => Progress::Ended("job_finish"),
        "FAILED" => Progress::Ended("job_running_exception"),
        "CANCELED" => Progress::Ended("job_cancel_success"),
        // RUNNING, RESTARTING, FAILING, CANCELLING, RECONCILING, SUSPENDED: not over yet.
        _ => Progress::Running,
    }
}

/// The first line of the deepest cause in a Java stack trace (or in several: Flink's error
/// body holds one per entry), without the wrappers Flink puts around it ("Exception on server
/// side:", `CompletionException: ...`). `None` when `text` holds no exception line.
pub fn root_cause<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<String> {
    texts
        .into_iter()
        .flat_map(str::lines)
        .map(str::trim)
        .filter(|line| !line.starts_with("at ") && !line.starts_with("..."))
        .map(|line| line.trim_start_matches("<Exception on server side:"))
        .map(|line| line.trim_start_matches("Caused by: ").trim())
        .filter(|line| exception_prefix(line).is_some())
        .last()
        .map(unwrap_wrappers)
}

/// `Some(rest)` when `line` starts with a qualified Java class name ending in Exception or Error,
/// then `: rest` (or nothing).
fn exception_prefix(line: &str) -> Option<&str> {
    let (class, rest) = line.split_once(": ").unwrap_or((line, ""));
    let is_class = class.contains('.')
        && (class.ends_with("Exception") || class.ends_with("Error"))
        && class
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '$' | '_'));
    is_class.then_some(rest)
}

/// `CompletionException: a.b.RealException: message` is `a.b.RealException: message`.
fn unwrap_wrappers(mut line: &str) -> String {
    while let Some(rest) = exception_prefix(line)
        && exception_prefix(rest).is_some()
    {
        line = rest;
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flink_states_map_to_dli_statuses() {
        assert_eq!(progress("INITIALIZING"), Progress::Submitting);
        assert_eq!(progress("RUNNING"), Progress::Running);
        assert_eq!(progress("RESTARTING"), Progress::Running);
        assert_eq!(progress("FINISHED"), Progress::Ended("job_finish"));
        assert_eq!(progress("FAILED"), Progress::Ended("job_running_exception"));
        assert_eq!(progress("CANCELED"), Progress::Ended("job_cancel_success"));
    }

    /// Flink 2.3's answer to a run whose entry class is not in the JAR (HTTP 500), shortened.
    const WRONG_CLASS: [&str; 2] = [
        "Internal server error.",
        "<Exception on server side:\njava.util.concurrent.CompletionException: \
         org.apache.flink.client.program.ProgramInvocationException: The program's entry point \
         class 'demo.Nope' was not found in the jar file.\n\tat org.apache.flink.runtime.\
         webmonitor.handlers.utils.JarHandlerUtils$JarHandlerContext.toPackagedProgram(\
         JarHandlerUtils.java:204)\n\t... 30 more\n\nEnd of exception on server side>",
    ];

    #[test]
    fn a_refused_run_gives_the_sentence_that_names_the_class() {
        assert_eq!(
            root_cause(WRONG_CLASS).as_deref(),
            Some(
                "org.apache.flink.client.program.ProgramInvocationException: The program's \
                 entry point class 'demo.Nope' was not found in the jar file."
            )
        );
    }

    #[test]
    fn a_main_that_throws_gives_its_own_exception() {
        let text = "org.apache.flink.runtime.rest.handler.RestHandlerException: Could not \
            execute application.\n\tat x.Y.z(Y.java:1)\nCaused by: org.apache.flink.client.\
            program.ProgramInvocationException: The main method caused an error: For input \
            string: \"abc\"\n\t... 4 more\nCaused by: java.lang.NumberFormatException: For \
            input string: \"abc\"\n\tat demo.DemoJob.main(DemoJob.java:38)";
        assert_eq!(
            root_cause([text]).as_deref(),
            Some("java.lang.NumberFormatException: For input string: \"abc\"")
        );
    }

    #[test]
    fn a_failed_job_gives_the_cause_below_flinks_recovery_message() {
        let trace = "org.apache.flink.runtime.JobException: Recovery is suppressed by \
            NoRestartBackoffTimeStrategy\n\tat a.B.c(B.java:1)\nCaused by: java.lang.\
            IllegalStateException: DemoJob failed on purpose at record 5 (--fail-at)\n\tat d.E.f";
        assert_eq!(
            root_cause([trace]).as_deref(),
            Some(
                "java.lang.IllegalStateException: DemoJob failed on purpose at record 5 (--fail-at)"
            )
        );
    }

    #[test]
    fn a_plain_message_has_no_root_cause() {
        assert_eq!(root_cause(["Only Jar files are allowed."]), None);
    }
}
