//! The throwaway PostgreSQL cluster: initdb and postgres from Debian's binaries in a temporary
//! folder, listening on a free port of 127.0.0.1 and on a socket in that folder.
//!
//! The cluster's `postgres` is a direct child of a thread that waits on it for the life of the
//! process. An `atexit` hook stops it (fast shutdown) and deletes its folder: the test harness
//! leaves through `exit` whether tests pass or fail. If the process dies any other way, the
//! kernel sends postgres SIGQUIT (`PR_SET_PDEATHSIG`), an immediate shutdown; only the folder
//! in the temp dir is left then. initdb refuses to run as root, so as root both initdb and
//! postgres run as the `postgres` user that Debian's package creates (setuid in the child).

use std::{
    ffi::CString,
    fs::File,
    io,
    net::TcpListener,
    os::unix::process::CommandExt,
    path::{Path, PathBuf},
    process::{Command, Stdio},
    sync::{Mutex, mpsc},
    thread,
    time::Duration,
};

/// The running throwaway cluster, for the exit hook: postgres's pid and the cluster's folder.
static CLUSTER: Mutex<Option<(i32, PathBuf)>> = Mutex::new(None);

/// Starts the cluster; returns the URL of its `postgres` database.
pub fn start() -> String {
    let bin = postgres_bin_dir();
    let root = tempfile::Builder::new()
        .prefix("dli-portal-pg-")
        .tempdir()
        .expect("a temporary folder for PostgreSQL")
        .keep();
    let owner = cluster_owner();
    if let Some((uid, gid)) = owner {
        std::os::unix::fs::chown(&root, Some(uid), Some(gid)).expect("chown the cluster folder");
    }
    let data = root.join("data");
    let mut initdb = as_owner(Command::new(bin.join("initdb")), owner, &root);
    initdb.arg("-D").arg(&data);
    initdb.args([
        "-U",
        "postgres",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync",
    ]);
    let output = initdb.output().expect("initdb runs");
    assert!(
        output.status.success(),
        "initdb failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    unsafe { libc::atexit(stop_cluster) };
    // Another process may take the free port before postgres binds it: then try another.
    for _ in 0..3 {
        let port = free_port();
        let pid = spawn_postgres(&bin, &root, port, owner);
        *CLUSTER.lock().unwrap() = Some((pid, root.clone()));
        if wait_until_ready(&bin, port, pid) {
            return format!("postgres://postgres@127.0.0.1:{port}/postgres");
        }
    }
    panic!(
        "PostgreSQL did not start; see {}",
        root.join("postgres.log").display()
    );
}

/// `PG_BIN_DIR`, or the newest of Debian's /usr/lib/postgresql/<version>/bin.
fn postgres_bin_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("PG_BIN_DIR") {
        return PathBuf::from(dir);
    }
    let newest = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            Some((
                entry.file_name().to_str()?.parse::<u32>().ok()?,
                entry.path(),
            ))
        })
        .filter(|(_, path)| path.join("bin/initdb").exists())
        .max_by_key(|(version, _)| *version);
    match newest {
        Some((_, path)) => path.join("bin"),
        None => panic!(
            "no PostgreSQL binaries under /usr/lib/postgresql: install Debian's postgresql \
             package (`make test` does), or set TEST_DATABASE_URL or PG_BIN_DIR"
        ),
    }
}

/// Whom the cluster runs as: ourselves, or `postgres` when we are root.
fn cluster_owner() -> Option<(u32, u32)> {
    if unsafe { libc::geteuid() } != 0 {
        return None;
    }
    let name = CString::new("postgres").unwrap();
    let user = unsafe { libc::getpwnam(name.as_ptr()) };
    assert!(
        !user.is_null(),
        "as root, PostgreSQL needs the `postgres` user (Debian's package makes it)"
    );
    Some(unsafe { ((*user).pw_uid, (*user).pw_gid) })
}

fn as_owner(mut command: Command, owner: Option<(u32, u32)>, folder: &Path) -> Command {
    if let Some((uid, gid)) = owner {
        command.uid(uid).gid(gid);
    }
    // The test's own folder may be closed to the postgres user.
    command.current_dir(folder);
    command
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    listener.local_addr().unwrap().port()
}

fn spawn_postgres(bin: &Path, root: &Path, port: u16, owner: Option<(u32, u32)>) -> i32 {
    let log = File::create(root.join("postgres.log")).expect("the PostgreSQL log file");
    let mut postgres = as_owner(Command::new(bin.join("postgres")), owner, root);
    postgres
        .arg("-D")
        .arg(root.join("data"))
        .arg("-k")
        .arg(root);
    postgres.args(["-h", "127.0.0.1", "-p", &port.to_string()]);
    // Durability is of no use to a throwaway cluster, and costs seconds per test run.
    postgres.args([
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
    ]);
    postgres
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log);
    let parent = std::process::id();
    // Runs after setuid (which would clear the death signal), just before exec.
    unsafe {
        postgres.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGQUIT) != 0 {
                return Err(io::Error::last_os_error());
            }
            if libc::getppid() as u32 != parent {
                return Err(io::Error::other("the test process is gone"));
            }
            Ok(())
        })
    };
    let (started, pid) = mpsc::channel();
    // The death signal follows the thread that spawned the child, so that thread must live
    // until postgres ends: it waits for it (and reaps it).
    thread::Builder::new()
        .name("postgres-parent".into())
        .spawn(move || match postgres.spawn() {
            Ok(mut child) => {
                started.send(Ok(child.id() as i32)).unwrap();
                let _ = child.wait();
            }
            Err(error) => started.send(Err(error)).unwrap(),
        })
        .expect("a thread to start postgres from");
    pid.recv().unwrap().expect("postgres starts")
}

fn wait_until_ready(bin: &Path, port: u16, pid: i32) -> bool {
    for _ in 0..300 {
        let ready = Command::new(bin.join("pg_isready"))
            .args([
                "-q",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-p",
                &port.to_string(),
            ])
            .status()
            .is_ok_and(|status| status.success());
        if ready {
            return true;
        }
        if !is_alive(pid) {
            return false;
        }
        thread::sleep(Duration::from_millis(100));
    }
    false
}

fn is_alive(pid: i32) -> bool {
    unsafe { libc::kill(pid, 0) == 0 }
}

extern "C" fn stop_cluster() {
    let Some((pid, root)) = CLUSTER.lock().ok().and_then(|cluster| cluster.clone()) else {
        return;
    };
    unsafe { libc::kill(pid, libc::SIGINT) };
    // Its parent thread reaps it; its files can go once it is gone.
    for _ in 0..200 {
        if !is_alive(pid) {
            break;
        }
        thread::sleep(Duration::from_millis(25));
    }
    let _ = std::fs::remove_dir_all(root);
}
