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

/// Flink's job state (`GET /jobs/{jid}` `state`) as DLI's status. Flink calls a job RUNNING
/// while its tasks are still being deployed; DLI's job_running waits for `tasks_running` (a stop
/// with a savepoint before that is refused: "Not all required tasks are currently running").
pub fn progress(state: &str, tasks_running: bool) -> Progress {
    match state {
        "INITIALIZING" | "CREATED" => Progress::Submitting,
        "RUNNING" if !tasks_running => Progress::Submitting,
        "FINISHED" => Progress::Ended("job_finish"),
        "FAILED" => Progress::Ended("job_running_exception"),
        "CANCELED" => Progress::Ended("job_cancel_success"),
        // RUNNING, RESTARTING, FAILING, CANCELLING, RECONCILING, SUSPENDED: not over yet.
        _ => Progress::Running,
    }
}

/// Flink's reason in a Java stack trace (or in several: Flink's error body holds one per entry):
/// the outermost exception line that still carries the root cause's message, so Flink's own
/// sentence around it ("The program's entry point class 'x' was not found in the jar file." for
/// a `ClassNotFoundException: x`) and not the wrappers around that ("Exception on server side:",
/// `CompletionException: ...`, "Could not execute application."). `None` when there is no
/// exception line.
pub fn root_cause<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let lines: Vec<&str> = texts
        .into_iter()
        .flat_map(str::lines)
        .map(str::trim)
        .filter(|line| !line.starts_with("at ") && !line.starts_with("..."))
        .map(|line| line.trim_start_matches("<Exception on server side:"))
        .map(|line| line.trim_start_matches("Caused by: ").trim())
        .filter(|line| exception_prefix(line).is_some())
        .collect();
    let root = *lines.last()?;
    let message = exception_prefix(root).filter(|message| !message.is_empty());
    let line = message
        .and_then(|message| lines.iter().find(|line| line.contains(message)))
        .unwrap_or(&root);
    Some(unwrap_wrappers(line))
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
        assert_eq!(progress("INITIALIZING", false), Progress::Submitting);
        assert_eq!(progress("RUNNING", false), Progress::Submitting);
        assert_eq!(progress("RUNNING", true), Progress::Running);
        assert_eq!(progress("RESTARTING", false), Progress::Running);
        assert_eq!(progress("FINISHED", true), Progress::Ended("job_finish"));
        let failed = Progress::Ended("job_running_exception");
        assert_eq!(progress("FAILED", false), failed);
        assert_eq!(
            progress("CANCELED", false),
            Progress::Ended("job_cancel_success")
        );
    }

    /// Flink 2.3's answer to a run whose entry class is not in the JAR (HTTP 500), shortened.
    const WRONG_CLASS: [&str; 2] = [
        "Internal server error.",
        "<Exception on server side:\njava.util.concurrent.CompletionException: \
         org.apache.flink.client.program.ProgramInvocationException: The program's entry point \
         class 'demo.Nope' was not found in the jar file.\n\tat org.apache.flink.runtime.\
         webmonitor.handlers.utils.JarHandlerUtils$JarHandlerContext.toPackagedProgram(\
         JarHandlerUtils.java:204)\n\t... 30 more\nCaused by: java.lang.ClassNotFoundException: \
         demo.Nope\n\tat java.base/java.net.URLClassLoader.findClass(URLClassLoader.java:445)\n\n\
         End of exception on server side>",
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
    fn a_main_that_throws_gives_flinks_sentence_with_its_message() {
        let text = "org.apache.flink.runtime.rest.handler.RestHandlerException: Could not \
            execute application.\n\tat x.Y.z(Y.java:1)\nCaused by: org.apache.flink.client.\
            program.ProgramInvocationException: The main method caused an error: For input \
            string: \"abc\"\n\t... 4 more\nCaused by: java.lang.NumberFormatException: For \
            input string: \"abc\"\n\tat demo.DemoJob.main(DemoJob.java:38)";
        assert_eq!(
            root_cause([text]).as_deref(),
            Some(
                "org.apache.flink.client.program.ProgramInvocationException: The main method \
                 caused an error: For input string: \"abc\""
            )
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
