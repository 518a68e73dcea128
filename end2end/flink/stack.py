"""The local stack of `make flink-demo` and `make flink-test`: Apache Flink from PyPI (one
JobManager, one TaskManager, via examples/flink-local/cluster.sh), the demo job's JAR in a
folder that plays OBS, `server simulate --flink-rest --obs-root`, and a portal that uses that
simulator as its DLI. Every process listens on a free 127.0.0.1 port and is stopped by its PID."""
import json, os, secrets, socket, subprocess, sys, time, urllib.error, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLINK_VERSION = os.environ.get("FLINK_VERSION", "2.3.0")
CLUSTER = ROOT / "examples/flink-local/cluster.sh"
BUILD_JOB = ROOT / "examples/flink-demo-job/build.sh"
# Where the demo job lies in the OBS folder, and its name as a DLI job's entrypoint.
DEMO_JAR = "obs://demo/jars/demo-job.jar"
PROJECT_ID = "0f5e1a7c3b9d4e2a8c6b1d0e9f7a3c51"  # the simulator's default project


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(method, url, body=None, headers=None):
    """(status, parsed JSON or text) of one HTTP call; an error status is an answer, not a raise."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def wait_for(what, condition, timeout=120, interval=0.1):
    """Polls `condition` until it gives something truthy, which it returns; fails after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Stack:
    """Starts everything in `work` (a folder of its own); `stop` ends what it started."""

    def __init__(self, work, server=None, poll_interval_ms=2000):
        self.work = Path(work).resolve()
        self.server = Path(server or ROOT / "target/release/server")
        self.poll_interval_ms = poll_interval_ms
        self.obs = self.work / "obs"
        self.flink_run = self.work / "flink"
        self.procs = []
        self.timings = {}

    def start(self):
        if not self.server.is_file():
            raise SystemExit(f"{self.server} is missing: build it first (make site)")
        cache = ROOT / ".cache" / f"flink-{FLINK_VERSION}"
        pyflink = self._out([CLUSTER, "install", cache]).strip()
        self.obs.mkdir(parents=True, exist_ok=True)
        jar = self.obs / DEMO_JAR.removeprefix("obs://")
        self._out([BUILD_JOB, f"{pyflink}/lib", jar])
        began = time.monotonic()
        started = self._out([CLUSTER, "start", cache, self.flink_run])
        self.timings["cluster_start_s"] = time.monotonic() - began
        self.flink = started.strip().splitlines()[-1].removeprefix("FLINK_REST_URL=")
        # Fresh keys per run, only in the environment of the two processes; never printed.
        keys = {"HUAWEICLOUD_SDK_AK": secrets.token_hex(10).upper(),
                "HUAWEICLOUD_SDK_SK": secrets.token_hex(20)}
        self.sim = f"http://127.0.0.1:{free_port()}"
        self._spawn("simulator", [self.server, "simulate", "--listen", self.sim[7:],
                                  "--flink-rest", self.flink, "--obs-root", self.obs], keys)
        wait_for("the simulator", lambda: self._answers(f"{self.sim}/_sim/counts"), 60)
        # A new simulator knows no job of an earlier run (and reuses its ids): a new history too.
        for old in self.work.glob("portal.db*"):
            old.unlink()
        self.portal = f"http://127.0.0.1:{free_port()}"
        self._spawn("portal", [self.server, "--listen", self.portal[7:]], {
            **keys, "DLI_ENDPOINT": self.sim, "HUAWEICLOUD_SDK_PROJECT_ID": PROJECT_ID,
            "DATABASE_URL": f"sqlite://{self.work}/portal.db", "PORTAL_CREATES_PER_MINUTE": "0",
            "PORTAL_POLL_INTERVAL_MS": str(self.poll_interval_ms),
            "PORTAL_FLINK_DASHBOARD": self.sim, "LEPTOS_SITE_ROOT": str(ROOT / "target/site")})
        wait_for("the portal", lambda: self._answers(f"{self.portal}/healthz"), 60)
        return self

    def flink_pids(self):
        return [int(line.split()[1]) for line in (self.flink_run / "pids").read_text().splitlines()]

    def stop(self):
        for name, proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    print(f"{name} (PID {proc.pid}) ignored SIGTERM; killing it", file=sys.stderr)
                    proc.kill()
                    proc.wait()
        self.procs.clear()
        if (self.flink_run / "pids").exists():
            subprocess.run(["bash", CLUSTER, "stop", self.flink_run], check=False)

    def logs(self):
        return {name: (self.work / f"{name}.log") for name, _ in self.procs}

    def _answers(self, url):
        for name, proc in self.procs:
            if proc.poll() is not None:
                log = (self.work / f"{name}.log").read_text()[-3000:]
                raise AssertionError(f"the {name} exited with {proc.returncode}:\n{log}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def _spawn(self, name, args, env):
        log = open(self.work / f"{name}.log", "w")
        proc = subprocess.Popen([str(a) for a in args], env={**os.environ, **env},
                                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        self.procs.append((name, proc))

    def _out(self, args):
        # stderr stays the caller's: the install and start notes, and why a step failed.
        done = subprocess.run(["bash", *map(str, args)], check=True, stdout=subprocess.PIPE, text=True)
        return done.stdout
