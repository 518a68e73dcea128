#!/usr/bin/env bash
# A throwaway Apache Flink standalone cluster (one JobManager, one TaskManager) from PyPI,
# on free loopback ports, for `make flink-demo` and the tests.
#
#   cluster.sh install CACHE_DIR          install Flink into CACHE_DIR/venv if missing; prints the pyflink dir
#   cluster.sh start   CACHE_DIR RUN_DIR  start JM + TM (installing first if needed); prints FLINK_REST_URL=...
#   cluster.sh stop    RUN_DIR            stop exactly the processes `start` recorded in RUN_DIR/pids
#
# RUN_DIR gets: conf/ (config.yaml), log/ (every log; the job's stdout is in log/*taskexecutor*.out),
# work/ (the JVMs' working dir), pids ("jobmanager PID" / "taskmanager PID" lines), rest_url,
# savepoints/, tmp/, web-upload/. Needs curl, python3 (with venv or pip), Java 11+ and /proc.
# Ctrl-C: the JVMs, started from a script, ignore SIGINT; a caller stops them with `stop`.
#
# Environment knobs (defaults in brackets): FLINK_VERSION [2.3.0], PYTHON [python3],
# FLINK_JM_MEMORY [1024m], FLINK_TM_MEMORY [1536m], FLINK_TM_SLOTS [4],
# FLINK_START_TIMEOUT seconds [120], FLINK_STOP_TIMEOUT seconds [30].
set -euo pipefail

FLINK_VERSION=${FLINK_VERSION:-2.3.0}
PYTHON=${PYTHON:-python3}

die() { echo "cluster.sh: $*" >&2; exit 1; }
note() { echo "cluster.sh: $*" >&2; }
abspath() { mkdir -p "$1" && (cd "$1" && pwd -P); }

# ---------------------------------------------------------------- install

# Prints the pyflink dir of an existing, complete install, or nothing.
installed_pyflink() {
  local cache=$1 marker="$1/venv/.flink-installed"
  [[ -f $marker ]] || return 0
  local version dir
  { read -r version; read -r dir; } <"$marker" || return 0
  [[ $version == "$FLINK_VERSION" && -f $dir/bin/jobmanager.sh && -f $dir/lib/flink-dist-$FLINK_VERSION.jar ]] &&
    echo "$dir"
  return 0
}

cmd_install() {
  [[ $# -eq 1 ]] || die "usage: cluster.sh install CACHE_DIR"
  local cache dir
  cache=$(abspath "$1")
  dir=$(installed_pyflink "$cache")
  if [[ -z $dir ]]; then
    # One installer at a time per cache (tests may start in parallel).
    exec 9>"$cache/.install.lock"
    if command -v flock >/dev/null; then flock 9; fi
    dir=$(installed_pyflink "$cache")
  fi
  if [[ -z $dir ]]; then
    local venv="$cache/venv" pkgs=("apache-flink==$FLINK_VERSION" "apache-flink-libraries==$FLINK_VERSION")
    note "installing Flink $FLINK_VERSION from PyPI into $venv (about 330 MB)"
    rm -rf "$venv"
    # --no-deps: the bin scripts, flink-dist and conf need no Python package (no beam/pandas/pyarrow).
    if "$PYTHON" -m venv "$venv" >/dev/null 2>&1; then
      "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-cache-dir --no-deps "${pkgs[@]}" >&2
      dir=$(echo "$venv"/lib/python*/site-packages/pyflink)
    else # e.g. Debian without python3-venv: a plain --target install is just as good
      note "'$PYTHON -m venv' failed; installing with pip --target instead"
      rm -rf "$venv"
      "$PYTHON" -m pip install -q --disable-pip-version-check --no-cache-dir --no-deps \
        --target "$venv/site-packages" "${pkgs[@]}" >&2
      dir="$venv/site-packages/pyflink"
    fi
    [[ -f $dir/bin/jobmanager.sh && -f $dir/lib/flink-dist-$FLINK_VERSION.jar ]] ||
      die "pip finished but $dir has no bin/jobmanager.sh or lib/flink-dist-$FLINK_VERSION.jar"
    printf '%s\n%s\n' "$FLINK_VERSION" "$dir" >"$venv/.flink-installed"
  fi
  echo "$dir"
}

# ---------------------------------------------------------------- process and socket helpers

# True while PID exists and is not a zombie.
alive() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z && $state != X ]]
}

# Inodes of the listening TCP sockets owned by PID, one per line.
socket_inodes() {
  local fd link
  for fd in /proc/"$1"/fd/*; do
    link=$(readlink "$fd" 2>/dev/null) || continue
    [[ $link == socket:\[*\] ]] && { link=${link#socket:[}; echo "${link%]}"; }
  done
  return 0
}

# Lines "ADDRHEX PORT" for every listening TCP socket owned by PID (ADDRHEX as in /proc/net/tcp*).
listening_sockets() {
  local inodes
  inodes=$(socket_inodes "$1" | tr '\n' ' ')
  [[ -n $inodes ]] || return 0
  awk -v inodes=" $inodes " '
    FNR > 1 && $4 == "0A" && index(inodes, " " $10 " ") {
      split($2, a, ":"); print a[1], a[2]
    }' /proc/net/tcp /proc/net/tcp6 2>/dev/null |
    while read -r addr port; do echo "$addr $((16#$port))"; done
}

is_loopback_hex() {
  case $1 in
    ??????7F) return 0 ;;                                # 127.x.x.x (IPv4, little-endian)
    0000000000000000FFFF0000??????7F) return 0 ;;        # ::ffff:127.x.x.x
    00000000000000000000000001000000) return 0 ;;        # ::1
    *) return 1 ;;
  esac
}

# Free loopback TCP ports (N of them, distinct). The caller then verifies its process owns them.
free_ports() {
  "$PYTHON" - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

# The wheel's env.java.opts.all (its --add-opens/--add-exports for Java 17), nested or flat YAML.
wheel_java_opts() {
  awk '
    /^[[:space:]]*(#|$)/ { next }
    {
      match($0, /^ */); ind = RLENGTH; line = substr($0, ind + 1)
      key = line; sub(/:.*/, "", key); val = line; sub(/^[^:]*:[[:space:]]*/, "", val)
      while (depth > 0 && indent[depth] >= ind) depth--
      depth++; indent[depth] = ind; name[depth] = key
      path = name[1]; for (i = 2; i <= depth; i++) path = path "." name[i]
      if (path == "env.java.opts.all" && val != "") { print val; exit }
    }' "$1"
}

# ---------------------------------------------------------------- start

cmd_start() {
  [[ $# -eq 2 ]] || die "usage: cluster.sh start CACHE_DIR RUN_DIR"
  local pyflink run
  pyflink=$(cmd_install "$1")
  run=$(abspath "$2")
  if [[ -f $run/pids ]]; then
    local role pid
    while read -r role pid; do
      alive "$pid" && die "$run/pids lists a live $role (PID $pid); run 'cluster.sh stop $run' first"
    done <"$run/pids"
    rm -f "$run/pids"
  fi
  local java_opts
  java_opts=$(wheel_java_opts "$pyflink/conf/config.yaml")
  [[ -n $java_opts ]] || die "no env.java.opts.all in $pyflink/conf/config.yaml"

  local timeout=${FLINK_START_TIMEOUT:-120} attempt
  local rc
  for attempt in 1 2 3; do
    rc=0
    start_once "$pyflink" "$run" "$java_opts" "$timeout" || rc=$?
    if ((rc == 0)); then
      echo "FLINK_REST_URL=$(cat "$run/rest_url")"
      return 0
    fi
    ((rc == 2)) || exit 1 # 2 = lost a port race: retry with new ports
    ((attempt < 3)) && note "a port was taken before Flink bound it; retrying with new ports (attempt $((attempt + 1)))"
  done
  die "could not start Flink after 3 attempts; see $run/log"
}

# The Flink log of a role (standalonesession|taskexecutor), else the script's console output.
log_of() {
  local f
  for f in "$1"/log/flink-*-"$2"-*.log; do
    [[ -f $f ]] && { echo "$f"; return 0; }
  done
  echo "$3"
}

startup_failed() { # message run role console
  local f
  f=$(log_of "$2" "$3" "$4")
  note "$1; see $f"
  # The first lines naming an exception or error say why (else the end of the file).
  if [[ -s $f ]]; then
    { grep -m 3 -E '(Exception|Error)([: ]|$)' "$f" || tail -n 5 "$f"; } | cut -c1-300 | sed 's/^/    /' >&2
  fi
  return 0
}

# Returns 0 when up, 2 when the JobManager lost a port race (retryable), 1 otherwise.
start_once() {
  local pyflink=$1 run=$2 java_opts=$3 timeout=$4
  local rest_port rpc_port blob_port
  read -r rest_port rpc_port blob_port <<<"$(free_ports 3)"
  [[ $blob_port =~ ^[0-9]+$ ]] || die "could not pick free ports with $PYTHON"
  rm -rf "$run/conf" "$run/log" "$run/tmp" "$run/flink-pid" "$run/rest_url"
  mkdir -p "$run/conf" "$run/log" "$run/tmp" "$run/savepoints" "$run/web-upload" "$run/flink-pid" "$run/work"
  cp "$pyflink"/conf/log4j*.properties "$pyflink"/conf/logback*.xml "$run/conf/"
  # Flat keys are valid Flink 2.x config.yaml. Every listening socket is on 127.0.0.1: REST, JM RPC
  # and the blob server on the ports picked above; TM RPC/data and the metric query services on
  # random ports of their bind-host. rest.cache.execution-graph.timeout 500 ms: GET /jobs/{jid} shows
  # the state of half a second ago at worst (by default up to web.refresh-interval = 3 s); with 0,
  # two clients polling one job at once cancel each other's reads (HTTP 500 CancellationException).
  # java.io.tmpdir in RUN_DIR too: Flink's distributed cache would leave folders in /tmp.
  cat >"$run/conf/config.yaml" <<EOF
env.java.opts.all: $java_opts -Djava.io.tmpdir=$run/tmp
env.log.dir: $run/log
env.pid.dir: $run/flink-pid
env.stdout-err.redirect-to-file: true
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $rpc_port
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: ${FLINK_JM_MEMORY:-1024m}
jobmanager.execution.failover-strategy: region
blob.server.port: $blob_port
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.numberOfTaskSlots: ${FLINK_TM_SLOTS:-4}
taskmanager.memory.process.size: ${FLINK_TM_MEMORY:-1536m}
parallelism.default: 1
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $rest_port
rest.cache.execution-graph.timeout: 500 ms
io.tmp.dirs: $run/tmp
web.tmpdir: $run/tmp/web
web.upload.dir: $run/web-upload
state.savepoints.dir: file://$run/savepoints
EOF
  local url="http://127.0.0.1:$rest_port" jm tm
  local jm_out="$run/log/jobmanager.console" tm_out="$run/log/taskmanager.console"
  # Both JVMs run in RUN_DIR/work: that is the working directory of main() and of every task.
  cd "$run/work"
  # `&` on the script itself: jobmanager.sh execs flink-console.sh, which execs java, so $! is the
  # JVM. No terminal input, no inherited stdout (a caller reading our stdout must see EOF).
  STARTING_RUN=$run
  trap 'kill_pids "$STARTING_RUN"; exit 130' INT TERM
  FLINK_CONF_DIR="$run/conf" bash "$pyflink/bin/jobmanager.sh" start-foreground </dev/null >"$jm_out" 2>&1 &
  jm=$!
  echo "jobmanager $jm" >"$run/pids"
  FLINK_CONF_DIR="$run/conf" bash "$pyflink/bin/taskmanager.sh" start-foreground </dev/null >"$tm_out" 2>&1 &
  tm=$!
  echo "taskmanager $tm" >>"$run/pids"

  local deadline=$((SECONDS + timeout)) overview
  while :; do
    if ! alive "$jm"; then
      kill_pids "$run"
      if grep -qs -e BindException -e 'Address already in use' "$run"/log/*standalonesession* "$jm_out"; then return 2; fi
      startup_failed "the JobManager (PID $jm) exited during startup" "$run" standalonesession "$jm_out"
      return 1
    fi
    if ! alive "$tm"; then
      kill_pids "$run"
      startup_failed "the TaskManager (PID $tm) exited during startup" "$run" taskexecutor "$tm_out"
      return 1
    fi
    overview=$(curl -sf --max-time 2 "$url/overview" 2>/dev/null || true)
    if [[ $overview =~ \"taskmanagers\":([0-9]+) ]] && ((BASH_REMATCH[1] >= 1)); then break; fi
    if ((SECONDS >= deadline)); then
      kill_pids "$run"
      startup_failed "Flink did not come up within ${timeout}s (no TaskManager at $url/overview)" \
        "$run" standalonesession "$jm_out"
      note "TaskManager log: $(log_of "$run" taskexecutor "$tm_out")"
      return 1
    fi
    sleep 0.3
  done

  # The answer must come from our JobManager, not a leftover one: its PID owns the REST port.
  # (No `| grep -q` under pipefail: an early exit of grep would SIGPIPE the producer.)
  local addr port bad="" jm_sockets
  jm_sockets=$(listening_sockets "$jm")
  if ! grep -q " $rest_port\$" <<<"$jm_sockets"; then
    kill_pids "$run"
    note "port $rest_port answers but is not owned by our JobManager (PID $jm): another process has it"
    return 2
  fi
  for pid in "$jm" "$tm"; do
    while read -r addr port; do
      [[ -n $addr ]] && ! is_loopback_hex "$addr" && bad+=" PID $pid port $port"
    done <<<"$(listening_sockets "$pid")"
  done
  if [[ -n $bad ]]; then
    kill_pids "$run"
    note "Flink listens on a non-loopback address:$bad"
    return 1
  fi
  trap - INT TERM
  echo "$url" >"$run/rest_url"
  return 0
}

# ---------------------------------------------------------------- stop

# TERM each recorded PID that is still ours, wait, KILL the rest. Removes RUN_DIR/pids.
kill_pids() {
  local run=$1 role pid pids=() grace=${FLINK_STOP_TIMEOUT:-30}
  [[ -f $run/pids ]] || return 0
  while read -r role pid; do
    [[ $pid =~ ^[0-9]+$ ]] || continue
    alive "$pid" || continue
    # Guard against PID reuse: our JVMs (and the scripts before they exec java) mention RUN_DIR.
    local cmdline environ
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
    environ=$(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null || true)
    if [[ $cmdline == *"$run/"* ]] || grep -qxF "FLINK_CONF_DIR=$run/conf" <<<"$environ"; then
      kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
    else
      note "PID $pid ($role) is no longer ours; leaving it alone"
    fi
  done <"$run/pids"
  local deadline=$((SECONDS + grace)) p left
  while :; do
    left=()
    for p in "${pids[@]}"; do alive "$p" && left+=("$p"); done
    ((${#left[@]} == 0)) && break
    if ((SECONDS >= deadline)); then
      note "still running after ${grace}s, sending KILL: ${left[*]}"
      kill -KILL "${left[@]}" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
    pids=("${left[@]}")
  done
  rm -f "$run/pids"
}

cmd_stop() {
  [[ $# -eq 1 ]] || die "usage: cluster.sh stop RUN_DIR"
  [[ -d $1 ]] || die "no such run dir: $1"
  local run
  run=$(cd "$1" && pwd -P)
  kill_pids "$run"
  rm -f "$run/rest_url"
}

case ${1:-} in
  install) shift; cmd_install "$@" ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  *) die "usage: cluster.sh install CACHE_DIR | start CACHE_DIR RUN_DIR | stop RUN_DIR" ;;
esac
