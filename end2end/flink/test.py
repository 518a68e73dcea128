#!/usr/bin/env python3
"""`make flink-test`: the portal's JSON API against the simulator on a real Flink (one cluster for
the run). The demo job is created and started through /api/v1 with a quoted phrase among its
arguments and parallelism 2; Flink's own REST API must show the entry class, each argument and
the parallelism as sent; the history must show job_running, then job_finish; a wrong main class
must be job_submit_fail with Flink's sentence on the job page, a missing JAR one naming its file;
dependency JARs and files must reach the job; stop must cancel the Flink job, and a stop with a
savepoint must leave one to resume from. Prints the figures it measured.
Usage: test.py [SERVER_BINARY]   (default target/release/server)"""
import html, subprocess, sys, tempfile, time, traceback
from stack import DEMO_JAR, Stack, request, rss_mib, wait_for

ARGS = '--count 600 --rate 150 --name "hello big world" --tag \'single quoted\' plain'
WORDS = ["--count", "600", "--rate", "150", "--name", "hello big world",
         "--tag", "single quoted", "plain"]
UNBOUNDED = "--count 9223372036854775807 --rate 20"


def create(stack, name, start=True, **fields):
    body = {"name": name, "queue_name": "flink_queue", "entrypoint": DEMO_JAR,
            "main_class": "demo.DemoJob", "cu_number": 2, "parallel_number": 1,
            "feature": "basic", "flink_version": "1.15", "start": start, **fields}
    status, answer = request("POST", f"{stack.portal}/api/v1/jobs", body)
    assert status == 201, (status, answer)
    return answer


def details(stack, record_id):
    status, answer = request("GET", f"{stack.portal}/api/v1/jobs/{record_id}")
    assert status == 200, (status, answer)
    return answer


def reaches(stack, record_id, wanted, timeout=120):
    """Waits until the history shows the job in status `wanted`; its details then."""
    def shown():
        job = details(stack, record_id)
        return job if job["summary"]["status"] == wanted else None
    return wait_for(f"job {record_id} to be {wanted}", shown, timeout)


def flink_job_id(stack, dli_job_id):
    def known():
        _, jobs = request("GET", f"{stack.sim}/_sim/jobs")
        return next((j["flink_job_id"] for j in jobs if j["job_id"] == dli_job_id), None)
    return wait_for(f"Flink to take DLI job {dli_job_id}", known, 60)


def flink(stack, path):
    status, answer = request("GET", f"{stack.flink}{path}")
    assert status == 200, (path, status, answer)
    return answer


def flink_state(stack, jid):
    """The Flink job's state, or None while Flink cannot say (a read it cancelled: HTTP 500)."""
    status, answer = request("GET", f"{stack.flink}/jobs/{jid}")
    return answer["state"] if status == 200 else None


def test_arguments_and_parallelism_reach_flink_and_a_bounded_run_finishes(stack, figures):
    began = time.monotonic()
    created = create(stack, "bounded", parallel_number=2, entrypoint_args=ARGS,
                     runtime_config='[{"key":"demo.custom.key","value":"custom value"}]')
    running = reaches(stack, created["record_id"], "job_running")
    figures["create_and_start_to_job_running_s"] = time.monotonic() - began
    jid = flink_job_id(stack, created["dli_job_id"])
    user = flink(stack, f"/jobs/{jid}/config")["execution-config"]["user-config"]
    assert user["entry_class"] == "demo.DemoJob", user
    assert [user[f"arg.{i}"] for i in range(int(user["arg.count"]))] == WORDS, user
    assert user["main.parallelism"] == "2", user
    assert user["config.demo.custom.key"] == "custom value", user
    vertices = flink(stack, f"/jobs/{jid}")["vertices"]
    assert [v["parallelism"] for v in vertices] == [2] * len(vertices), vertices
    assert running["engine_url"] == f"{stack.sim}/_sim/jobs/{created['dli_job_id']}/dashboard"
    status, page = request("GET", f"{stack.portal}/jobs/{created['record_id']}")
    assert status == 200 and f'href="{running["engine_url"]}"' in page, "the job page links to Flink"
    finished = reaches(stack, created["record_id"], "job_finish")
    statuses = [change["status"] for change in finished["timeline"]]
    assert statuses.index("job_running") < statuses.index("job_finish"), statuses
    assert flink_state(stack, jid) == "FINISHED"


def test_a_wrong_main_class_is_a_submit_failure_with_flinks_reason(stack, figures):
    created = create(stack, "wrong_class", main_class="demo.Nope")
    failed = reaches(stack, created["record_id"], "job_submit_fail")
    sentence = "The program's entry point class 'demo.Nope' was not found in the jar file."
    assert sentence in (failed["status_desc"] or ""), failed["status_desc"]
    status, page = request("GET", f"{stack.portal}/jobs/{created['record_id']}")
    assert status == 200 and sentence in html.unescape(page), page[-2000:]


def test_a_missing_jar_is_a_submit_failure_naming_the_path(stack, figures):
    created = create(stack, "missing_jar", entrypoint="obs://demo/jars/none.jar")
    failed = reaches(stack, created["record_id"], "job_submit_fail")
    assert f"{stack.obs}/demo/jars/none.jar" in failed["status_desc"], failed["status_desc"]


def test_dependency_jars_and_files_reach_the_job(stack, figures):
    deps = stack.obs / "demo/deps"
    (deps / "src/dep").mkdir(parents=True)
    (deps / "src/dep/Marker.java").write_text("package dep; public class Marker {}\n")
    subprocess.run(["javac", "-d", deps / "classes", deps / "src/dep/Marker.java"], check=True)
    subprocess.run(["jar", "--create", "--file", deps / "marker.jar", "-C", deps / "classes", "."],
                   check=True)
    (deps / "data.txt").write_text("some data\n")
    created = create(stack, "dependencies", dependency_jars=["obs://demo/deps/marker.jar"],
                     dependency_files=["obs://demo/deps/data.txt"],
                     entrypoint_args="--count 50 --rate 100 --require-class dep.Marker "
                                     "--require-cached data.txt")
    wait_for("the job to end", lambda: details(stack, created["record_id"])["summary"]["status"]
             in ("job_finish", "job_running_exception", "job_submit_fail"), 90)
    ended = details(stack, created["record_id"])
    assert ended["summary"]["status"] == "job_finish", ended["status_desc"]


def test_stop_cancels_the_flink_job(stack, figures):
    created = create(stack, "to_cancel", entrypoint_args=UNBOUNDED)
    reaches(stack, created["record_id"], "job_running")
    jid = flink_job_id(stack, created["dli_job_id"])
    status, answer = request("POST", f"{stack.portal}/api/v1/jobs/{created['record_id']}/stop", {})
    assert status == 200, (status, answer)
    wait_for("Flink to cancel the job", lambda: flink_state(stack, jid) == "CANCELED", 60)
    reaches(stack, created["record_id"], "job_cancel_success")


def test_a_stop_with_a_savepoint_is_resumed_from(stack, figures):
    created = create(stack, "savepoint", entrypoint_args=UNBOUNDED)
    record = created["record_id"]
    reaches(stack, record, "job_running")
    status, answer = request("POST", f"{stack.portal}/api/v1/jobs/{record}/stop",
                             {"trigger_savepoint": True})
    assert status == 200, (status, answer)
    stopped = wait_for("the savepoint", lambda: (lambda j: j if j["has_savepoint"] else None)(
        details(stack, record)), 90)
    assert stopped["summary"]["status"] == "job_cancel_success", stopped["summary"]
    _, jobs = request("GET", f"{stack.sim}/_sim/jobs")
    path = next(j for j in jobs if j["job_id"] == created["dli_job_id"])["savepoint_path"]
    assert path.startswith("obs://savepoints/"), path
    assert (stack.obs / path.removeprefix("obs://") / "_metadata").is_file(), path
    status, answer = request("POST", f"{stack.portal}/api/v1/jobs/{record}/start",
                             {"resume_savepoint": True})
    assert status == 200, (status, answer)
    reaches(stack, record, "job_running")
    jid = flink_job_id(stack, created["dli_job_id"])
    restored = flink(stack, f"/jobs/{jid}/checkpoints")["latest"]["restored"]
    assert restored and restored["external_path"].endswith(path.rsplit("/", 1)[1]), restored
    request("POST", f"{stack.portal}/api/v1/jobs/{record}/stop", {})
    reaches(stack, record, "job_cancel_success")


def main():
    began = time.monotonic()
    figures = {}
    failures = 0
    with tempfile.TemporaryDirectory(prefix="flink-test-") as work:
        stack = Stack(work, server=sys.argv[1] if len(sys.argv) > 1 else None,
                      poll_interval_ms=200)
        try:
            stack.start()
            figures["cluster_start_s"] = stack.timings["cluster_start_s"]
            figures["cluster_rss_idle_mib"] = sum(map(rss_mib, stack.flink_pids()))
            tests = [t for name, t in globals().items() if name.startswith("test_")]
            for test in tests:
                try:
                    test(stack, figures)
                    print(f"ok      {test.__name__}", flush=True)
                except Exception:
                    failures += 1
                    print(f"FAILED  {test.__name__}\n{traceback.format_exc()}", flush=True)
            figures["cluster_rss_after_mib"] = sum(map(rss_mib, stack.flink_pids()))
        except Exception:
            failures += 1
            traceback.print_exc()
        finally:
            if failures:
                for name, log in stack.logs().items():
                    print(f"--- the {name}'s log (end) ---\n{log.read_text()[-4000:]}")
            stack.stop()
    figures["total_s"] = time.monotonic() - began
    print("figures: " + ", ".join(f"{k}={v:.1f}" for k, v in figures.items()))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
