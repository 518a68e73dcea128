//! The Flink run a DLI job's settings make: its JAR, `entryClass` = `main_class` (else the
//! manifest's), `programArgsList` = `entrypoint_args` split as a POSIX shell splits words,
//! `parallelism` = `parallel_number`, `flinkConfiguration` = `runtime_config`, dependency JARs on
//! the user classpath (`pipeline.classpaths`), dependency files in the distributed cache
//! (`pipeline.cached-files`), and the savepoint to start from.

use super::paths::ObsRoot;
use crate::CreateFlinkJarJobRequest;
use serde::Serialize;
use std::{collections::BTreeMap, path::PathBuf};

/// The body of Flink's `POST /jars/{id}/run`. Flink 2.x ignores the old `programArgs` string, so
/// the words go as a list.
#[derive(Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JarRun {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_class: Option<String>,
    pub program_args_list: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parallelism: Option<i32>,
    pub flink_configuration: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub savepoint_path: Option<String>,
}

/// What to upload and how to run it.
#[derive(Debug, PartialEq)]
pub struct RunPlan {
    pub jar: PathBuf,
    pub run: JarRun,
}

/// `entrypoint_args` as the words a POSIX shell makes of it: quotes keep a phrase together and
/// are removed, a backslash escapes. Nothing is expanded: `$HOME` stays `$HOME`.
pub fn words(args: Option<&str>) -> Result<Vec<String>, String> {
    let args = args.unwrap_or_default();
    shlex::split(args).ok_or_else(|| {
        format!("entrypoint_args has an unclosed quote or a trailing backslash: {args}")
    })
}

/// `runtime_config` (DLI's `[{"key": ..., "value": ...}]`) as Flink configuration.
pub fn configuration(runtime_config: Option<&str>) -> Result<BTreeMap<String, String>, String> {
    #[derive(serde::Deserialize)]
    struct Entry {
        key: String,
        value: serde_json::Value,
    }
    let Some(text) = runtime_config else {
        return Ok(BTreeMap::new());
    };
    let entries: Vec<Entry> = serde_json::from_str(text)
        .map_err(|e| format!("runtime_config is not a list of key and value pairs: {e}"))?;
    Ok(entries
        .into_iter()
        .map(|Entry { key, value }| {
            let value = match value {
                serde_json::Value::String(text) => text,
                other => other.to_string(),
            };
            (key, value)
        })
        .collect())
}

/// The run `settings` make, every file looked up under `obs`; `savepoint` is the local folder
/// of the savepoint to start from. `Err` is the reason DLI would give for `job_submit_fail`.
pub fn plan(
    settings: &CreateFlinkJarJobRequest,
    obs: &ObsRoot,
    savepoint: Option<PathBuf>,
) -> Result<RunPlan, String> {
    let entrypoint = settings
        .entrypoint
        .as_deref()
        .ok_or("The job has no entrypoint JAR to run")?;
    let jar = obs.existing("The entrypoint", entrypoint)?;
    let mut flink_configuration = configuration(settings.runtime_config.as_deref())?;
    let file_url = |path: PathBuf| format!("file://{}", path.display());
    let mut classpaths = Vec::new();
    for reference in settings.dependency_jars.iter().flatten() {
        classpaths.push(file_url(obs.existing("The dependency JAR", reference)?));
    }
    let mut cached = Vec::new();
    for reference in settings.dependency_files.iter().flatten() {
        let path = obs.existing("The dependency file", reference)?;
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned());
        cached.push(format!(
            "name:{},path:'{}'",
            name.unwrap_or_default(),
            file_url(path)
        ));
    }
    // Flink's list separator is `;`.
    if !classpaths.is_empty() {
        flink_configuration.insert("pipeline.classpaths".into(), classpaths.join(";"));
    }
    if !cached.is_empty() {
        flink_configuration.insert("pipeline.cached-files".into(), cached.join(";"));
    }
    Ok(RunPlan {
        jar,
        run: JarRun {
            entry_class: settings.main_class.clone().filter(|name| !name.is_empty()),
            program_args_list: words(settings.entrypoint_args.as_deref())?,
            parallelism: settings.parallel_number,
            flink_configuration,
            savepoint_path: savepoint.map(|path| path.display().to_string()),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn arguments_split_as_a_shell_splits_them() {
        let split = words(Some(
            r#"--name "hello big world" --x 'a b' c\ d  --e="" $HOME"#,
        ));
        let expected = [
            "--name",
            "hello big world",
            "--x",
            "a b",
            "c d",
            "--e=",
            "$HOME",
        ];
        assert_eq!(split.unwrap(), expected);
        assert_eq!(words(None).unwrap(), Vec::<String>::new());
        assert_eq!(words(Some("  ")).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn an_unclosed_quote_is_refused_with_the_arguments() {
        let why = words(Some(r#"--name "open"#)).unwrap_err();
        assert_eq!(
            why,
            r#"entrypoint_args has an unclosed quote or a trailing backslash: --name "open"#
        );
    }

    #[test]
    fn runtime_config_becomes_flink_configuration() {
        let text = r#"[{"key":"a.b","value":"x y"},{"key":"n","value":3}]"#;
        let config = configuration(Some(text)).unwrap();
        assert_eq!(config["a.b"], "x y");
        assert_eq!(config["n"], "3");
        assert!(
            configuration(Some("{}"))
                .unwrap_err()
                .contains("runtime_config")
        );
    }

    #[test]
    fn a_run_carries_every_setting_and_the_dependencies_as_configuration() {
        let dir = std::env::temp_dir().join(format!("dli-plan-{}", std::process::id()));
        for file in ["b/app.jar", "b/dep.jar", "b/data.txt"] {
            std::fs::create_dir_all(dir.join(file).parent().unwrap()).unwrap();
            std::fs::write(dir.join(file), "x").unwrap();
        }
        let settings: CreateFlinkJarJobRequest = serde_json::from_value(json!({
            "name": "j", "entrypoint": "obs://b/app.jar", "main_class": "demo.DemoJob",
            "entrypoint_args": "--name 'a b'", "parallel_number": 2,
            "runtime_config": r#"[{"key":"k","value":"v"}]"#,
            "dependency_jars": ["obs://b/dep.jar"], "dependency_files": ["obs://b/data.txt"],
        }))
        .unwrap();
        let plan = plan(&settings, &ObsRoot::new(&dir), Some("/sp/1".into())).unwrap();
        let body = serde_json::to_value(&plan.run).unwrap();
        let d = dir.display();
        assert_eq!(plan.jar, dir.join("b/app.jar"));
        assert_eq!(
            body,
            json!({"entryClass": "demo.DemoJob", "programArgsList": ["--name", "a b"],
                "parallelism": 2, "savepointPath": "/sp/1", "flinkConfiguration": {"k": "v",
                "pipeline.classpaths": format!("file://{d}/b/dep.jar"),
                "pipeline.cached-files": format!("name:data.txt,path:'file://{d}/b/data.txt'")}})
        );
        let mut missing = settings.clone();
        missing.dependency_jars = Some(vec!["obs://b/gone.jar".into()]);
        let why = super::plan(&missing, &ObsRoot::new(&dir), None).unwrap_err();
        assert!(
            why.starts_with("The dependency JAR obs://b/gone.jar does not exist"),
            "{why}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
