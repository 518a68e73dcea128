#!/usr/bin/env bash
# schemathesis against a live release portal on its embedded defaults (a fresh SQLite history,
# the built-in DLI simulator) on a free loopback port, stopped by its PID: every check of
# `schemathesis.toml`, every phase, the stateful links included. Usage: fuzz.sh SCHEMATHESIS
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
schemathesis=$(realpath "$1")
work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"

# The create limit is off: the run is about the API's shape, and 429 would stop most creates.
DATABASE_URL="sqlite://$work/portal.db" PORTAL_CREATES_PER_MINUTE=0 \
  LEPTOS_SITE_ROOT="$root/target/site" "$root/target/release/server" --listen "127.0.0.1:$port" \
  >"$work/portal.log" 2>&1 &
portal=$!
stop() { kill "$portal" 2>/dev/null && wait "$portal" 2>/dev/null; rm -rf "$work"; }
trap stop EXIT

until curl -sf "$base/healthz" >/dev/null; do
  kill -0 "$portal" 2>/dev/null || { cat "$work/portal.log"; exit 1; }
  sleep 0.2
done
cd "$here"
"$schemathesis" run "$base/api/v1/openapi.json" --checks all --workers 1 || {
  echo "--- the portal's log ---"; tail -50 "$work/portal.log"; exit 1
}
