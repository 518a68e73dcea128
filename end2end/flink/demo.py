#!/usr/bin/env python3
"""`make flink-demo`: Flink from PyPI, the simulator wired to it and a portal wired to the
simulator, all on free loopback ports, until Ctrl-C stops every process it started (by PID).
Work files (the OBS folder with the demo JAR, the history, every log) are in target/flink-demo."""
import signal, sys
from stack import DEMO_JAR, ROOT, Stack

# Ctrl-C and SIGTERM stop everything, even when a script started us in the background (which
# leaves SIGINT ignored).
signal.signal(signal.SIGINT, signal.default_int_handler)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
stack = Stack(ROOT / "target/flink-demo", poll_interval_ms=1000)
try:
    stack.start()
    print(f"""
The portal:        {stack.portal}   (its DLI is a simulator that runs each job on Flink)
Flink's dashboard: {stack.flink}
OBS folder:        {stack.obs}   (obs://bucket/key is {stack.obs}/bucket/key)

Create a job with entrypoint {DEMO_JAR} and main class demo.DemoJob, e.g. arguments
  --count 2000 --rate 100 --name "my first job"
(examples/flink-demo-job/README.md lists them), or through the JSON API:
  curl -s -X POST {stack.portal}/api/v1/jobs -H 'Content-Type: application/json' -d '{{"name":
    "demo", "queue_name": "flink_queue", "entrypoint": "{DEMO_JAR}", "main_class": "demo.DemoJob",
    "entrypoint_args": "--count 2000 --name \\"my first job\\"", "cu_number": 2,
    "parallel_number": 2, "start": true}}'
Logs: {stack.work}/*.log, {stack.flink_run}/log.  Ctrl-C stops everything.""", flush=True)
    signal.pause()
except KeyboardInterrupt:
    pass
finally:
    print("stopping the portal, the simulator and Flink", file=sys.stderr)
    stack.stop()
