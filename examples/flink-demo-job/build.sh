#!/usr/bin/env bash
# Builds the demo job with javac + jar against a Flink distribution's lib/ (no Maven needed).
#   build.sh FLINK_LIB_DIR OUT_JAR     e.g. build.sh "$(cluster.sh install CACHE)/lib" target/demo-job.jar
# Rebuilds only when a source (or this script) is newer than OUT_JAR. Needs a JDK 11+.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: build.sh FLINK_LIB_DIR OUT_JAR" >&2; exit 2; }
lib=$1 out=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
shopt -s nullglob
jars=("$lib"/*.jar)
[[ ${#jars[@]} -gt 0 ]] || { echo "build.sh: no jars in $lib" >&2; exit 1; }
sources=("$here"/src/demo/*.java)

if [[ -f $out ]]; then
  stale=0
  for f in "${sources[@]}" "$here/build.sh"; do [[ $f -nt $out ]] && stale=1; done
  ((stale)) || { echo "$out"; exit 0; }
fi

mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d "$(dirname "$out")/.demo-job-build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
classpath=$(IFS=:; echo "${jars[*]}")
javac --release 11 -nowarn -encoding UTF-8 -cp "$classpath" -d "$tmp/classes" "${sources[@]}"
jar --create --file "$tmp/demo-job.jar" --main-class demo.DemoJob -C "$tmp/classes" .
mv -f "$tmp/demo-job.jar" "$out"
echo "$out"
